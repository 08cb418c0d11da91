package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.config.ConfTestSupport.assertFinding;
import static org.keepalived4j.config.ConfTestSupport.errors;
import static org.keepalived4j.config.ConfTestSupport.hostWith;
import static org.keepalived4j.config.ConfTestSupport.load;
import static org.keepalived4j.config.ConfTestSupport.warnings;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keepalived4j.config.model.IpPrefix;
import org.keepalived4j.config.model.ScriptCommand;
import org.keepalived4j.config.model.vrrp.AddressFamily;
import org.keepalived4j.config.model.vrrp.AddressScope;
import org.keepalived4j.config.model.vrrp.AuthType;
import org.keepalived4j.config.model.vrrp.Authentication;
import org.keepalived4j.config.model.vrrp.GarpSettings;
import org.keepalived4j.config.model.vrrp.NextHop;
import org.keepalived4j.config.model.vrrp.RouteType;
import org.keepalived4j.config.model.vrrp.TrackFile;
import org.keepalived4j.config.model.vrrp.TrackProcess;
import org.keepalived4j.config.model.vrrp.TrackedObject;
import org.keepalived4j.config.model.vrrp.VirtualAddress;
import org.keepalived4j.config.model.vrrp.VirtualRoute;
import org.keepalived4j.config.model.vrrp.VirtualRule;
import org.keepalived4j.config.model.vrrp.Vmac;
import org.keepalived4j.config.model.vrrp.VrrpConfig;
import org.keepalived4j.config.model.vrrp.VrrpInstance;
import org.keepalived4j.config.model.vrrp.VrrpScript;
import org.keepalived4j.config.model.vrrp.VrrpState;

class VrrpBinderTest {
    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static IpPrefix prefix(String text) {
        return IpPrefix.parse(text).orElseThrow();
    }

