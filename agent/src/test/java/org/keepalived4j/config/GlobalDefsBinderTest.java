package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.config.ConfTestSupport.assertFinding;
import static org.keepalived4j.config.ConfTestSupport.errors;
import static org.keepalived4j.config.ConfTestSupport.load;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.GlobalDefs;

class GlobalDefsBinderTest {
    @Test
    void defaultsAreKeepalivedsWhenNothingIsWritten() throws Exception {
        GlobalDefs g = load("").config().global();
        assertThat(g.routerId()).isEmpty();
        assertThat(g.email().connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(g.snmp().socket()).isEqualTo("unix:/var/agentx/master");
        assertThat(g.vrrp().mcastGroup4()).isEqualTo(InetAddress.getByName("224.0.0.18"));
        assertThat(g.vrrp().mcastGroup6()).isEqualTo(InetAddress.getByName("ff02::12"));
        assertThat(g.vrrp().garpMasterDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(g.vrrp().garpMasterRepeat()).isEqualTo(5);
        assertThat(g.vrrp().garpLowerPrioDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(g.vrrp().garpLowerPrioRepeat()).isEqualTo(5);
        assertThat(g.vrrp().garpMasterRefresh()).isZero();
        assertThat(g.vrrp().version()).isEqualTo(2);
        assertThat(g.vrrp().strict()).isFalse();
        assertThat(g.vrrp().defaultInterface()).isEqualTo("eth0");
        assertThat(g.enableScriptSecurity()).isFalse();
        assertThat(g.dynamicInterfaces()).isEqualTo(GlobalDefs.DynamicInterfaces.OFF);
    }

    @Test
    void t1AndT2KeywordsLandInTheModel() throws Exception {
        ConfigLoader.Result r = load("""
                global_defs {
                   router_id LB_1
                   notification_email {
                     ops@example.com
                     noc@example.com
                   }
                   notification_email_from k@example.com
                   smtp_server 10.0.0.25 2525
                   smtp_helo_name lb1.example.com
                   smtp_connect_timeout 12
                   smtp_alert_vrrp
                   smtp_alert off
                   enable_script_security
                   script_user nobody nogroup
                   enable_snmp_vrrp
                   enable_snmp_rfc
                   enable_traps
                   snmp_socket udp:10.0.0.1:705
                   vrrp_mcast_group4 224.0.0.19
                   vrrp_garp_master_delay 3
                   vrrp_garp_master_repeat 2
                   vrrp_garp_master_refresh 60
                   vrrp_garp_master_refresh_repeat 4
                   vrrp_garp_interval 0.001
                   vrrp_gna_interval 0.000001
                   vrrp_garp_extra_if all 30
                   vrrp_version 3
                   vrrp_strict
                   vrrp_skip_check_adv_addr
                   vrrp_check_unicast_src
                   vrrp_lower_prio_no_advert
                   vrrp_higher_prio_send_advert true
                   lvs_sync_daemon eth1 VI_1 id 7 port 8849
                   lvs_timeouts tcp 900 udp 30
                   lvs_flush_on_stop VS
                   max_auto_priority
                   vrrp_priority -5
                   vrrp_rt_priority 50
                   vrrp_notify_fifo /run/k.fifo root
                   vrrp_notify_fifo_script "/usr/local/bin/fifo.sh arg"
                   dynamic_interfaces allow_if_changes
                   reload_check_config /tmp/check.log
                   vrrp_iptables KA_IN KA_OUT
                   vrrp_startup_delay 5.5
                }
                """);
        GlobalDefs g = r.config().global();
        assertThat(g.routerId()).contains("LB_1");
        assertThat(g.email().notificationEmails()).containsExactly("ops@example.com", "noc@example.com");
        assertThat(g.email().smtpServer()).contains(new GlobalDefs.SmtpServer("10.0.0.25", 2525));
        assertThat(g.email().connectTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(g.email().smtpAlertVrrp()).contains(true);
        assertThat(g.email().smtpAlert()).contains(false);
        assertThat(g.email().vrrpAlertDefault()).isTrue();
        assertThat(g.scriptUser()).contains("nobody");
        assertThat(g.scriptGroup()).contains("nogroup");
        assertThat(g.snmp()).isEqualTo(new GlobalDefs.Snmp(true, false, true, true, true, "udp:10.0.0.1:705"));
        assertThat(g.vrrp().mcastGroup4()).isEqualTo(InetAddress.getByName("224.0.0.19"));
        assertThat(g.vrrp().garpMasterDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(g.vrrp().garpLowerPrioDelay()).as("defaults to the master delay").isEqualTo(Duration.ofSeconds(3));
        assertThat(g.vrrp().garpLowerPrioRepeat()).isEqualTo(2);
        assertThat(g.vrrp().garpMasterRefresh()).isEqualTo(Duration.ofSeconds(60));
        assertThat(g.vrrp().garpMasterRefreshRepeat()).isEqualTo(4);
        assertThat(g.vrrp().garpInterval()).isEqualTo(Duration.ofMillis(1));
        assertThat(g.vrrp().gnaInterval()).isEqualTo(Duration.ofNanos(1000));
        assertThat(g.vrrp().garpExtraIf()).contains(new GlobalDefs.GarpExtraIf(Duration.ofSeconds(30), true));
        assertThat(g.vrrp().version()).isEqualTo(3);
        assertThat(g.vrrp().strict()).isTrue();
        assertThat(g.vrrp().skipCheckAdvAddr()).isTrue();
        assertThat(g.vrrp().checkUnicastSrc()).isTrue();
        assertThat(g.vrrp().lowerPrioNoAdvert()).isTrue();
        assertThat(g.vrrp().higherPrioSendAdvert()).isTrue();
        assertThat(g.vrrp().startupDelay()).contains(Duration.ofMillis(5500));
        assertThat(g.lvs().syncDaemon()).contains(new GlobalDefs.LvsSyncDaemon("eth1", Optional.of("VI_1"), Optional.of(7),
                Optional.empty(), Optional.of(8849), Optional.empty(), Optional.empty()));
        assertThat(g.lvs().timeoutTcp()).contains(Duration.ofSeconds(900));
        assertThat(g.lvs().timeoutTcpFin()).isEmpty();
        assertThat(g.lvs().flushOnStop()).isEqualTo(GlobalDefs.FlushOnStop.VS);
        assertThat(g.process().maxAutoPriority()).contains(99);
        assertThat(g.process().vrrpPriority()).contains(-5);
        assertThat(g.process().vrrpRtPriority()).contains(50);
        assertThat(g.vrrpNotifyFifo()).hasValueSatisfying(f -> {
            assertThat(f.fifo()).isEqualTo(Path.of("/run/k.fifo"));
            assertThat(f.user()).contains("root");
            assertThat(f.script().orElseThrow().commandLine()).isEqualTo("/usr/local/bin/fifo.sh arg");
        });
        assertThat(g.dynamicInterfaces()).isEqualTo(GlobalDefs.DynamicInterfaces.ALLOW_IF_CHANGES);
        assertThat(g.reloadCheckConfig().orElseThrow().logFile()).contains(Path.of("/tmp/check.log"));
        assertThat(g.firewall()).contains(new GlobalDefs.Firewall(GlobalDefs.Firewall.Kind.IPTABLES, Optional.of("KA_IN"),
                Optional.of("KA_OUT")));
        // lvs_sync_daemon names VI_1, which does not exist here
        assertThat(errors(r)).containsExactly("test.conf:33: error: lvs_sync_daemon vrrp instance VI_1 not found");
    }

    @Test
    void deprecatedAndUnsupportedKeywordsAreReportedWithTheirLine() {
        ConfigLoader.Result r = load("""
                global_defs {
                  enable_snmp_keepalived
                  net_namespace blue
                  no_such_keyword 1
                }
                """);
        assertThat(r.config().global().snmp().vrrp()).isTrue();
        assertFinding(r, Severity.WARNING, 2, "'enable_snmp_keepalived' is deprecated, use 'enable_snmp_vrrp'");
        assertFinding(r, Severity.WARNING, 3, "'net_namespace' in global_defs is not supported yet");
        assertFinding(r, Severity.ERROR, 4, "unknown keyword 'no_such_keyword' in global_defs");
    }

    @Test
    void invalidValuesAreAllReportedAndKeepalivedsAdjustmentsApplied() throws Exception {
        ConfigLoader.Result r = load("""
                global_defs {
                  vrrp_garp_master_repeat 0
                  vrrp_version 4
                  vrrp_mcast_group4 10.1.1.1
                  smtp_connect_timeout 0
                  vrrp_mcast_group6 ff02::13
                  vrrp_priority 30
                  vrrp_rt_priority 0
                  vrrp_strict extra
                  smtp_alert maybe
                }
                """);
        GlobalDefs g = r.config().global();
        assertFinding(r, Severity.ERROR, 2, "vrrp_garp_master_repeat must be greater than 0, setting to 1");
        assertThat(g.vrrp().garpMasterRepeat()).isEqualTo(1);
        assertFinding(r, Severity.ERROR, 3, "'vrrp_version' 4 is out of range 2..3");
        assertThat(g.vrrp().version()).isEqualTo(2);
        assertFinding(r, Severity.ERROR, 4, "vrrp_mcast_group4 [10.1.1.1] is not an IPv4 multicast address");
        assertThat(g.vrrp().mcastGroup4()).isEqualTo(InetAddress.getByName("224.0.0.18"));
        assertFinding(r, Severity.ERROR, 5, "smtp_connect_timeout must be greater than 0, setting to 1");
        assertThat(g.email().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(g.vrrp().mcastGroup6()).isEqualTo(InetAddress.getByName("ff02::13"));
        assertFinding(r, Severity.ERROR, 7, "'vrrp_priority' 30 is out of range -20..19");
        assertFinding(r, Severity.ERROR, 8, "'vrrp_rt_priority' 0 is out of range 1..99");
        assertFinding(r, Severity.ERROR, 9, "'vrrp_strict' takes 0 arguments");
        assertFinding(r, Severity.ERROR, 10, "'smtp_alert' expects on|off|true|false|yes|no");
        assertThat(errors(r)).hasSize(8);
    }

    @Test
    void everyStatementSurvivesAnotherReadOfTheDump() {
        ConfigLoader.Result r = load("""
                global_defs {
                   router_id "LB 1"
                   notification_email {
                     ops@example.com
                   }
                   smtp_server mail.example.com
                   smtp_alert_checker on
                   script_user nobody
                   vrrp_garp_extra_if 10
                   lvs_sync_daemon eth1 inst VI_1 group 224.0.0.81 ttl 3 maxlen 1400
                   lvs_timeouts tcpfin 20
                   lvs_flush
                   lvs_flush_on_stop
                   checker_priority 3
                   checker_rt_priority 20
                   vrrp_no_swap
                   notify_fifo /run/all.fifo
                   lvs_notify_fifo /run/lvs.fifo nobody nogroup
                   lvs_notify_fifo_script /bin/cat nobody
                   dynamic_interfaces
                   reload_check_config
                   include_check readable
                   nftables
                   enable_dbus
                   rs_init_notifies
                   process_names
                   vrrp_min_garp
                }
                vrrp_instance VI_1 {
                   interface eth0
                   virtual_router_id 1
                   virtual_ipaddress {
                      10.0.0.1
                   }
                }
                """);
        assertThat(errors(r)).isEmpty();
        String dump = org.keepalived4j.config.dump.ConfigWriter.write(r.config());
        ConfigLoader.Result again = load(dump);
        assertThat(errors(again)).as(dump).isEmpty();
        assertThat(again.config().global()).isEqualTo(r.config().global());
        assertThat(r.config().global().firewall().orElseThrow().inChainOrTable()).contains("keepalived");
        assertThat(List.of(r.config().global().lvs().flushOnStop())).containsExactly(GlobalDefs.FlushOnStop.ALL);
    }

    /** keepalived 2.2.7 -d with only vrrp_min_garp: delay 0, repeat 1, refresh 0 / repeat 0, lower prio 0 / 1. */
    @Test
    void minGarpMeansOneMessageWithoutRepeats() {
        ConfigLoader.Result r = load("""
                global_defs {
                   vrrp_min_garp
                }
                vrrp_instance VI_1 {
                   interface eth0
                   virtual_router_id 1
                   virtual_ipaddress {
                      10.0.0.1
                   }
                }
                vrrp_instance VI_2 {
                   interface eth0
                   virtual_router_id 2
                   garp_master_repeat 3
                   virtual_ipaddress {
                      10.0.0.2
                   }
                }
                """);
        assertThat(errors(r)).isEmpty();
        assertThat(r.config().vrrp().instances().get(0).garp()).isEqualTo(
                new org.keepalived4j.config.model.vrrp.GarpSettings(java.time.Duration.ZERO, 1, java.time.Duration.ZERO,
                        0, java.time.Duration.ZERO, 1));
        assertThat(r.config().vrrp().instances().get(1).garp().masterRepeat()).as("instance value wins").isEqualTo(3);
    }
}
