package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.config.LvsTestSupport.load;
import static org.keepalived4j.config.LvsTestSupport.messages;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keepalived4j.config.dump.ConfigWriter;
import org.keepalived4j.config.model.KeepalivedConfig;

/** Parsing the dump of a model gives an equal model, silently, and dumping is stable. */
class LvsRoundTripTest {
    static Stream<String> configurations() throws IOException {
        return Stream.of(
                Files.readString(LvsBinderTest.FULL),
                // inheritance that the dump must pin down: VS alpha/inhibit on, RS turns them off
                """
                virtual_server 10.0.0.1 80 {
                    protocol TCP
                    alpha
                    inhibit_on_failure
                    delay_loop 1.5
                    real_server 10.0.0.2 80 {
                        alpha no
                        inhibit_on_failure off
                        MISC_CHECK {
                            misc_path "/bin/check one"
                        }
                        DNS_CHECK {
                        }
                    }
                    real_server 10.0.0.3 80 {
                        HTTP_GET {
                            url {
                                path /
                            }
                        }
                    }
                }
                """,
                // adjusted by keepalived's rules: DR port reset, portless persistent, fwmark TUN port cleared
                """
                virtual_server 10.0.0.1 443 {
                    protocol TCP
                    lb_kind DR
                    sorry_server 10.0.0.9
                    real_server 10.0.0.2 8443 {
                        TCP_CHECK {
                        }
                    }
                }
                virtual_server 10.0.0.1 {
                    protocol UDP
                    ops
                    real_server 10.0.0.2 53 {
                    }
                }
                virtual_server fwmark 4 {
                    lvs_method TUN
                    real_server 10.0.0.2 80 {
                        PING_CHECK {
                        }
                    }
                }
                """,
                // IPv6 everywhere, groups with ranges, quorum beyond the total weight
                """
                virtual_server_group v6 {
                    fd00::1-ff 80
                    fd00::1:0/112 80
                    fwmark 3 inet6
                }
                virtual_server group v6 {
                    protocol SCTP
                    quorum 9
                    hysteresis 9
                    real_server fd00::10 80 {
                        weight 4
                        SSL_GET {
                            connect_ip fd00::11
                            bindto fd00::1
                            url {
                                path /x
                                status_code 200 302-304
                            }
                        }
                    }
                }
                virtual_server fd00::2 8080 {
                    protocol TCP
                    persistence_timeout 30
                    persistence_granularity 64
                    real_server fd00::20 8080 {
                    }
                }
                """);
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void dumpParsesBackToAnEqualModelWithoutFindings(String text) {
        ConfigLoader.Result first = load(text);
        // some configurations exercise keepalived's own adjustments, which keepalived 2.2.7 reports as configuration
        // errors (-t exits 5); the adjusted model must round-trip without them
        assertThat(messages(first)).filteredOn(m -> m.contains(": error: ")).allSatisfy(m -> assertThat(m).containsPattern(
                "does not match virtual server port|must be persistent|with a fwmark virtual server|exceeds the total weight"
                        + "|is not below the quorum"));
        assertThat(first.config().lvs().virtualServers()).isNotEmpty();
        String dumped = ConfigWriter.write(first.config());
        ConfigLoader.Result second = load(dumped);
        assertThat(messages(second)).as(dumped).isEmpty();
        assertThat(second.config()).as(dumped).isEqualTo(first.config());
        assertThat(ConfigWriter.write(second.config())).isEqualTo(dumped);
    }

    @Test
    void dumpUsesModernKeywordsAndWritesEveryValue() {
        KeepalivedConfig config = load("""
                virtual_server 10.0.0.1 80 {
                    lb_algo rr
                    real_server 10.0.0.2 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """).config();
        String dumped = ConfigWriter.write(config);
        assertThat(dumped).contains("    lvs_sched rr\n", "    lvs_method NAT\n", "    protocol UDP\n", "    delay_loop 60\n",
                "    connect_timeout 5\n", "        weight 1\n", "            connect_ip 10.0.0.2\n", "            connect_port 80\n",
                "            retry 1\n", "            delay_before_retry 1\n", "            warmup 60\n");
        assertThat(dumped).doesNotContain("lb_algo", "lb_kind");
    }
}
