package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.config.ConfTestSupport.errors;
import static org.keepalived4j.config.ConfTestSupport.load;

import org.junit.jupiter.api.Test;
import org.keepalived4j.config.dump.ConfigWriter;
import org.keepalived4j.config.model.KeepalivedConfig;

/** parse(dump(model)) equals model, and the dump writes every value explicitly. */
class VrrpRoundTripTest {
    private static final String CONFIG = """
            global_defs {
                router_id LB_1
                vrrp_garp_master_delay 2
                vrrp_version 3
                vrrp_skip_check_adv_addr
                smtp_alert_vrrp on
                script_user nobody
                enable_script_security
            }
            static_ipaddress {
                192.168.1.1/24 dev eth0 scope global label eth0:s brd +
            }
            static_routes {
                192.168.2.0/24 via 192.168.1.100 dev eth0 table 7 append
                unreachable 192.168.9.0/24
            }
            static_rules {
                from 192.168.2.0/24 table 1
                to 2001:db8::/32 table 2 preference 77 fwmark 7
            }
            vrrp_script chk {
                script "/usr/bin/pgrep -x 'ha proxy'"
                interval 0.5
                weight 20 reverse
                user root
            }
            track_file tf {
                file "/run/with space.state"
                weight -3 reverse
                init_file
            }
            vrrp_track_process hp {
                process haproxy -D
                quorum 3
            }
            vrrp_sync_group G {
                group {
                    VI_4
                    VI_6
                }
                track_interface {
                    eth3 weight 4 reverse
                }
                track_file {
                    tf
                }
                notify "/etc/k/group notify.sh" nobody nogroup
            }
            vrrp_instance VI_4 {
                state MASTER
                interface eth0
                virtual_router_id 4
                priority 255
                advert_int 0.37
                virtual_ipaddress {
                    10.0.0.1/24 dev eth1 label eth1:1 scope host no_track preferred_lft 30
                    10.0.0.2 use_vmac
                }
                virtual_ipaddress_excluded {
                    2001:db8::5/64 dev eth1
                }
                virtual_routes {
                    src 10.0.0.1 to 0.0.0.0/0 gw 10.0.0.254 table 100 metric 9 protocol bird
                    throw 10.8.0.0/16
                    10.7.0.0/16 nexthop via 10.0.0.253 weight 3 nexthop via 10.0.0.252 dev eth1 onlink
                }
                virtual_rules {
                    not from 10.0.0.0/8 to 10.1.0.0/16 table 5 iif eth1 oif eth2 tos 8 no_track
                }
                track_script {
                    chk
                }
                track_process {
                    hp weight 2
                }
                notify_backup /etc/k/b.sh
                mcast_src_ip 10.0.0.9
                mcast_dst_ip 224.0.0.99
                use_vmac
                garp_lower_prio_repeat 9
            }
            vrrp_instance VI_6 {
                interface eth0
                virtual_router_id 6
                authentication {
                    auth_type AH
                    auth_pass 12345678
                }
                virtual_ipaddress {
                    fe80::6/64
                }
                unicast_peer {
                    fe80::7
                }
                unicast_ttl 2
                vmac_xmit_base
                accept
                strict_mode off
                nopreempt
                preempt_delay 30.5
                lower_prio_no_advert yes
            }
            """;

    @Test
    void theDumpReadsBackToAnEqualModel() {
        ConfigLoader.Result first = load(CONFIG);
        // CONFIG exercises keepalived's own adjustments, which keepalived 2.2.7 reports as configuration errors
        // (-t exits 5); the adjusted model must round-trip without them
        assertThat(errors(first)).allSatisfy(e -> assertThat(e).containsPattern(
                "cannot track route|Rule has no preference|weight due to SYNC group|No VIP specified"
                        + "|version 3 does not support authentication|preempt_delay is incompatible"));
        KeepalivedConfig model = first.config();
        assertThat(model.vrrp().instances()).hasSize(2);
        String dump = ConfigWriter.write(model);
        ConfigLoader.Result second = load(dump);
        assertThat(errors(second)).as(dump).isEmpty();
        assertThat(second.config().global()).isEqualTo(model.global());
        assertThat(second.config().vrrp()).isEqualTo(model.vrrp());
        // a fixed point: dumping again gives the same text
        assertThat(ConfigWriter.write(second.config())).isEqualTo(dump);
    }

    @Test
    void theDumpWritesDefaultsAndEffectiveValuesExplicitly() {
        String dump = ConfigWriter.write(load(CONFIG).config());
        assertThat(dump)
                .contains("    vrrp_garp_master_repeat 5\n")
                .contains("    advert_int 0.37\n")
                .contains("    version 3\n")
                .contains("    priority 100\n")
                .contains("    garp_master_delay 2\n")
                .contains("    garp_lower_prio_repeat 9\n")
                .contains("    skip_check_adv_addr on\n")
                .contains("    mcast_dst_ip ff02::12\n")
                .contains("    use_vmac vrrp.4 00:00:5e:00:01:04\n")
                .contains("    smtp_alert on\n")
                .contains("        chk weight 0 reverse\n")
                .contains("    script \"/usr/bin/pgrep -x 'ha proxy'\"\n")
                .contains("    file \"/run/with space.state\"\n");
    }
}