    @Test
    void minimalInstanceGetsKeepalivedsDefaults() {
        ConfigLoader.Result r = load("""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        192.168.1.10/24
                    }
                }
                """);
        assertThat(r.diagnostics()).isEmpty();
        VrrpInstance vi = r.config().vrrp().instance("VI_1").orElseThrow();
        assertThat(vi.initialState()).isEqualTo(VrrpState.BACKUP);
        assertThat(vi.interfaceName()).contains("eth0");
        assertThat(vi.virtualRouterId()).isEqualTo(51);
        assertThat(vi.priority()).isEqualTo(100);
        assertThat(vi.advertInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(vi.version()).isEqualTo(2);
        assertThat(vi.family()).isEqualTo(AddressFamily.IPV4);
        assertThat(vi.preempt()).isTrue();
        assertThat(vi.preemptDelay()).isZero();
        assertThat(vi.authentication()).isEmpty();
        assertThat(vi.virtualAddresses()).containsExactly(VirtualAddress.of(prefix("192.168.1.10/24")));
        assertThat(vi.multicastGroup()).isEqualTo(ip("224.0.0.18"));
        assertThat(vi.unicastTtl()).isEqualTo(255);
        assertThat(vi.accept()).isTrue();
        assertThat(vi.strictMode()).isFalse();
        assertThat(vi.garp()).isEqualTo(new GarpSettings(Duration.ofSeconds(5), 5, Duration.ZERO, 1, Duration.ofSeconds(5), 5));
        assertThat(vi.smtpAlert()).isFalse();
        assertThat(vi.syncGroup()).isEmpty();
        assertThat(vi.vmac()).isEmpty();
    }

    @Test
    void globalVrrpSettingsAreAppliedIntoEachInstance() {
        ConfigLoader.Result r = load("""
                global_defs {
                    vrrp_garp_master_delay 2
                    vrrp_garp_master_repeat 3
                    vrrp_garp_lower_prio_repeat 1
                    vrrp_version 3
                    vrrp_strict
                    vrrp_skip_check_adv_addr
                    vrrp_lower_prio_no_advert
                    vrrp_mcast_group4 224.0.0.20
                    smtp_alert
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    advert_int 0.25
                    garp_master_repeat 7
                    virtual_ipaddress {
                        10.1.1.1
                    }
                }
                """);
        assertThat(r.diagnostics()).isEmpty();
        VrrpInstance vi = r.config().vrrp().instances().get(0);
        assertThat(vi.version()).isEqualTo(3);
        assertThat(vi.advertInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(vi.strictMode()).isTrue();
        assertThat(vi.accept()).as("strict mode implies no_accept").isFalse();
        assertThat(vi.skipCheckAdvertAddresses()).isTrue();
        assertThat(vi.lowerPrioNoAdvert()).isTrue();
        assertThat(vi.multicastGroup()).isEqualTo(ip("224.0.0.20"));
        assertThat(vi.garp()).as("strict mode: no lower-priority GARPs")
                .isEqualTo(new GarpSettings(Duration.ofSeconds(2), 7, Duration.ZERO, 1, Duration.ZERO, 0));
        assertThat(vi.higherPrioSendAdvert()).isFalse();
        assertThat(vi.smtpAlert()).isTrue();
    }

    @Test
    void instanceKeywordsLandInTheModel() {
        ConfigLoader.Result r = load("""
                vrrp_script chk {
                    script "/usr/bin/pgrep -x haproxy"
                    interval 2
                    timeout 3
                    weight -20 reverse
                    rise 2
                    fall 3
                    user nobody nogroup
                    init_fail
                }
                track_file tf {
                    file /run/k.state
                    weight -5
                    init_file 3 overwrite
                }
                vrrp_track_file tf_old {
                    file /run/old.state
                }
                vrrp_track_process haproxy {
                    process haproxy -f /etc/haproxy.cfg
                    weight 10
                    quorum 2
                    delay 0.5
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 150
                    advert_int 2
                    preempt
                    preempt_delay 4.12
                    authentication {
                        auth_type PASS
                        auth_pass secret
                    }
                    virtual_ipaddress {
                        10.0.0.1/24 brd + dev eth1 scope link label eth1:vip no_track
                        10.0.0.2/24 brd 10.0.0.255 use_vmac preferred_lft forever
                        10.0.0.3/24 brd -
                    }
                    virtual_ipaddress_excluded {
                        fe80::10/64 dev eth1 preferred_lft 0
                    }
                    virtual_routes {
                        src 10.0.0.1 to 192.168.0.0/16 via 10.0.0.254 dev eth1 table 100 metric 5 scope global protocol static mtu 1400 onlink
                        blackhole 192.168.114.0/24
                        10.9.0.0/16 table main nexthop via 10.0.0.253 dev eth1 weight 1 nexthop via 10.0.0.252 weight 2 onlink no_track
                    }
                    virtual_rules {
                        from 10.0.0.0/24 table 100 priority 10
                        not to 10.9.0.0/16 lookup 7 preference 11 fwmark 0x10/255 tos 4 iif eth1 oif eth2 no_track
                        from all table 5 pref 12 inet6
                    }
                    track_interface {
                        eth1
                        eth2 weight -10 reverse
                    }
                    track_script {
                        chk
                    }
                    track_file {
                        tf weight 3
                        tf_old
                    }
                    track_process {
                        haproxy weight -4 reverse
                    }
                    notify_master "/etc/k/notify.sh master" root
                    notify_backup /etc/k/backup.sh
                    notify_fault /etc/k/fault.sh nobody nogroup
                    notify_stop /etc/k/stop.sh
                    notify /etc/k/any.sh
                    notify_master_rx_lower_pri /etc/k/lower.sh
                    notify_priority_changes
                    smtp_alert yes
                    unicast_src_ip 10.0.0.5
                    unicast_peer {
                        10.0.0.6
                        10.0.0.7
                    }
                    unicast_ttl 10
                    check_unicast_src
                    track_src_ip
                    use_vmac vk1 00:00:5e:00:01
                    vmac_xmit_base
                    no_accept
                    dont_track_primary
                    promote_secondaries
                    garp_master_delay 1
                    garp_master_refresh 30
                    garp_master_refresh_repeat 2
                    garp_lower_prio_delay 4
                    garp_lower_prio_repeat 6
                    higher_prio_send_advert on
                    skip_check_adv_addr off
                }
                """);
        // keepalived 2.2.7 reports these two adjustments too (-t exits 5)
        assertThat(errors(r)).containsExactly(
                "test.conf:47: error: Warning - cannot track route 192.168.114.0/24 with no interface specified, not tracking",
                "test.conf:25: error: (VI_1) promote_secondaries is automatically set for vmacs - ignoring");
        assertThat(warnings(r)).containsExactly(
                "test.conf:16: warning: 'vrrp_track_file' is deprecated, use 'track_file'");
        // keepalived -t exits 6 for this one, so it has its own severity
        assertThat(r.diagnostics()).filteredOn(d -> d.severity() == org.keepalived4j.config.Severity.SCRIPT_SECURITY)
                .extracting(Object::toString)
                .containsExactly("test.conf:69: error: SECURITY VIOLATION - scripts are being executed but script_security not enabled.");
        VrrpConfig v = r.config().vrrp();
        assertThat(v.script("chk")).contains(new VrrpScript("chk",
                new ScriptCommand("/usr/bin/pgrep -x haproxy", Optional.of("nobody"), Optional.of("nogroup")),
                Duration.ofSeconds(2), Optional.of(Duration.ofSeconds(3)), -20, true, 2, 3, true));
        assertThat(v.trackFiles()).containsExactly(
                new TrackFile("tf", Path.of("/run/k.state"), -5, false, Optional.of(new TrackFile.InitFile(3, true))),
                new TrackFile("tf_old", Path.of("/run/old.state"), 1, false, Optional.empty()));
        assertThat(v.trackProcesses()).containsExactly(
                new TrackProcess("haproxy", "haproxy", List.of("-f", "/etc/haproxy.cfg"), 10, false, 2, Duration.ofMillis(500)));
        VrrpInstance vi = v.instance("VI_1").orElseThrow();
        assertThat(vi.initialState()).isEqualTo(VrrpState.BACKUP);
        assertThat(vi.priority()).isEqualTo(150);
        assertThat(vi.advertInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(vi.preempt()).isTrue();
        assertThat(vi.preemptDelay()).isEqualTo(Duration.ofMillis(4120));
        assertThat(vi.authentication()).contains(new Authentication(AuthType.PASS, "secret"));
        assertThat(vi.virtualAddresses()).containsExactly(
                new VirtualAddress(prefix("10.0.0.1/24"), Optional.of(ip("10.0.0.255")), Optional.of("eth1"), AddressScope.LINK,
                        Optional.of("eth1:vip"), false, true, Optional.empty()),
                new VirtualAddress(prefix("10.0.0.2/24"), Optional.of(ip("10.0.0.255")), Optional.empty(), AddressScope.GLOBAL,
                        Optional.empty(), true, false, Optional.of(VirtualAddress.PREFERRED_LFT_FOREVER)),
                new VirtualAddress(prefix("10.0.0.3/24"), Optional.of(ip("10.0.0.0")), Optional.empty(), AddressScope.GLOBAL,
                        Optional.empty(), false, false, Optional.empty()));
        assertThat(vi.excludedAddresses()).containsExactly(new VirtualAddress(prefix("fe80::10/64"), Optional.empty(),
                Optional.of("eth1"), AddressScope.GLOBAL, Optional.empty(), false, false, Optional.of(0L)));
        assertThat(vi.virtualRoutes()).containsExactly(
                new VirtualRoute(RouteType.UNICAST, prefix("192.168.0.0/16"), Optional.of(ip("10.0.0.1")), Optional.of(ip("10.0.0.254")),
                        Optional.of("eth1"), Optional.of(100L), Optional.of(5L), Optional.of(AddressScope.GLOBAL), Optional.of("static"),
                        Optional.of(1400), true, List.of(), false, false),
                new VirtualRoute(RouteType.BLACKHOLE, prefix("192.168.114.0/24"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, List.of(), false,
                        true), // no dev: keepalived stops tracking it
                new VirtualRoute(RouteType.UNICAST, prefix("10.9.0.0/16"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(254L), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                        List.of(new NextHop(Optional.of(ip("10.0.0.253")), Optional.of("eth1"), Optional.of(1), false),
                                new NextHop(Optional.of(ip("10.0.0.252")), Optional.empty(), Optional.of(2), true)),
                        false, true));
        assertThat(vi.virtualRules()).containsExactly(
                new VirtualRule(AddressFamily.IPV4, false, Optional.of(prefix("10.0.0.0/24")), Optional.empty(), Optional.of(100L),
                        Optional.of(10L), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false),
                new VirtualRule(AddressFamily.IPV4, true, Optional.empty(), Optional.of(prefix("10.9.0.0/16")), Optional.of(7L),
                        Optional.of(11L), Optional.of(16L), Optional.of(255L), Optional.of(4), Optional.of("eth1"), Optional.of("eth2"), true),
                new VirtualRule(AddressFamily.IPV6, false, Optional.empty(), Optional.empty(), Optional.of(5L), Optional.of(12L),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false));
        assertThat(vi.trackInterfaces()).containsExactly(new TrackedObject("eth1", 0, false), new TrackedObject("eth2", -10, true));
        assertThat(vi.trackScripts()).as("weight and reverse of the script").containsExactly(new TrackedObject("chk", -20, true));
        assertThat(vi.trackFiles()).containsExactly(new TrackedObject("tf", 3, false), new TrackedObject("tf_old", 1, false));
        assertThat(vi.trackProcesses()).containsExactly(new TrackedObject("haproxy", -4, true));
        assertThat(vi.notifyScripts().master()).contains(new ScriptCommand("/etc/k/notify.sh master", Optional.of("root"), Optional.empty()));
        assertThat(vi.notifyScripts().backup()).contains(ScriptCommand.of("/etc/k/backup.sh"));
        assertThat(vi.notifyScripts().fault()).contains(new ScriptCommand("/etc/k/fault.sh", Optional.of("nobody"), Optional.of("nogroup")));
        assertThat(vi.notifyScripts().stop()).contains(ScriptCommand.of("/etc/k/stop.sh"));
        assertThat(vi.notifyScripts().any()).contains(ScriptCommand.of("/etc/k/any.sh"));
        assertThat(vi.notifyScripts().masterRxLowerPriority()).contains(ScriptCommand.of("/etc/k/lower.sh"));
        assertThat(vi.notifyPriorityChanges()).isTrue();
        assertThat(vi.smtpAlert()).isTrue();
        assertThat(vi.sourceAddress()).contains(ip("10.0.0.5"));
        assertThat(vi.unicastPeers()).extracting(p -> p.address()).containsExactly(ip("10.0.0.6"), ip("10.0.0.7"));
        assertThat(vi.isUnicast()).isTrue();
        assertThat(vi.unicastTtl()).isEqualTo(10);
        assertThat(vi.checkUnicastSource()).isTrue();
        assertThat(vi.trackSourceIp()).isTrue();
        assertThat(vi.vmac()).as("five octets: the VRID is the sixth").contains(new Vmac("vk1", "00:00:5e:00:01:33"));
        assertThat(vi.vmacTransmitOnBase()).isTrue();
        assertThat(vi.accept()).isFalse();
        assertThat(vi.dontTrackPrimary()).isTrue();
        assertThat(vi.promoteSecondaries()).as("keepalived sets it on the VMAC itself").isFalse();
        assertThat(vi.garp()).isEqualTo(new GarpSettings(Duration.ofSeconds(1), 5, Duration.ofSeconds(30), 2, Duration.ofSeconds(4), 6));
        assertThat(vi.higherPrioSendAdvert()).isTrue();
        assertThat(vi.skipCheckAdvertAddresses()).isFalse();
    }

    @Test
    void ipv6InstanceUsesVersion3AndTheIpv6GroupAndDefaultVmac() {
        ConfigLoader.Result r = load("""
                vrrp_instance VI_6 {
                    interface eth0
                    virtual_router_id 10
                    advert_int 0.5
                    use_vmac
                    virtual_ipaddress {
                        fe80::1/64
                        2001:db8::1/64
                    }
                }
                """);
        assertThat(r.diagnostics()).isEmpty();
        VrrpInstance vi = r.config().vrrp().instances().get(0);
        assertThat(vi.family()).isEqualTo(AddressFamily.IPV6);
        assertThat(vi.version()).isEqualTo(3);
        assertThat(vi.advertInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(vi.multicastGroup()).isEqualTo(ip("ff02::12"));
        assertThat(vi.vmac()).contains(new Vmac("vrrp.10", "00:00:5e:00:02:0a"));
    }

    @Test
    void syncGroupMembersAndReferences() {
        ConfigLoader.Result r = load("""
                vrrp_script chk {
                    script /bin/true
                    weight 10
                }
                vrrp_sync_group G1 {
                    group {
                        VI_1
                        VI_2
                        VI_X
                    }
                    track_script {
                        chk
                    }
                    notify_master "/etc/k/g.sh MASTER"
                    smtp_alert
                }
                vrrp_sync_group G2 {
                    group {
                        VI_1
                    }
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    track_script {
                        chk
                    }
                    track_interface {
                        eth1 weight 5
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 2
                }
                """);
        assertThat(errors(r)).contains(
                "test.conf:9: error: Virtual router VI_X specified in sync group G1 doesn't exist - ignoring",
                "test.conf:19: error: Virtual router VI_1 cannot exist in more than one sync group; ignoring G2").hasSize(7);
        assertFinding(r, Severity.ERROR, 22, "(VI_1) No VIP specified; at least one is sensible");
        assertFinding(r, Severity.ERROR, 32, "(VI_2) No VIP specified; at least one is sensible");
        assertFinding(r, Severity.ERROR, 17, "Sync group G2, no matching virtual router found in group declaration - removing");
        assertFinding(r, Severity.ERROR, 26, "(VI_1) ignoring tracked script chk weight due to SYNC group");
        assertFinding(r, Severity.ERROR, 29, "(VI_1) ignoring tracked interface eth1 weight due to SYNC group");
        VrrpConfig v = r.config().vrrp();
        assertThat(v.syncGroups()).hasSize(1);
        assertThat(v.syncGroups().get(0).members()).containsExactly("VI_1", "VI_2");
        assertThat(v.syncGroups().get(0).trackScripts()).containsExactly(new TrackedObject("chk", 10, false));
        assertThat(v.syncGroups().get(0).notifyScripts().master()).contains(ScriptCommand.of("/etc/k/g.sh MASTER"));
        assertThat(v.syncGroups().get(0).smtpAlert()).isTrue();
        VrrpInstance vi1 = v.instance("VI_1").orElseThrow();
        assertThat(vi1.syncGroup()).contains("G1");
        assertThat(vi1.trackScripts()).containsExactly(new TrackedObject("chk", 0, false));
        assertThat(vi1.trackInterfaces()).containsExactly(new TrackedObject("eth1", 0, false));
    }

    @Test
    void everyInstanceErrorIsReportedWithItsLine() {
        ConfigLoader.Result r = load("""
                vrrp_script chk {
                    script /bin/true
                    weight 300
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 255
                    nopreempt
                    preempt_delay 2000
                    advert_int 1.5
                    authentication {
                        auth_type PASS
                        auth_pass 1234567890
                    }
                    virtual_ipaddress {
                        10.0.0.1/24
                        fe80::1/64
                        10.0.0.300
                        10.0.0.4/33
                    }
                    track_script {
                        nochk
                    }
                    track_interface {
                        eth1 weight 300
                    }
                    track_file {
                        nofile
                    }
                    track_process {
                        noproc
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 51
                    priority 0
                    virtual_ipaddress {
                        10.0.0.9
                    }
                }
                vrrp_instance VI_3 {
                    interface eth0
                    virtual_router_id 300
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 52
                }
                vrrp_instance VI_4 {
                    virtual_router_id 55
                }
                vrrp_instance VI_5 {
                    interface eth3
                    virtual_router_id 56
                    version 3
                    advert_int 50
                    authentication {
                        auth_type AH
                        auth_pass x
                    }
                    state UNKNOWN
                    unicast_ttl 256
                    mcast_dst_ip 10.0.0.1
                    virtual_ipaddress {
                        10.0.0.8
                    }
                }
                vrrp_instance VI_6 {
                    interface lo
                    virtual_router_id 57
                }
                """);
        assertFinding(r, Severity.ERROR, 3, "'weight' 300 is out of range -253..253");
        assertFinding(r, Severity.ERROR, 5, "(VI_1) nopreempt is incompatible with priority 255. resetting nopreempt");
        assertFinding(r, Severity.ERROR, 11, "'preempt_delay' 2000 is out of range 0..1000");
        assertFinding(r, Severity.ERROR, 12, "(VI_1) VRRPv2 advertisement interval 1.5s must be an integer. rounding to 2");
        assertFinding(r, Severity.ERROR, 15, "Truncating auth_pass to 8 characters");
        assertFinding(r, Severity.ERROR, 19, "(VI_1): virtual_ipaddress address family must match VRRP instance [fe80::1] - ignoring");
        assertFinding(r, Severity.ERROR, 20, "virtual_ipaddress: invalid IP address 10.0.0.300; skipping it");
        assertFinding(r, Severity.ERROR, 21, "Invalid address prefix len 33 for address 10.0.0.4/33 - using 32");
        assertFinding(r, Severity.ERROR, 24, "(VI_1) track script nochk not found, ignoring...");
        assertFinding(r, Severity.ERROR, 27, "track_interface eth1: weight 300 must be between [-253..253] inclusive");
        assertFinding(r, Severity.ERROR, 30, "(VI_1) track file nofile not found, ignoring...");
        assertFinding(r, Severity.ERROR, 33, "(VI_1) track process noproc not found, ignoring...");
        assertFinding(r, Severity.ERROR, 39, "'priority' 0 is out of range 1..255");
        assertFinding(r, Severity.ERROR, 36, "VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0");
        assertFinding(r, Severity.ERROR, 46, "'virtual_router_id' 300 is out of range 1..255");
        assertFinding(r, Severity.ERROR, 44, "(VI_3) the virtual router id must be set");
        assertFinding(r, Severity.ERROR, 48, "vrrp instance VI_2 already defined");
        assertFinding(r, Severity.ERROR, 52, "(VI_4) Unknown interface!");
        assertFinding(r, Severity.ERROR, 72, "(VI_6) cannot use a loopback interface (lo) for vrrp - ignoring");
        assertFinding(r, Severity.ERROR, 71, "(VI_6) Unknown interface!");
        assertFinding(r, Severity.ERROR, 59, "(VI_5) VRRPv3 advertisement interval 50s is out of range. Must be less than 40.96s. Setting to 40.95s");
        assertFinding(r, Severity.ERROR, 61, "(VI_5) VRRP version 3 does not support authentication. Ignoring.");
        assertFinding(r, Severity.ERROR, 64, "(VI_5) unknown state 'UNKNOWN', defaulting to BACKUP");
        assertFinding(r, Severity.ERROR, 65, "'unicast_ttl' 256 is out of range 0..255");
        assertFinding(r, Severity.ERROR, 66, "(VI_5): mcast_dst_ip 10.0.0.1 is not a multicast address");
        assertThat(errors(r)).hasSize(25);

        VrrpConfig v = r.config().vrrp();
        assertThat(v.instances()).extracting(VrrpInstance::name).containsExactly("VI_1", "VI_2", "VI_5");
        VrrpInstance vi1 = v.instances().get(0);
        assertThat(vi1.preempt()).isTrue();
        assertThat(vi1.advertInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(vi1.authentication()).contains(new Authentication(AuthType.PASS, "12345678"));
        assertThat(vi1.virtualAddresses()).extracting(a -> a.address().toString()).containsExactly("10.0.0.1/24", "10.0.0.4/32");
        assertThat(v.instances().get(1).priority()).as("invalid priority leaves the default").isEqualTo(100);
        assertThat(v.scripts().get(0).weight()).isZero();
        VrrpInstance vi5 = v.instances().get(2);
        assertThat(vi5.advertInterval()).isEqualTo(Duration.ofMillis(40950));
        assertThat(vi5.authentication()).isEmpty();
        assertThat(vi5.unicastTtl()).isEqualTo(255);
    }

    @Test
    void strictModeAdjustmentsAsKeepalivedMakesThem() {
        ConfigLoader.Result r = load("""
                global_defs {
                    vrrp_strict
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    virtual_ipaddress {
                        10.0.0.1
                    }
                    unicast_peer {
                        10.0.0.2
                        fe80::2
                    }
                    unicast_src_ip fe80::4
                }
                vrrp_instance VI_2 {
                    state MASTER
                    priority 100
                    interface eth0
                    virtual_router_id 2
                    accept
                    preempt_delay 10
                    authentication {
                        auth_type PASS
                        auth_pass abc
                    }
                    garp_lower_prio_repeat 3
                    higher_prio_send_advert
                    virtual_ipaddress {
                        10.0.0.2
                    }
                }
                vrrp_instance VI_3 {
                    state MASTER
                    interface eth0
                    virtual_router_id 3
                    virtual_ipaddress {
                        10.0.0.3
                    }
                }
                """);
        assertFinding(r, Severity.ERROR, 12, "(VI_1): unicast peer address family must match VRRP instance [fe80::2] - ignoring");
        assertFinding(r, Severity.ERROR, 14, "(VI_1): src address family must match VRRP instance [fe80::4] - ignoring");
        assertFinding(r, Severity.ERROR, 4, "(VI_1) Unicast peers are not supported in strict mode");
        assertFinding(r, Severity.ERROR, 16, "(VI_2) State MASTER must match being address owner");
        assertFinding(r, Severity.ERROR, 24, "(VI_2) Strict mode does not support authentication. Ignoring.");
        assertFinding(r, Severity.ERROR, 16, "(VI_2) preempt_delay is incompatible with strict mode - resetting");
        assertFinding(r, Severity.ERROR, 21, "(VI_2) warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
        assertFinding(r, Severity.ERROR, 16, "(VI_2) Strict mode requires no repeat garps - resetting");
        assertFinding(r, Severity.ERROR, 16, "(VI_2) strict mode requires higher_prio_send_advert to be clear - resetting");
        assertThat(errors(r)).hasSize(9);
        VrrpConfig v = r.config().vrrp();
        assertThat(v.instances()).extracting(VrrpInstance::name).containsExactly("VI_2", "VI_3");
        VrrpInstance vi2 = v.instances().get(0);
        assertThat(vi2.initialState()).isEqualTo(VrrpState.BACKUP);
        assertThat(vi2.accept()).isFalse();
        assertThat(vi2.authentication()).isEmpty();
        assertThat(vi2.preemptDelay()).isZero();
        assertThat(vi2.garp().lowerPrioRepeat()).isZero();
        assertThat(vi2.lowerPrioNoAdvert()).isTrue();
        assertThat(vi2.higherPrioSendAdvert()).isFalse();
        VrrpInstance vi3 = v.instances().get(1);
        assertThat(vi3.priority()).as("state MASTER without priority: address owner").isEqualTo(255);
        assertThat(vi3.accept()).as("the address owner accepts").isTrue();
    }

    @Test
    void stateAndPriorityFollowEachOtherAndMasterClearsNopreempt() {
        ConfigLoader.Result r = load("""
                vrrp_instance A {
                    state MASTER
                    interface eth0
                    virtual_router_id 1
                    priority 100
                    nopreempt
                    preempt_delay 5
                    virtual_ipaddress {
                        10.0.0.1
                    }
                }
                vrrp_instance B {
                    interface eth0
                    virtual_router_id 2
                    priority 255
                    virtual_ipaddress {
                        10.0.0.2
                    }
                }
                vrrp_instance C {
                    interface eth0
                    virtual_router_id 3
                    nopreempt
                    preempt_delay 5
                }
                vrrp_instance D {
                    interface eth0
                    virtual_router_id 4
                    version 3
                    advert_int 0.555
                    virtual_ipaddress {
                        2001:db8::1
                    }
                }
                """);
        assertFinding(r, Severity.ERROR, 1, "(A) Warning - nopreempt will not work with initial state MASTER - clearing");
        assertFinding(r, Severity.ERROR, 1, "(A) Warning - preempt delay will not work with initial state MASTER - clearing");
        assertFinding(r, Severity.ERROR, 20, "(C) No VIP specified; at least one is sensible");
        assertFinding(r, Severity.ERROR, 20, "(C) preempt_delay is incompatible with nopreempt mode - resetting");
        assertFinding(r, Severity.ERROR, 30, "(D) VRRPv3 advertisement interval 0.555s must be in units of 10ms - rounding to 0.56");
        assertFinding(r, Severity.WARNING, 32, "(D) the first IPv6 VIP address should be link local");
        assertThat(errors(r)).hasSize(5);
        VrrpConfig v = r.config().vrrp();
        assertThat(v.instance("A").orElseThrow().preempt()).isTrue();
        assertThat(v.instance("A").orElseThrow().preemptDelay()).isZero();
        assertThat(v.instance("B").orElseThrow().initialState()).isEqualTo(VrrpState.MASTER);
        assertThat(v.instance("C").orElseThrow().preempt()).isFalse();
        assertThat(v.instance("C").orElseThrow().preemptDelay()).isZero();
        assertThat(v.instance("D").orElseThrow().advertInterval()).isEqualTo(Duration.ofMillis(560));
    }

    @Test
    void sameVridIsFineOnOtherInterfacesFamiliesOrDisjointUnicastPeers() {
        ConfigLoader.Result r = load("""
                vrrp_instance A {
                    interface eth0
                    virtual_router_id 5
                }
                vrrp_instance B {
                    interface eth1
                    virtual_router_id 5
                }
                vrrp_instance C {
                    interface eth0
                    virtual_router_id 5
                    virtual_ipaddress {
                        fe80::5
                    }
                }
                vrrp_instance D {
                    interface eth2
                    virtual_router_id 5
                    unicast_peer {
                        10.0.0.1
                    }
                }
                vrrp_instance E {
                    interface eth2
                    virtual_router_id 5
                    unicast_peer {
                        10.0.0.2
                    }
                }
                vrrp_instance F {
                    interface eth2
                    virtual_router_id 5
                    unicast_peer {
                        10.0.0.2
                    }
                }
                """);
        assertThat(errors(r)).filteredOn(e -> !e.contains("No VIP specified"))
                .containsExactly("test.conf:30: error: E and F both use VRID 5 with IPv4 on interface eth2");
    }

    @Test
    void trackingTheOwnInterfaceOrAMembersInterfaceFromItsSyncGroupIsReported() {
        // observed with keepalived 2.2.7 -t (exit 5): "(VI_1) Ignoring track_interface lan0 since own interface" and
        // "(VI_B) track_interface lan1 is configured on VRRP instance and sync group. Remove vrrp instance or sync group config"
        ConfigLoader.Result r = load("""
                vrrp_sync_group G {
                    group {
                        VI_A
                        VI_B
                    }
                    track_interface {
                        eth1
                        eth2
                        eth3
                    }
                }
                vrrp_instance VI_A {
                    interface eth0
                    virtual_router_id 1
                    track_interface {
                        eth0
                        eth2
                    }
                    virtual_ipaddress {
                        10.0.0.1
                    }
                }
                vrrp_instance VI_B {
                    interface eth1
                    virtual_router_id 2
                    virtual_ipaddress {
                        10.0.0.2
                    }
                }
                """, hostWith("eth0", "eth1", "eth2", "eth3"));
        assertThat(errors(r)).containsExactlyInAnyOrder(
                "test.conf:7: error: (VI_B) track_interface eth1 is configured on VRRP instance and sync group. Remove vrrp instance"
                        + " or sync group config",
                "test.conf:8: error: (VI_A) track_interface eth2 is configured on VRRP instance and sync group. Remove vrrp instance"
                        + " or sync group config",
                "test.conf:16: error: (VI_A) Ignoring track_interface eth0 since own interface");
        assertThat(r.config().vrrp().instance("VI_A").orElseThrow().trackInterfaces()).extracting(t -> t.name())
                .as("the own interface is no longer tracked").containsExactly("eth2");
    }

    @Test
    void missingInterfacesAreReportedAsKeepalivedDoes() {
        String conf = """
                vrrp_instance VI_1 {
                    interface eth9
                    virtual_router_id 1
                    virtual_ipaddress {
                        10.0.0.1 dev eth8
                    }
                    track_interface {
                        eth7
                    }
                    virtual_routes {
                        10.5.0.0/16 dev eth6
                        10.6.0.0/16 nexthop via 10.0.0.1 dev eth5
                    }
                }
                """;
        ConfigLoader.Result r = load(conf, hostWith("eth0"));
        assertFinding(r, Severity.ERROR, 2, "interface eth9 for vrrp_instance VI_1 doesn't exist");
        assertFinding(r, Severity.ERROR, 5, "interface eth8 for ip address 10.0.0.1 doesn't exist");
        assertFinding(r, Severity.ERROR, 8, "(VI_1) tracked interface eth7 doesn't exist");
        assertFinding(r, Severity.ERROR, 11, "interface eth6 for VROUTE nexthop doesn't exist");
        assertFinding(r, Severity.ERROR, 12, "interface eth5 for VROUTE nexthop doesn't exist");
        assertFinding(r, Severity.ERROR, 12, "Warning - cannot track route 10.6.0.0/16 with no interface specified, not tracking");
        assertThat(errors(r)).hasSize(6);
        ConfigLoader.Result dynamic = load("global_defs {\n dynamic_interfaces\n}\n" + conf, hostWith("eth0"));
        assertThat(errors(dynamic)).singleElement().asString().contains("cannot track route 10.6.0.0/16");
        assertFinding(dynamic, Severity.WARNING, 5, "WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist");
        assertThat(errors(load(conf, hostWith("eth9", "eth8", "eth7", "eth6", "eth5")))).singleElement().asString()
                .contains("cannot track route 10.6.0.0/16");
    }

    @Test
    void staticBlocksAndUnsupportedKeywords() {
        ConfigLoader.Result r = load("""
                static_ipaddress {
                    192.168.1.1/24 dev eth0 scope global
                    192.168.1.2/24 dev eth0 home
                    192.168.1.3/24 no_track
                }
                static_routes {
                    192.168.2.0/24 via 192.168.1.100 dev eth0
                    192.168.3.0/24 via 192.168.1.100 advmss 101
                    192.168.4.0/24 bogus 1
                }
                static_rules {
                    from 192.168.2.0/24 table 1 preference 100
                    to 1:2:3:4:5:6:7:0/112 from 7:6:5:4:3:2::/96 table 6908 uidrange 10000-19999 preference 101
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 1
                    use_ipvlan
                    native_ipv6
                }
                track_group TG {
                    group {
                        VI_1
                    }
                }
                """);
        assertFinding(r, Severity.WARNING, 3, "'home' in static_ipaddress is not supported yet");
        assertFinding(r, Severity.ERROR, 4, "static_ipaddress: 'no_track' is only valid for virtual addresses");
        assertFinding(r, Severity.WARNING, 8, "'advmss' in static_routes is not supported yet");
        assertFinding(r, Severity.ERROR, 9, "static_routes: unknown route option 'bogus'");
        assertFinding(r, Severity.WARNING, 13, "'uidrange' in static_rules is not supported yet");
        assertFinding(r, Severity.WARNING, 18, "'use_ipvlan' in vrrp_instance is not supported yet");
        assertFinding(r, Severity.WARNING, 19, "'native_ipv6' is deprecated");
        assertFinding(r, Severity.WARNING, 21, "'track_group' in the top level is not supported yet");
        VrrpConfig v = r.config().vrrp();
        assertThat(v.staticAddresses()).hasSize(2);
        assertThat(v.staticRoutes()).hasSize(2);
        assertThat(v.staticRules()).extracting(VirtualRule::family).containsExactly(AddressFamily.IPV4, AddressFamily.IPV6);
    }

    @Test
    void vipsBeyondWhatAnAdvertCarriesMoveToTheExcludedList() {
        StringBuilder conf = new StringBuilder("vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 1\n    virtual_ipaddress {\n");
        for (int i = 0; i < 300; i++) {
            conf.append("        10.1.").append(i / 250).append('.').append(i % 250 + 1).append('\n');
        }
        conf.append("    }\n    virtual_ipaddress_excluded {\n        10.9.9.9\n    }\n}\n");
        ConfigLoader.Result r = load(conf.toString());
        // line 5 holds the first VIP, so the 256th is on line 260
        assertFinding(r, Severity.ERROR, 260, "(VI_1) Number of VIPs (300) exceeds maximum/space available in packet (max 255 addresses)");
        VrrpInstance vi = r.config().vrrp().instances().get(0);
        assertThat(vi.virtualAddresses()).hasSize(255);
        assertThat(vi.excludedAddresses()).hasSize(46);
        assertThat(vi.excludedAddresses().get(0).address().toString()).isEqualTo("10.1.1.6/32");
        assertThat(vi.excludedAddresses().get(45).address().toString()).isEqualTo("10.9.9.9/32");
    }
}
