package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.config.LvsTestSupport.load;
import static org.keepalived4j.config.LvsTestSupport.messages;
import static org.keepalived4j.config.LvsTestSupport.scriptSecurityMessages;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.lvs.Checker;
import org.keepalived4j.config.model.lvs.CheckerTiming;
import org.keepalived4j.config.model.lvs.DnsQueryType;
import org.keepalived4j.config.model.lvs.ForwardingMethod;
import org.keepalived4j.config.model.lvs.HttpProtocol;
import org.keepalived4j.config.model.lvs.IpFamily;
import org.keepalived4j.config.model.lvs.LvsConfig;
import org.keepalived4j.config.model.lvs.Protocol;
import org.keepalived4j.config.model.lvs.RealServer;
import org.keepalived4j.config.model.lvs.Scheduler;
import org.keepalived4j.config.model.lvs.SslConfig;
import org.keepalived4j.config.model.lvs.StatusCodeRange;
import org.keepalived4j.config.model.lvs.UrlCheck;
import org.keepalived4j.config.model.lvs.VirtualServer;
import org.keepalived4j.config.model.lvs.VirtualServerGroup;
import org.keepalived4j.config.model.lvs.VirtualService;

class LvsBinderTest {
    static final Path FULL = Path.of("src/test/resources/lvs/full.conf");

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text); // literals only
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static LvsConfig lvs(String text) {
        return load(text).config().lvs();
    }

    static LvsConfig full() throws IOException {
        ConfigLoader.Result r = load(Files.readString(FULL));
        assertThat(messages(r)).isEmpty();
        return r.config().lvs();
    }

    /** One virtual server with one real server holding the given checker body. */
    static String withChecker(String checker) {
        return """
                virtual_server 10.0.0.1 80 {
                    protocol TCP
                    real_server 10.0.0.2 80 {
                %s
                    }
                }
                """.formatted(checker);
    }

    @Nested
    class FullConfiguration {
        @Test
        void sslBlock() throws IOException {
            assertThat(full().ssl()).contains(new SslConfig(Optional.of("secret"), Optional.of("/etc/keepalived/ca.pem"),
                    Optional.of("/etc/keepalived/cert.pem"), Optional.of("/etc/keepalived/key.pem")));
        }

        @Test
        void groupEntriesAreRangesAndMarks() throws IOException {
            VirtualServerGroup web = full().group("web").orElseThrow();
            assertThat(web.entries()).containsExactly(
                    new VirtualServerGroup.AddressRange(ip("192.168.10.1"), ip("192.168.10.1"), 80),
                    new VirtualServerGroup.AddressRange(ip("192.168.10.10"), ip("192.168.10.20"), 80),
                    new VirtualServerGroup.AddressRange(ip("192.168.10.250"), ip("192.168.11.5"), 8080),
                    new VirtualServerGroup.AddressRange(ip("192.168.12.0"), ip("192.168.12.3"), 443),
                    new VirtualServerGroup.Fwmark(7, Optional.empty()));
            VirtualServerGroup six = full().group("six").orElseThrow();
            assertThat(six.entries()).containsExactly(
                    new VirtualServerGroup.AddressRange(ip("fd00::1"), ip("fd00::1"), 80),
                    new VirtualServerGroup.AddressRange(ip("fd00::10"), ip("fd00::1f"), 80),
                    new VirtualServerGroup.Fwmark(9, Optional.of(IpFamily.INET6)));
        }

        @Test
        void virtualServerValues() throws IOException {
            VirtualServer vs = full().virtualServers().get(0);
            assertThat(vs.service()).isEqualTo(new VirtualService.Address(ip("10.1.0.1"), 80));
            assertThat(vs.protocol()).contains(Protocol.TCP);
            assertThat(vs.scheduler()).isEqualTo(Scheduler.WRR);
            assertThat(vs.forwarding()).isEqualTo(ForwardingMethod.NAT);
            assertThat(vs.persistenceTimeout()).contains(Duration.ofSeconds(600));
            assertThat(vs.persistenceGranularity()).hasValue(24);
            assertThat(vs.delayLoop()).isEqualTo(Duration.ofSeconds(10));
            assertThat(vs.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
            assertThat(vs.retry()).hasValue(4);
            assertThat(vs.delayBeforeRetry()).contains(Duration.ofSeconds(2));
            assertThat(vs.warmup()).contains(Duration.ofSeconds(5));
            assertThat(vs.haSuspend()).isTrue();
            assertThat(vs.alpha()).isTrue();
            assertThat(vs.omega()).isTrue();
            assertThat(vs.inhibitOnFailure()).isTrue();
            assertThat(vs.quorum()).isEqualTo(2);
            assertThat(vs.hysteresis()).isEqualTo(1);
            assertThat(vs.quorumUp()).contains(new ScriptCommand("/usr/local/bin/quorum up", Optional.of("root"), Optional.of("root")));
            assertThat(vs.quorumDown()).contains(ScriptCommand.of("/usr/local/bin/quorum-down"));
            assertThat(vs.smtpAlert()).contains(true);
            assertThat(vs.virtualhost()).contains("www.example.com");
            assertThat(vs.snmpName()).contains("web-frontend");
            assertThat(vs.sorryServer()).hasValueSatisfying(ss -> {
                assertThat(ss.address()).isEqualTo(ip("10.1.0.99"));
                assertThat(ss.port()).isEqualTo(8080);
                assertThat(ss.inhibit()).isTrue();
                assertThat(ss.forwarding()).isEqualTo(ForwardingMethod.NAT);
            });
            assertThat(vs.realServers()).hasSize(2);
            assertThat(vs.totalWeight()).isEqualTo(3 + 1);
        }

        @Test
        void realServerOwnValuesOverrideTheVirtualServers() throws IOException {
            RealServer rs = full().virtualServers().get(0).realServers().get(0);
            assertThat(rs.address()).isEqualTo(ip("10.1.0.2"));
            assertThat(rs.port()).isEqualTo(8080);
            assertThat(rs.weight()).isEqualTo(3);
            assertThat(rs.notifyUp()).contains(ScriptCommand.of("/usr/local/bin/rs up"));
            assertThat(rs.notifyDown()).contains(new ScriptCommand("/usr/local/bin/rs-down", Optional.of("nobody"), Optional.empty()));
            assertThat(rs.upperThreshold()).hasValue(1000);
            assertThat(rs.lowerThreshold()).hasValue(10);
            assertThat(rs.smtpAlert()).contains(false);
            assertThat(rs.virtualhost()).contains("rs2.example.com");
            assertThat(rs.snmpName()).contains("rs2");
            assertThat(rs.alpha()).isFalse();
            assertThat(rs.inhibitOnFailure()).isFalse();
            assertThat(rs.delayLoop()).isEqualTo(Duration.ofSeconds(20));
            assertThat(rs.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(rs.retry()).hasValue(2);
            assertThat(rs.delayBeforeRetry()).contains(Duration.ofMillis(1500));
            assertThat(rs.warmup()).contains(Duration.ZERO);
        }

        @Test
        void realServerInheritsFromTheVirtualServer() throws IOException {
            RealServer rs = full().virtualServers().get(0).realServers().get(1);
            assertThat(rs.weight()).isEqualTo(1);
            assertThat(rs.alpha()).isTrue();
            assertThat(rs.inhibitOnFailure()).isTrue();
            assertThat(rs.virtualhost()).contains("www.example.com");
            assertThat(rs.delayLoop()).isEqualTo(Duration.ofSeconds(10));
            assertThat(rs.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
            assertThat(rs.retry()).hasValue(4);
            assertThat(rs.delayBeforeRetry()).contains(Duration.ofSeconds(2));
            assertThat(rs.warmup()).contains(Duration.ofSeconds(5));
            assertThat(rs.smtpAlert()).isEmpty();
        }

        @Test
        void httpCheckerWithOwnValues() throws IOException {
            Checker c = full().virtualServers().get(0).realServers().get(0).checkers().get(0);
            assertThat(c).isInstanceOf(Checker.HttpGet.class);
            Checker.HttpGet http = (Checker.HttpGet) c;
            assertThat(http.timing()).isEqualTo(new CheckerTiming(true, Duration.ofSeconds(7), Duration.ofSeconds(3), 5,
                    Duration.ofSeconds(4), Duration.ofSeconds(1)));
            assertThat(http.connection().connectIp()).isEqualTo(ip("10.1.0.22"));
            assertThat(http.connection().connectPort()).isEqualTo(8081);
            assertThat(http.connection().bindTo()).contains(ip("10.1.0.1"));
            assertThat(http.httpProtocol()).isEqualTo(HttpProtocol.HTTP_1_1);
            assertThat(http.virtualhost()).contains("check.example.com");
            assertThat(http.urls()).containsExactly(
                    new UrlCheck("/health", Optional.of("9b3a0c85a887a256d6939da88aabd8cd"),
                            List.of(new StatusCodeRange(200, 299), new StatusCodeRange(301, 301), new StatusCodeRange(503, 503)),
                            Optional.of("check.example.com")),
                    new UrlCheck("/other", Optional.empty(), List.of(new StatusCodeRange(200, 299)), Optional.of("other.example.com")));
            assertThat(http.urls().get(0).accepts(503)).isTrue();
            assertThat(http.urls().get(0).accepts(404)).isFalse();
        }

        @Test
        void tcpCheckerInheritsFromItsRealServer() throws IOException {
            Checker c = full().virtualServers().get(0).realServers().get(0).checkers().get(1);
            assertThat(c).isInstanceOf(Checker.Tcp.class);
            assertThat(c.timing()).isEqualTo(new CheckerTiming(false, Duration.ofSeconds(20), Duration.ZERO, 2,
                    Duration.ofMillis(1500), Duration.ofSeconds(3)));
            assertThat(((Checker.Tcp) c).connection().connectIp()).isEqualTo(ip("10.1.0.2"));
        }

        @Test
        void everyCheckerTypeOfTheSecondRealServer() throws IOException {
            RealServer rs = full().virtualServers().get(0).realServers().get(1);
            assertThat(rs.checkers()).extracting(Checker::getClass).containsExactly(Checker.SslGet.class, Checker.Smtp.class,
                    Checker.Dns.class, Checker.Misc.class, Checker.Ping.class, Checker.Udp.class);
            Checker.SslGet ssl = (Checker.SslGet) rs.checkers().get(0);
            assertThat(ssl.enableSni()).isTrue();
            assertThat(ssl.virtualhost()).contains("www.example.com");
            assertThat(ssl.connection().connectPort()).isEqualTo(8080);
            assertThat(((Checker.Smtp) rs.checkers().get(1)).heloName()).contains("mail.example.com");
            Checker.Dns dns = (Checker.Dns) rs.checkers().get(2);
            assertThat(dns.queryType()).isEqualTo(DnsQueryType.AAAA);
            assertThat(dns.name()).isEqualTo("example.com");
            assertThat(dns.connection().connectPort()).isEqualTo(53);
            Checker.Misc misc = (Checker.Misc) rs.checkers().get(3);
            assertThat(misc.script()).isEqualTo(new ScriptCommand("/usr/local/bin/check 10.1.0.3", Optional.of("nobody"), Optional.of("nogroup")));
            assertThat(misc.timeout()).isEqualTo(Duration.ofSeconds(9));
            assertThat(misc.dynamic()).isTrue();
            // inherited down the chain: checker <- real server <- virtual server
            assertThat(misc.timing().retry()).isEqualTo(4);
            assertThat(misc.timing().alpha()).isTrue();
            assertThat(((Checker.Udp) rs.checkers().get(5)).connection().connectPort()).isEqualTo(5353);
        }

        @Test
        void fwmarkAndGroupServices() throws IOException {
            List<VirtualServer> all = full().virtualServers();
            VirtualServer mark = all.get(2);
            assertThat(mark.service()).isEqualTo(new VirtualService.Fwmark(5));
            assertThat(mark.protocol()).isEmpty();
            assertThat(mark.forwarding()).isEqualTo(ForwardingMethod.TUN);
            assertThat(mark.persistenceTimeout()).contains(Duration.ofSeconds(360));
            assertThat(mark.ipFamily()).contains(IpFamily.INET);
            assertThat(mark.realServers().get(0).port()).isZero();
            VirtualServer six = all.get(4);
            assertThat(six.service()).isEqualTo(new VirtualService.Group("six"));
            assertThat(six.protocol()).contains(Protocol.UDP);
            assertThat(six.onePacketScheduling()).isTrue();
            assertThat(six.scheduler()).isEqualTo(Scheduler.SH);
            assertThat(all.get(0).describe()).isEqualTo("[10.1.0.1]:tcp:80");
            assertThat(mark.describe()).isEqualTo("FWM 5");
            assertThat(six.describe()).isEqualTo("[six]:0");
        }

        @Test
        void scriptsAreExposedForTheScriptSecurityCheck() throws IOException {
            assertThat(full().scripts()).containsExactlyInAnyOrder(
                    new ScriptCommand("/usr/local/bin/quorum up", Optional.of("root"), Optional.of("root")),
                    ScriptCommand.of("/usr/local/bin/quorum-down"),
                    ScriptCommand.of("/usr/local/bin/rs up"),
                    new ScriptCommand("/usr/local/bin/rs-down", Optional.of("nobody"), Optional.empty()),
                    new ScriptCommand("/usr/local/bin/check 10.1.0.3", Optional.of("nobody"), Optional.of("nogroup")));
        }

        @Test
        void rootScriptsOfVirtualServersMakeTheSecurityViolationOfKeepalived() throws IOException {
            // quorum_up runs as root and full.conf has no enable_script_security: keepalived -t exits 6 on it
            ConfigLoader.Result r = load(Files.readString(FULL));
            assertThat(scriptSecurityMessages(r)).singleElement().asString().contains("SECURITY VIOLATION");
        }
    }

    @Nested
    class Defaults {
        @Test
        void keepalivedDefaultsWhenNothingIsSaid() {
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 80 {
                        real_server 10.0.0.2 80 {
                            TCP_CHECK {
                            }
                        }
                    }
                    """);
            assertThat(r.diagnostics()).map(Diagnostic::toString).containsExactly(
                    "test.conf:1: error: virtual_server has no protocol; keepalived 2.2.7 defaults to UDP",
                    "test.conf:1: error: " + LvsTestSupport.NO_SCHEDULER);
            VirtualServer vs = r.config().lvs().virtualServers().get(0);
            assertThat(vs.protocol()).contains(Protocol.UDP);
            assertThat(vs.scheduler()).isEqualTo(Scheduler.WLC);
            assertThat(vs.forwarding()).isEqualTo(ForwardingMethod.NAT);
            assertThat(vs.delayLoop()).isEqualTo(Duration.ofSeconds(60));
            assertThat(vs.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(vs.quorum()).isEqualTo(1);
            assertThat(vs.hysteresis()).isZero();
            assertThat(vs.persistenceTimeout()).isEmpty();
            assertThat(vs.retry()).isEmpty();
            RealServer rs = vs.realServers().get(0);
            assertThat(rs.weight()).isEqualTo(1);
            assertThat(rs.forwarding()).isEqualTo(ForwardingMethod.NAT);
            assertThat(rs.alpha()).isFalse();
            assertThat(rs.checkers().get(0).timing()).isEqualTo(new CheckerTiming(false, Duration.ofSeconds(60),
                    Duration.ofSeconds(60), 1, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        }

        @Test
        void retryAndDelayBeforeRetryDependOnTheCheckerType() {
            LvsConfig m = lvs(withChecker("""
                    HTTP_GET {
                        url {
                            path /
                        }
                    }
                    DNS_CHECK {
                        delay_loop 7
                    }
                    MISC_CHECK {
                        misc_path /bin/true
                    }
                    SMTP_CHECK {
                    }
                    """));
            List<Checker> checkers = m.virtualServers().get(0).realServers().get(0).checkers();
            assertThat(checkers.get(0).timing().retry()).isEqualTo(1);
            assertThat(checkers.get(0).timing().delayBeforeRetry()).isEqualTo(Duration.ofSeconds(3));
            assertThat(checkers.get(1).timing().retry()).isEqualTo(3);
            assertThat(checkers.get(1).timing().delayBeforeRetry()).isEqualTo(Duration.ofSeconds(7));
            assertThat(checkers.get(2).timing().retry()).isZero();
            assertThat(checkers.get(2).timing().delayBeforeRetry()).isEqualTo(Duration.ofSeconds(1));
            assertThat(((Checker.Misc) checkers.get(2)).timeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(checkers.get(3).timing().retry()).isEqualTo(1);
            Checker.HttpGet http = (Checker.HttpGet) checkers.get(0);
            assertThat(http.httpProtocol()).isEqualTo(HttpProtocol.HTTP_1_0);
            assertThat(http.urls().get(0).statusCodes()).containsExactly(new StatusCodeRange(200, 299));
            Checker.Dns dns = (Checker.Dns) checkers.get(1);
            assertThat(dns.queryType()).isEqualTo(DnsQueryType.SOA);
            assertThat(dns.name()).isEqualTo(".");
        }

        @Test
        void checkerRetryMayBeZeroUnlikeRealServerRetry() {
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        real_server 10.0.0.2 80 {
                            retry 0
                            TCP_CHECK {
                                retry 0
                            }
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly("test.conf:4: error: 'retry' 0 is out of range 1..2147483647");
            assertThat(r.config().lvs().virtualServers().get(0).realServers().get(0).checkers().get(0).timing().retry()).isZero();
        }

        @Test
        void explicitVirtualServerRetryOverridesCheckerTypeDefaults() {
            LvsConfig m = lvs("""
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        retry 6
                        delay_before_retry 9
                        real_server 10.0.0.2 80 {
                            DNS_CHECK {
                            }
                            MISC_CHECK {
                                misc_path /bin/true
                            }
                        }
                    }
                    """);
            for (Checker c : m.virtualServers().get(0).realServers().get(0).checkers()) {
                assertThat(c.timing().retry()).isEqualTo(6);
                assertThat(c.timing().delayBeforeRetry()).isEqualTo(Duration.ofSeconds(9));
            }
        }

        @Test
        void realServerWithoutPortTakesTheVirtualServersPort() {
            LvsConfig m = lvs("""
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        real_server 10.0.0.2 {
                            TCP_CHECK {
                            }
                        }
                    }
                    """);
            RealServer rs = m.virtualServers().get(0).realServers().get(0);
            assertThat(rs.port()).isEqualTo(80);
            assertThat(((Checker.Tcp) rs.checkers().get(0)).connection().connectPort()).isEqualTo(80);
        }
    }

    @Nested
    class KeywordStatus {
        @Test
        void oldSchedulerAndMethodNamesAreDeprecatedSynonyms() {
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        lb_algo rr
                        lb_kind DR
                        real_server 10.0.0.2 80 {
                            lvs_method TUN
                            lb_kind NAT
                        }
                    }
                    """);
            // keepalived 2.2.7 knows lb_kind in virtual_server only ("Unknown keyword" in real_server)
            assertThat(messages(r)).containsExactly(
                    "test.conf:3: warning: 'lb_algo' is deprecated, use 'lvs_sched'",
                    "test.conf:4: warning: 'lb_kind' is deprecated, use 'lvs_method'",
                    "test.conf:7: error: unknown keyword 'lb_kind' in real_server");
            VirtualServer vs = r.config().lvs().virtualServers().get(0);
            assertThat(vs.scheduler()).isEqualTo(Scheduler.RR);
            assertThat(vs.forwarding()).isEqualTo(ForwardingMethod.DR);
            assertThat(vs.realServers().get(0).forwarding()).isEqualTo(ForwardingMethod.TUN);
        }

        @Test
        void nbGetRetryIsAnUnknownKeywordOutsideHttpCheckersAsInKeepalived227() {
            ConfigLoader.Result r = load(withChecker("""
                    TCP_CHECK {
                        nb_get_retry 3
                    }
                    """));
            assertThat(messages(r)).containsExactly(
                    "test.conf:5: error: Unknown keyword 'nb_get_retry' (keepalived 2.2.7 knows it only in HTTP_GET/SSL_GET); use 'retry'");
            assertThat(r.config().lvs().virtualServers().get(0).realServers().get(0).checkers().get(0).timing().retry()).isEqualTo(1);
        }

        @Test
        void nbGetRetryInAnHttpCheckerIsDeprecatedButAppliedAsInKeepalived227() {
            // observed: keepalived 2.2.7 -t: "nb_get_retry is deprecated - please use 'retry'", exit 5
            ConfigLoader.Result r = load(withChecker("""
                    HTTP_GET {
                        url {
                            path /
                            status_code 200
                        }
                        nb_get_retry 4
                    }
                    """));
            assertThat(messages(r)).containsExactly("test.conf:9: error: nb_get_retry is deprecated - please use 'retry'");
            assertThat(r.config().lvs().virtualServers().get(0).realServers().get(0).checkers().get(0).timing().retry()).isEqualTo(4);
        }

        @Test
        void t3KeywordsAreReportedAsNotSupported() {
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        hashed
                        sh-port
                        persistence_engine sip
                        lvs_method TUN type gue port 6080
                        real_server 10.0.0.2 80 {
                            FILE_CHECK {
                            }
                            UDP_CHECK {
                                payload 00ff
                                log_all_failures
                            }
                            HTTP_GET {
                                fast_recovery
                                url {
                                    path /
                                    regex "ok"
                                }
                            }
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:3: warning: 'hashed' in virtual_server is not supported yet; ignored",
                    "test.conf:4: warning: 'sh-port' in virtual_server is not supported yet; ignored",
                    "test.conf:5: warning: 'persistence_engine' in virtual_server is not supported yet; ignored",
                    "test.conf:6: warning: 'lvs_method TUN type gue port 6080' tunnel options are not supported yet; ignored (ipip)",
                    "test.conf:8: warning: 'FILE_CHECK' in real_server is not supported yet; ignored",
                    "test.conf:11: warning: 'payload' in UDP_CHECK is not supported yet; ignored",
                    "test.conf:12: warning: 'log_all_failures' in UDP_CHECK is not supported yet; ignored",
                    "test.conf:15: warning: 'fast_recovery' in HTTP_GET is not supported yet; ignored",
                    "test.conf:18: warning: 'regex' in url is not supported yet; ignored");
        }

        @Test
        void unknownKeywordsAreErrors() {
            assertThat(messages(load(withChecker("""
                    TCP_CHECK {
                        connect_prot 80
                    }
                    """)))).containsExactly("test.conf:5: error: unknown keyword 'connect_prot' in TCP_CHECK");
            // MISC_CHECK has no connection options (keepalived 2.2.7: "Unknown keyword 'connect_timeout'")
            assertThat(messages(load(withChecker("""
                    MISC_CHECK {
                        misc_path /bin/true
                        connect_timeout 3
                    }
                    """)))).containsExactly("test.conf:6: error: unknown keyword 'connect_timeout' in MISC_CHECK");
        }
    }

    @Nested
    class Validation {
        @Test
        void valueRangesAndSyntaxAreAllReportedWithTheirLines() {
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 80 {
                        protocol ICMP
                        lvs_sched rrx
                        lvs_method PNAT
                        delay_loop 0
                        connect_timeout 5000
                        persistence_timeout 0
                        persistence_granularity 255.0.255.0
                        quorum 0
                        retry 0
                        smtp_alert maybe
                        ip_family inet7
                        real_server 10.0.0.2 80 {
                            weight 2147483648
                            uthreshold -1
                            TCP_CHECK {
                                connect_port 0
                                bindto 1.2.3
                            }
                            DNS_CHECK {
                                type FOO
                            }
                            HTTP_GET {
                                http_protocol 2.0
                                url {
                                    path /
                                    digest 9b3a0c85a887a256d6939da88aabd8cZ
                                    status_code 99 200-199 abc 600
                                }
                                url {
                                    digest xyz
                                }
                            }
                            MISC_CHECK {
                                misc_timeout 3
                            }
                            SSL_GET {
                            }
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:2: error: unknown protocol 'ICMP' (TCP, UDP or SCTP)",
                    "test.conf:3: error: unknown scheduler 'rrx' (rr wrr lc wlc lblc sh mh dh fo ovf lblcr sed nq twos)",
                    "test.conf:4: error: 'lvs_method' PNAT is not a forwarding method (NAT, DR or TUN)",
                    "test.conf:5: error: 'delay_loop' 0 is out of range 0.000001..9000000000000",
                    "test.conf:6: error: 'connect_timeout' 5000 is out of range 0.000001..4294.967295",
                    "test.conf:7: error: 'persistence_timeout' 0 is out of range 1..2678400",
                    "test.conf:8: error: 'persistence_granularity' expects a contiguous netmask or prefix length, got '255.0.255.0'",
                    "test.conf:9: error: 'quorum' 0 is out of range 1..4294967295",
                    "test.conf:10: error: 'retry' 0 is out of range 1..2147483647",
                    "test.conf:11: error: 'smtp_alert' expects yes/no, on/off or true/false, got 'maybe'",
                    "test.conf:12: error: ip_family must be inet or inet6, got 'inet7'",
                    "test.conf:14: error: 'weight' 2147483648 is out of range 0..2147483647",
                    "test.conf:15: error: 'uthreshold' -1 is out of range 0..4294967295",
                    "test.conf:17: error: 'connect_port' 0 is out of range 1..65535",
                    "test.conf:18: error: 'bindto' expects an IP address, got '1.2.3'",
                    "test.conf:21: error: unknown DNS_CHECK type 'FOO' (A, NS, CNAME, SOA, MX, TXT or AAAA)",
                    "test.conf:24: error: invalid http_protocol '2.0' (1.0, 1.0C or 1.1)",
                    "test.conf:27: error: digest '9b3a0c85a887a256d6939da88aabd8cZ' is not hexadecimal",
                    "test.conf:28: error: invalid status code '99' (expected 100..599 or a range such as 200-299)",
                    "test.conf:28: error: invalid status code '200-199' (expected 100..599 or a range such as 200-299)",
                    "test.conf:28: error: invalid status code 'abc' (expected 100..599 or a range such as 200-299)",
                    "test.conf:28: error: invalid status code '600' (expected 100..599 or a range such as 200-299)",
                    "test.conf:31: error: digest 'xyz' has 3 characters, an MD5 digest has 32 hex digits",
                    "test.conf:1: error: virtual_server has no protocol; keepalived 2.2.7 defaults to UDP",
                    "test.conf:30: error: url has no path; url ignored",
                    "test.conf:34: error: MISC_CHECK has no misc_path; checker ignored",
                    "test.conf:37: error: SSL_GET has no url with a path; checker ignored");
            // what survives keeps keepalived's defaults
            VirtualServer vs = r.config().lvs().virtualServers().get(0);
            assertThat(vs.scheduler()).isEqualTo(Scheduler.WLC);
            assertThat(vs.quorum()).isEqualTo(1);
            assertThat(vs.realServers().get(0).weight()).isEqualTo(1);
            assertThat(vs.realServers().get(0).checkers()).extracting(Checker::getClass)
                    .containsExactly(Checker.Tcp.class, Checker.Dns.class, Checker.HttpGet.class);
        }

        @Test
        void portRangeOfVirtualAndRealServers() {
            assertThat(messages(load("""
                    virtual_server 10.0.0.1 70000 {
                        real_server 10.0.0.2 80 {
                        }
                    }
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        real_server 10.0.0.2 65536 {
                        }
                        real_server 10.0.0.300 80 {
                        }
                    }
                    """))).containsExactly(
                    "test.conf:1: error: 'virtual_server' 70000 is out of range 0..65535",
                    "test.conf:7: error: 'real_server' 65536 is out of range 1..65535",
                    "test.conf:9: error: 'real_server' expects an IP address, got '10.0.0.300'",
                    "test.conf:5: error: virtual_server has no real servers; ignored (as keepalived does)");
        }

        @Test
        void groupReferenceMustExist() {
            // keepalived 2.2.7 -t is silent here; we are stricter on purpose
            ConfigLoader.Result r = load("""
                    virtual_server group MISSING {
                        protocol TCP
                        real_server 10.0.0.2 80 {
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly("test.conf:1: error: virtual_server group 'MISSING' is not a defined virtual_server_group");
        }

        @Test
        void groupEntrySyntax() {
            ConfigLoader.Result r = load("""
                    virtual_server_group G {
                        10.0.0.1-300 80
                        10.0.0.9/29 80
                        10.0.0.5-2 80
                        fd00::1-fffff 80
                        10.0.0.1-fd00::2
                        fwmark 0
                        fwmark 7 inet7
                        10.0.0.3 99999
                        10.0.0.3 80 extra
                        10.0.0.8/29 80
                    }
                    virtual_server_group EMPTY {
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:2: error: invalid virtual_server_group address or range '10.0.0.1-300'",
                    "test.conf:3: error: invalid virtual_server_group address or range '10.0.0.9/29'",
                    "test.conf:4: error: invalid virtual_server_group address or range '10.0.0.5-2'",
                    "test.conf:5: error: invalid virtual_server_group address or range 'fd00::1-fffff'",
                    "test.conf:6: error: invalid virtual_server_group address or range '10.0.0.1-fd00::2'",
                    "test.conf:7: error: 'fwmark' 0 is out of range 1..4294967295",
                    "test.conf:8: error: fwmark family must be inet or inet6, got 'inet7'",
                    "test.conf:9: error: '10.0.0.3' 99999 is out of range 1..65535",
                    "test.conf:10: error: virtual_server_group entry '10.0.0.3 80 extra' has too many fields (IP[-RANGE] [PORT])",
                    "test.conf:13: error: virtual_server_group 'EMPTY' has no entries; removed (as keepalived does)");
            assertThat(r.config().lvs().groups()).containsExactly(new VirtualServerGroup("G",
                    List.of(new VirtualServerGroup.AddressRange(ip("10.0.0.8"), ip("10.0.0.15"), 80))));
        }

        @Test
        void mixedFamilyGroupNeedsFamiliesOnItsMarks() {
            assertThat(messages(load("""
                    virtual_server_group G {
                        10.0.0.1 80
                        fd00::1 80
                        fwmark 3
                    }
                    """))).containsExactly("test.conf:1: error: virtual_server_group 'G' has IPv4 and IPv6 addresses and a fwmark"
                    + " without inet/inet6; group removed (as keepalived does)");
        }

        @Test
        void addressFamiliesOfVirtualAndRealServersMustMatchUnlessTunnelled() {
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        sorry_server fd00::9 80
                        real_server 10.0.0.2 80 {
                        }
                        real_server fe80::1 80 {
                        }
                        real_server fd00::2 80 {
                            lvs_method TUN
                        }
                    }
                    virtual_server_group six {
                        fd00::1 80
                    }
                    virtual_server group six {
                        protocol TCP
                        real_server 10.0.0.3 80 {
                        }
                        real_server fd00::3 80 {
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:6: error: address family of real server fe80::1 does not match the virtual server's; real server ignored",
                    "test.conf:3: error: address family of sorry server fd00::9 does not match the virtual server's",
                    "test.conf:17: error: address family of real server 10.0.0.3 does not match the virtual server's; real server ignored");
            assertThat(r.config().lvs().virtualServers().get(0).realServers()).extracting(RealServer::address)
                    .containsExactly(ip("10.0.0.2"), ip("fd00::2"));
        }

        @Test
        void directRoutingImposesTheVirtualServerPortAsKeepalivedDoes() {
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 443 {
                        protocol TCP
                        lvs_method DR
                        sorry_server 10.0.0.9 8443
                        real_server 10.0.0.2 8082 {
                            TCP_CHECK {
                            }
                            TCP_CHECK {
                                connect_port 8082
                            }
                        }
                        real_server 10.0.0.3 8082 {
                            lvs_method NAT
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:5: error: lvs_method DR: real server port 8082 does not match virtual server port 443; using 443"
                            + " (keepalived reports it too; use connect_port to check another port)",
                    "test.conf:4: error: lvs_method DR: sorry server port 8443 does not match virtual server port 443; using 443"
                            + " (keepalived reports it too; use connect_port to check another port)");
            VirtualServer vs = r.config().lvs().virtualServers().get(0);
            RealServer dr = vs.realServers().get(0);
            assertThat(dr.port()).isEqualTo(443);
            assertThat(((Checker.Tcp) dr.checkers().get(0)).connection().connectPort()).isEqualTo(443);
            assertThat(((Checker.Tcp) dr.checkers().get(1)).connection().connectPort()).isEqualTo(8082);
            assertThat(vs.realServers().get(1).port()).isEqualTo(8082);
            assertThat(vs.sorryServer().orElseThrow().port()).isEqualTo(443);
        }

        @Test
        void fwmarkServicesClearTunnelledPortsAndIgnoreProtocolAndHaSuspend() {
            ConfigLoader.Result r = load("""
                    virtual_server fwmark 5 {
                        protocol TCP
                        ha_suspend
                        lvs_method TUN
                        real_server 10.0.0.2 80 {
                            PING_CHECK {
                            }
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:1: error: ha_suspend cannot be used with fwmarks; cleared (as keepalived does)",
                    "test.conf:2: error: protocol is ignored for a fwmark virtual server (keepalived reports it too)",
                    "test.conf:5: error: lvs_method TUN with a fwmark virtual server: real server port 80 cleared (as keepalived does)");
            VirtualServer vs = r.config().lvs().virtualServers().get(0);
            assertThat(vs.protocol()).isEmpty();
            assertThat(vs.haSuspend()).isFalse();
            assertThat(vs.realServers().get(0).port()).isZero();
        }

        @Test
        void onePacketSchedulingNeedsUdpAndPortlessServicesBecomePersistent() {
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 0 {
                        protocol TCP
                        ops
                        real_server 10.0.0.2 80 {
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:1: error: ops (one-packet scheduling) requires protocol UDP; cleared (as keepalived does)",
                    "test.conf:1: error: a virtual service without a port must be persistent; persistence_timeout set to 360"
                            + " (as keepalived does)");
            VirtualServer vs = r.config().lvs().virtualServers().get(0);
            assertThat(vs.onePacketScheduling()).isFalse();
            assertThat(vs.persistenceTimeout()).contains(Duration.ofSeconds(360));
        }

        @Test
        void quorumAboveTotalWeightAndHysteresisAreReducedAsKeepalivedDoes() {
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        quorum 5
                        hysteresis 10
                        real_server 10.0.0.2 80 {
                        }
                        real_server 10.0.0.3 80 {
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:1: error: quorum 5 exceeds the total weight 2 of the real servers; reduced to 2 (as keepalived does)",
                    "test.conf:1: error: hysteresis 10 is not below the quorum 2; set to 1 (as keepalived does)");
            VirtualServer vs = r.config().lvs().virtualServers().get(0);
            assertThat(vs.quorum()).isEqualTo(2);
            assertThat(vs.hysteresis()).isEqualTo(1);
        }

        @Test
        void quorumOfAllZeroWeightsStaysOne() {
            // keepalived 2.2.7 would reduce it to 0 and underflow the hysteresis to 4294967295; we keep 1 and 0
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        real_server 10.0.0.2 80 {
                            weight 0
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly("test.conf:1: error: quorum 1 exceeds the total weight 0 of the real servers;"
                    + " reduced to 1 (as keepalived does, which would use 0)");
            assertThat(r.config().lvs().virtualServers().get(0).quorum()).isEqualTo(1);
            assertThat(r.config().lvs().virtualServers().get(0).hysteresis()).isZero();
        }

        @Test
        void groupPortsAreOnlyReportedAndPortlessCheckersWarned() {
            ConfigLoader.Result r = load("""
                    virtual_server_group G {
                        10.0.0.1 80
                    }
                    virtual_server group G {
                        protocol TCP
                        lvs_method DR
                        real_server 10.0.0.2 8080 {
                        }
                    }
                    virtual_server fwmark 3 {
                        real_server 10.0.0.3 {
                            TCP_CHECK {
                            }
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:7: error: lvs_method DR: real server port 8080 does not match port 80 of group 'G' (keepalived reports it too)",
                    "test.conf:12: warning: TCP_CHECK has no port to connect to (the real server has none): set connect_port");
            assertThat(r.config().lvs().virtualServers().get(0).realServers().get(0).port()).isEqualTo(8080);
        }

        @Test
        void duplicateVirtualServersAndGroupsAreErrors() {
            // keepalived 2.2.7 -t is silent about both; we are stricter on purpose
            ConfigLoader.Result r = load("""
                    virtual_server_group G {
                        10.0.0.5 80
                    }
                    virtual_server_group G {
                        10.0.0.6 80
                    }
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        real_server 10.0.0.2 80 {
                        }
                    }
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        real_server 10.0.0.3 80 {
                        }
                    }
                    virtual_server 10.0.0.1 80 {
                        protocol UDP
                        real_server 10.0.0.3 80 {
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:4: error: virtual_server_group 'G' is defined twice; the second is ignored",
                    "test.conf:12: error: virtual_server [10.0.0.1]:tcp:80 is defined twice; the second is ignored");
            assertThat(r.config().lvs().virtualServers()).hasSize(2);
        }

        @Test
        void duplicateRealServersAreRemoved() {
            ConfigLoader.Result r = load("""
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        real_server 10.0.0.2 80 {
                            weight 5
                        }
                        real_server 10.0.0.2 {
                            weight 7
                        }
                    }
                    """);
            assertThat(messages(r)).containsExactly(
                    "test.conf:6: error: real server 10.0.0.2 port 80 is a duplicate in this virtual_server; ignored (keepalived removes it)");
            assertThat(r.config().lvs().virtualServers().get(0).realServers()).extracting(RealServer::weight).containsExactly(5L);
        }

        @Test
        void blockShapeErrors() {
            assertThat(messages(load("""
                    virtual_server 10.0.0.1 80
                    virtual_server 10.0.0.1 80 81 {
                    }
                    virtual_server 10.0.0.1 82 {
                        real_server 10.0.0.2 82
                    }
                    virtual_server_group {
                    }
                    SSL {
                        pasword x
                    }
                    """))).containsExactly(
                    "test.conf:1: error: 'virtual_server' must be followed by a { } block",
                    "test.conf:2: error: 'virtual_server' takes 1 to 2 arguments, got 3",
                    "test.conf:5: error: 'real_server' must be followed by a { } block",
                    "test.conf:7: error: 'virtual_server_group' takes 1 argument, got 0",
                    "test.conf:10: error: unknown keyword 'pasword' in SSL",
                    // cross-checks run once every block is read
                    "test.conf:4: error: virtual_server has no real servers; ignored (as keepalived does)");
        }

        @Test
        void virtualServerOptionalPortAndFwmarkRanges() {
            assertThat(messages(load("""
                    virtual_server fwmark 0 {
                    }
                    virtual_server fwmark {
                    }
                    """))).containsExactly(
                    "test.conf:1: error: 'virtual_server' 0 is out of range 1..4294967295",
                    "test.conf:3: error: 'virtual_server' takes 2 arguments, got 1");
        }

        @Test
        void thresholdsAndWeightZeroAreAccepted() {
            LvsConfig m = lvs("""
                    virtual_server 10.0.0.1 80 {
                        protocol TCP
                        real_server 10.0.0.1 81 {
                        }
                        real_server 10.0.0.2 80 {
                            weight 0
                            uthreshold 10
                            lthreshold 5
                        }
                    }
                    """);
            RealServer rs = m.virtualServers().get(0).realServers().get(1);
            assertThat(rs.weight()).isZero();
            assertThat(rs.upperThreshold()).isEqualTo(OptionalLong.of(10));
            assertThat(rs.lowerThreshold()).isEqualTo(OptionalLong.of(5));
            assertThat(m.virtualServers().get(0).persistenceGranularity()).isEqualTo(OptionalInt.empty());
        }
    }
}
