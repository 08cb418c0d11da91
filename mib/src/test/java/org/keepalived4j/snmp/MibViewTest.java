package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.syntax.ReadOptions;
import org.keepalived4j.management.GlobalSettings;
import org.keepalived4j.management.InstanceSettings;
import org.keepalived4j.management.SyncGroupSnapshot;
import org.keepalived4j.management.TrackerSnapshot;
import org.keepalived4j.vrrp.VrrpState;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

class MibViewTest {
    private final FakeManagement api = new FakeManagement();
    private final RowIndexes instances = new RowIndexes();
    private final RowIndexes groups = new RowIndexes();
    private final RowIndexes scripts = new RowIndexes();
    private final RowIndexes files = new RowIndexes();
    private final RowIndexes processes = new RowIndexes();
    private final UpTimes upTimes = new UpTimes();

    private final MibView.Context ctx = new StubMibContext()
            .ifIndexes(name -> switch (name) {
                case "eth0" -> 7;
                case "eth1" -> 8;
                default -> 0;
            })
            .agentStart(Instant.parse("2026-11-23T00:00:00Z"))
            .trapsEnabled(true)
            .refreshMillis(1000)
            .upTimes(upTimes);

    private MibView build() {
        return MibView.build(api, instances, groups, scripts, files, processes, ctx);
    }

    private static String s(Variable v) {
        return v == null ? null : v.toString();
    }

    @Test
    void instanceTableColumnsFollowKeepalivedMib() {
        api.instances.add(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.MASTER, 100, true, "10.1.0.1",
                "10.1.0.100"));
        api.instances.add(FakeManagement.instance("VI_2", 52, "eth1", 3, VrrpState.BACKUP, 90, false, "10.1.0.1",
                "fd00::1"));
        MibView v = build();
        String e = MibOids.INSTANCE_ENTRY;
        assertThat(s(v.get(new OID(e + ".2.1")))).isEqualTo("VI_1");
        assertThat(s(v.get(new OID(e + ".2.2")))).isEqualTo("VI_2");
        assertThat(v.get(new OID(e + ".3.1")).toInt()).isEqualTo(51);
        assertThat(v.get(new OID(e + ".4.1")).toInt()).as("master(2)").isEqualTo(2);
        assertThat(v.get(new OID(e + ".4.2")).toInt()).as("backup(1)").isEqualTo(1);
        assertThat(v.get(new OID(e + ".7.2")).toInt()).isEqualTo(90);
        assertThat(v.get(new OID(e + ".13.1")).toInt()).as("preempt(1)").isEqualTo(1);
        assertThat(v.get(new OID(e + ".13.2")).toInt()).as("noPreempt(2)").isEqualTo(2);
        assertThat(v.get(new OID(e + ".12.1")).toInt()).as("v2 interval in seconds").isEqualTo(1);
        assertThat(v.get(new OID(e + ".12.2")).toInt()).as("v3 interval in centiseconds").isEqualTo(100);
        assertThat(v.get(new OID(e + ".30.2")).toInt()).as("vrrpv3(3)").isEqualTo(3);
        assertThat(v.writable(new OID(e + ".7.1"))).isEqualTo(
                new MibView.Writable("VI_1", MibView.WritableKind.BASE_PRIORITY));
        assertThat(v.writable(new OID(e + ".2.1"))).isNull();
        // vrrpAddressTable: instance 1, address 1 is 10.1.0.100 as InetAddress octets
        assertThat(v.get(new OID(MibOids.ADDRESS_ENTRY + ".3.1.1")).toString()).isEqualTo("0a:01:00:64");
    }

    @Test
    void rfc2787RowsOnlyForVrrpV2WithIpv4AndRfc6527ForAll() {
        api.instances.add(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.MASTER, 100, true, "10.1.0.1",
                "10.1.0.100", "10.1.0.101"));
        api.instances.add(FakeManagement.instance("VI_2", 52, "eth1", 3, VrrpState.BACKUP, 90, false, "10.1.0.1",
                "fd00::1"));
        api.instances.add(FakeManagement.instance("VI_X", 53, "gone0", 2, VrrpState.BACKUP, 90, false, "10.1.0.1",
                "10.1.0.103"));
        MibView v = build();
        String oper = MibOids.VRRP_OPER_ENTRY;
        assertThat(v.get(new OID(oper + ".3.7.51")).toInt()).as("master(3)").isEqualTo(3);
        assertThat(v.get(new OID(oper + ".6.7.51")).toInt()).isEqualTo(2);
        assertThat(s(v.get(new OID(oper + ".2.7.51")))).isEqualTo("00:00:5e:00:01:33");
        assertThat(v.get(new OID(oper + ".3.8.52"))).as("VRRPv3 instance has no RFC 2787 row").isNull();
        assertThat(v.values().subMap(new OID(oper), new OID(oper).nextPeer()).keySet())
                .as("an instance whose interface has no ifIndex has no row")
                .noneMatch(o -> o.get(o.size() - 1) == 53);
        assertThat(v.get(new OID(MibOids.VRRP_ASSO_ENTRY + ".2.7.51.10.1.0.101")).toInt()).isEqualTo(1);
        assertThat(v.get(new OID(MibOids.VRRP_STATS_ENTRY + ".2.7.51")).toLong()).isEqualTo(42);

        String v3 = MibOids.VRRPV3_OPER_ENTRY;
        assertThat(v.get(new OID(v3 + ".6.7.51.1")).toInt()).isEqualTo(3);
        assertThat(v.get(new OID(v3 + ".6.8.52.2")).toInt()).as("backup(2)").isEqualTo(2);
        assertThat(v.get(new OID(v3 + ".9.8.52.2")).toInt()).isEqualTo(100);
        assertThat(v.get(new OID(MibOids.VRRPV3_ASSO_ENTRY + ".2.8.52.2.16.253.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1"))
                .toInt()).isEqualTo(1);
        assertThat(v.get(new OID(MibOids.VRRPV3_STATS_ENTRY + ".3.8.52.2")).toLong()).isEqualTo(42);
        // TruthValue columns take only true(1)/false(2)
        for (String col : List.of(oper + ".12", v3 + ".10", v3 + ".11")) {
            assertThat(v.values().subMap(new OID(col), new OID(col).nextPeer()).values())
                    .isNotEmpty().allMatch(x -> x.toInt() == 1 || x.toInt() == 2);
        }
    }

    @Test
    void rowIndexesSurviveReloadsThatAddAndRemoveOtherInstances() {
        api.instances.add(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.MASTER, 100, true, "10.1.0.1",
                "10.1.0.100"));
        api.instances.add(FakeManagement.instance("VI_2", 52, "eth0", 2, VrrpState.BACKUP, 90, true, "10.1.0.1",
                "10.1.0.101"));
        api.groups.add(new SyncGroupSnapshot("G1", List.of("VI_2"), VrrpState.BACKUP));
        MibView before = build();
        assertThat(before.instanceIndex("VI_2")).isEqualTo(2);
        assertThat(s(before.get(new OID(MibOids.SYNC_GROUP_MEMBER_ENTRY + ".2.1.2")))).isEqualTo("VI_2");

        // reload: VI_1 removed, VI_0 added in front (keepalived would renumber VI_2 to 2 -> 1 and VI_0 to 1)
        api.instances.clear();
        api.instances.add(FakeManagement.instance("VI_0", 50, "eth0", 2, VrrpState.BACKUP, 80, true, "10.1.0.1",
                "10.1.0.102"));
        api.instances.add(FakeManagement.instance("VI_2", 52, "eth0", 2, VrrpState.BACKUP, 90, true, "10.1.0.1",
                "10.1.0.101"));
        MibView after = build();
        assertThat(after.instanceIndex("VI_2")).isEqualTo(2);
        assertThat(after.instanceIndex("VI_0")).isEqualTo(3);
        assertThat(after.get(new OID(MibOids.INSTANCE_ENTRY + ".2.1"))).as("the removed row is gone").isNull();
        assertThat(s(after.get(new OID(MibOids.INSTANCE_ENTRY + ".2.2")))).isEqualTo("VI_2");
        assertThat(s(after.get(new OID(MibOids.SYNC_GROUP_MEMBER_ENTRY + ".2.1.2")))).isEqualTo("VI_2");
    }

    @Test
    void trackersAppearInTheirTablesAndUnderTheInstancesThatTrackThem() {
        api.instances.add(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.MASTER, 100, true, "10.1.0.1",
                "10.1.0.100"));
        api.trackers.add(new TrackerSnapshot(TrackerSnapshot.Kind.SCRIPT, "chk_http", false, 1, -20,
                List.of("VI_1"), null));
        MibView v = build();
        assertThat(s(v.get(new OID(MibOids.SCRIPT_ENTRY + ".2.1")))).isEqualTo("chk_http");
        assertThat(v.get(new OID(MibOids.SCRIPT_ENTRY + ".5.1")).toInt()).isEqualTo(-20);
        assertThat(v.get(new OID(MibOids.SCRIPT_ENTRY + ".6.1")).toInt()).as("bad(2)").isEqualTo(2);
        assertThat(s(v.get(new OID(MibOids.TRACKED_SCRIPT_ENTRY + ".2.1.1")))).isEqualTo("chk_http");
    }

    @Test
    void trackerRowsComeFromTheEngineTrackersThroughTheRealService(@org.junit.jupiter.api.io.TempDir
                                                                   java.nio.file.Path dir) {
        var lan = new org.keepalived4j.vrrp.sim.SimulatedLan();
        var a = lan.add("a", org.keepalived4j.vrrp.sim.SimulatedLan.settings("VI_1", 51, 150, 1).build());
        var clock = new org.keepalived4j.management.engine.VirtualWallClock(lan.loop());
        try (var lab = new org.keepalived4j.track.ScriptTrackingLab(dir, lan, a);
             var service = new org.keepalived4j.management.engine.VrrpManagementService("router-a", "0.1-test",
                     java.nio.file.Path.of("k.conf"), new org.keepalived4j.management.engine.LiveOverlay(null),
                     clock, 1024)) {
            lab.tracking().clock(clock);
            service.configurationLoaded(() -> "");
            service.attach(List.of(new org.keepalived4j.management.engine.ManagedRouter(a.router(), "eth0")),
                    lab.tracking(), Map.of());
            lab.start();
            lab.advance(java.time.Duration.ofSeconds(5));
            MibView v = MibView.build(service, instances, groups, scripts, files, processes, ctx);
            assertThat(s(v.get(new OID(MibOids.SCRIPT_ENTRY + ".2.1")))).isEqualTo("chk");
            assertThat(v.get(new OID(MibOids.SCRIPT_ENTRY + ".5.1")).toInt()).isEqualTo(-80);
            assertThat(v.get(new OID(MibOids.SCRIPT_ENTRY + ".6.1")).toInt()).as("good(3)").isEqualTo(3);
            assertThat(s(v.get(new OID(MibOids.TRACKED_SCRIPT_ENTRY + ".2.1.1")))).isEqualTo("chk");
            assertThat(v.get(new OID(MibOids.TRACKED_SCRIPT_ENTRY + ".3.1.1")).toInt()).isEqualTo(-80);
            assertThat(s(v.get(new OID(MibOids.FILE_ENTRY + ".2.1")))).isEqualTo("tf");
            assertThat(v.get(new OID(MibOids.FILE_ENTRY + ".4.1")).toInt()).as("the file's value").isEqualTo(2);
            assertThat(s(v.get(new OID(MibOids.TRACKED_FILE_ENTRY + ".2.1.1")))).isEqualTo("tf");

            lab.scriptExits(1);
            lab.advance(java.time.Duration.ofSeconds(3));
            v = MibView.build(service, instances, groups, scripts, files, processes, ctx);
            assertThat(v.get(new OID(MibOids.SCRIPT_ENTRY + ".6.1")).toInt()).as("bad(2)").isEqualTo(2);
        }
    }

    @Test
    void upTimeIsWhenTheInstanceLeftInitializeAndResetsOnFault() {
        // FakeManagement instances changed state at 00:00:05, five seconds after the agent start
        api.instances.add(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.BACKUP, 100, true, "10.1.0.1",
                "10.1.0.100"));
        String oper = MibOids.VRRP_OPER_ENTRY + ".13.7.51";
        String v3 = MibOids.VRRPV3_OPER_ENTRY + ".12.7.51.1";
        MibView up = build();
        assertThat(up.get(new OID(oper)).toLong()).isEqualTo(500);
        assertThat(up.get(new OID(v3)).toLong()).isEqualTo(500);
        api.replace(withState(api.instances.get(0), VrrpState.FAULT, "2026-11-23T00:01:00Z"));
        assertThat(build().get(new OID(oper)).toLong()).isZero();
        api.replace(withState(api.instances.get(0), VrrpState.BACKUP, "2026-11-23T00:02:00Z"));
        assertThat(build().get(new OID(oper)).toLong()).isEqualTo(12000);
        api.replace(withState(api.instances.get(0), VrrpState.MASTER, "2026-11-23T00:03:00Z"));
        assertThat(build().get(new OID(oper)).toLong()).as("still up since BACKUP").isEqualTo(12000);
    }

    private static org.keepalived4j.management.InstanceSnapshot withState(
            org.keepalived4j.management.InstanceSnapshot s, VrrpState state, String at) {
        return new org.keepalived4j.management.InstanceSnapshot(s.name(), s.virtualRouterId(), s.interfaceName(),
                s.version(), state, s.initialState(), s.configuredPriority(), s.basePriority(), s.effectivePriority(),
                s.addressOwner(), s.preempt(), s.advertIntervalCentis(), s.primaryAddress(), s.masterAddress(),
                s.masterPriority(), s.virtualAddresses(), Instant.parse(at), s.lastTransitionReason(),
                s.transitionCount() + 1, s.resignedUntil(), s.statistics(), s.statisticsDiscontinuity(),
                s.overrides(), s.acceptMode());
    }

    private static org.keepalived4j.management.InstanceSnapshot withSettings(
            org.keepalived4j.management.InstanceSnapshot s, InstanceSettings settings) {
        return new org.keepalived4j.management.InstanceSnapshot(s.name(), s.virtualRouterId(), s.interfaceName(),
                s.version(), s.state(), s.initialState(), s.configuredPriority(), s.basePriority(),
                s.effectivePriority(), s.addressOwner(), s.preempt(), s.advertIntervalCentis(), s.primaryAddress(),
                s.masterAddress(), s.masterPriority(), s.virtualAddresses(), s.lastTransition(),
                s.lastTransitionReason(), s.transitionCount(), s.resignedUntil(), s.statistics(),
                s.statisticsDiscontinuity(), s.overrides(), s.acceptMode(), s.trackers(), settings);
    }

    private static KeepalivedConfig parse(String text) {
        ConfigLoader.Result r = ConfigLoader.loadString(text, Path.of("/etc/keepalived/keepalived.conf"),
                new ReadOptions("host"), HostEnvironment.permissive());
        assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
        return r.config();
    }

    @Test
    void configuredInstanceColumnsComeFromTheConfigurationModel() {
        KeepalivedConfig conf = parse("""
                global_defs {
                    lvs_sync_daemon eth0 VI_1
                    vrrp_mcast_group4 224.0.0.19
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    preempt_delay 7
                    garp_master_delay 3
                    promote_secondaries
                    dont_track_primary
                    smtp_alert
                    authentication {
                        auth_type AH
                        auth_pass secret
                    }
                    notify_master "/no/such/master.sh arg1"
                    notify_fault /no/such/fault.sh
                    virtual_ipaddress {
                        10.0.0.100/32
                        10.0.0.101/24 brd 10.0.0.255 scope link label eth0:v
                    }
                }
                vrrp_instance VI_2 {
                    interface eth1
                    virtual_router_id 52
                    priority 100
                    version 3
                    unicast_peer {
                        10.0.0.2
                    }
                    virtual_ipaddress {
                        10.0.1.100/32
                    }
                }
                """);
        api.instances.add(withSettings(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.BACKUP, 100, true,
                "10.0.0.1", "10.0.0.100", "10.0.0.101"), InstanceSettings.of(conf.vrrp().instance("VI_1").orElseThrow(),
                conf.global())));
        api.instances.add(withSettings(FakeManagement.instance("VI_2", 52, "eth1", 3, VrrpState.MASTER, 100, true,
                "10.0.1.1", "10.0.1.100"), InstanceSettings.of(conf.vrrp().instance("VI_2").orElseThrow(),
                conf.global())));
        MibView v = build();
        String e = MibOids.INSTANCE_ENTRY + ".";
        assertThat(v.get(new OID(e + "11.1")).toInt()).as("dont_track_primary: notTracked").isEqualTo(2);
        assertThat(v.get(new OID(e + "11.2")).toInt()).as("tracked").isEqualTo(1);
        assertThat(v.get(new OID(e + "14.1")).toLong()).as("preempt delay, seconds").isEqualTo(7);
        assertThat(v.get(new OID(e + "15.1")).toInt()).as("auth AH").isEqualTo(2);
        assertThat(v.get(new OID(e + "15.2")).toInt()).as("no auth for v3").isZero();
        assertThat(v.get(new OID(e + "16.1")).toInt()).as("lvs sync daemon enabled").isEqualTo(1);
        assertThat(s(v.get(new OID(e + "17.1")))).isEqualTo("eth0");
        assertThat(v.get(new OID(e + "16.2")).toInt()).isEqualTo(2);
        assertThat(v.get(new OID(e + "17.2"))).isNull();
        assertThat(v.get(new OID(e + "19.1")).toLong()).as("garp delay, seconds").isEqualTo(3);
        assertThat(v.get(new OID(e + "20.1")).toInt()).as("smtp_alert").isEqualTo(1);
        assertThat(v.get(new OID(e + "20.2")).toInt()).isEqualTo(2);
        assertThat(v.get(new OID(e + "21.1")).toInt()).as("notify exec").isEqualTo(1);
        assertThat(v.get(new OID(e + "21.2")).toInt()).isEqualTo(2);
        assertThat(s(v.get(new OID(e + "22.1")))).isEqualTo("'/no/such/master.sh' 'arg1'");
        assertThat(v.get(new OID(e + "23.1"))).as("no notify_backup").isNull();
        assertThat(s(v.get(new OID(e + "24.1")))).isEqualTo("'/no/such/fault.sh'");
        assertThat(v.get(new OID(e + "27.1")).toInt()).as("accept on v2: 0, as keepalived").isZero();
        assertThat(v.get(new OID(e + "27.2")).toInt()).isEqualTo(1);
        assertThat(v.get(new OID(e + "28.1")).toInt()).as("promote_secondaries").isEqualTo(1);
        assertThat(v.get(new OID(e + "28.2")).toInt()).isEqualTo(2);
        assertThat(v.get(new OID(e + "34.1")).toInt()).as("ipv4").isEqualTo(1);
        assertThat(v.get(new OID(e + "35.1")).toString()).isEqualTo(new OctetString(new byte[] {(byte) 224, 0, 0, 19})
                .toString());
        assertThat(v.get(new OID(e + "34.2"))).as("unicast: no multicast address").isNull();
        String a = MibOids.ADDRESS_ENTRY + ".";
        assertThat(v.get(new OID(a + "4.1.1")).toString()).as("no broadcast: 0.0.0.0, as keepalived")
                .isEqualTo(new OctetString(new byte[4]).toString());
        assertThat(v.get(new OID(a + "4.1.2")).toString())
                .isEqualTo(new OctetString(new byte[] {10, 0, 0, (byte) 255}).toString());
        assertThat(v.get(new OID(a + "5.1.1")).toLong()).isEqualTo(32);
        assertThat(v.get(new OID(a + "5.1.2")).toLong()).isEqualTo(24);
        assertThat(v.get(new OID(a + "6.1.1")).toInt()).as("global(14)").isEqualTo(14);
        assertThat(v.get(new OID(a + "6.1.2")).toInt()).as("linkLocal(2)").isEqualTo(2);
        assertThat(v.get(new OID(a + "7.1.2")).toInt()).as("ifIndex of eth0").isEqualTo(7);
        assertThat(v.get(new OID(a + "9.1.1"))).as("no label").isNull();
        assertThat(s(v.get(new OID(a + "9.1.2")))).isEqualTo("eth0:v");
        String auth = MibOids.VRRP_OPER_ENTRY + ".9.7.51";
        assertThat(v.get(new OID(auth)).toInt()).as("vrrpOperAuthType ipAuthenticationHeader").isEqualTo(3);
    }

    @Test
    void globalScalarsComeFromGlobalDefs() {
        api.globalSettings = GlobalSettings.of(parse("""
                global_defs {
                    notification_email {
                        a@example.org
                        b@example.org
                    }
                    notification_email_from k@example.org
                    smtp_server 2001:db8::25 587
                    smtp_connect_timeout 12
                    smtp_alert true
                    smtp_alert_vrrp false
                    no_email_faults
                    lvs_flush
                    lvs_flush_onstop VS
                    dynamic_interfaces
                }
                """));
        MibView v = build();
        String mail = MibOids.GLOBAL + ".3.";
        assertThat(v.get(new OID(mail + "1.0")).toInt()).as("ipv6").isEqualTo(2);
        assertThat(v.get(new OID(mail + "2.0")).toString())
                .isEqualTo(new OctetString(FakeManagement.ip("2001:db8::25").getAddress()).toString());
        assertThat(v.get(new OID(mail + "3.0")).toLong()).isEqualTo(12);
        assertThat(s(v.get(new OID(mail + "4.0")))).isEqualTo("k@example.org");
        assertThat(s(v.get(new OID(mail + "5.1.2.1")))).isEqualTo("a@example.org");
        assertThat(s(v.get(new OID(mail + "5.1.2.2")))).isEqualTo("b@example.org");
        assertThat(v.get(new OID(mail + "6.0")).toInt()).isEqualTo(587);
        assertThat(v.get(new OID(mail + "7.0")).toInt()).as("no_email_faults: disabled").isEqualTo(2);
        assertThat(v.get(new OID(mail + "8.0")).toInt()).as("smtp_alert on").isEqualTo(1);
        assertThat(v.get(new OID(mail + "9.0")).toInt()).as("smtp_alert_vrrp off").isEqualTo(2);
        assertThat(v.get(new OID(mail + "10.0")).toInt()).as("smtp_alert_checker unset").isEqualTo(3);
        assertThat(v.get(new OID(MibOids.GLOBAL + ".6.0")).toInt()).as("lvs_flush").isEqualTo(1);
        assertThat(v.get(new OID(MibOids.GLOBAL + ".10.0")).toInt()).as("dynamic_interfaces").isEqualTo(1);
        assertThat(v.get(new OID(MibOids.GLOBAL + ".11.0")).toInt()).as("flushVS").isEqualTo(3);

        api.globalSettings = GlobalSettings.of(parse("global_defs {\n    smtp_server mail.example.org\n}\n"));
        assertThat(build().get(new OID(mail + "2.0"))).as("a host name has no address to serve").isNull();
    }

    @Test
    void withoutSettingsTheConfiguredColumnsAreAbsent() {
        api.instances.add(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.BACKUP, 100, true, "10.0.0.1",
                "10.0.0.100"));
        MibView v = build();
        assertThat(v.get(new OID(MibOids.INSTANCE_ENTRY + ".14.1"))).isNull();
        assertThat(v.get(new OID(MibOids.INSTANCE_ENTRY + ".13.1"))).isNotNull();
    }

    @Test
    void dateAndTimeIsElevenOctetsUtc() {
        byte[] b = MibView.dateAndTime(Instant.parse("2026-11-23T01:02:03.400Z")).getValue();
        assertThat(b).hasSize(11);
        assertThat(((b[0] & 0xff) << 8) | (b[1] & 0xff)).isEqualTo(2026);
        assertThat(new int[] {b[2], b[3], b[4], b[5], b[6], b[7]}).containsExactly(11, 23, 1, 2, 3, 4);
        assertThat((char) b[8]).isEqualTo('+');
        assertThat(MibView.dateAndTime(null).length()).isZero();
    }

    @Test
    void rowIndexesNeverReuseANumber() {
        RowIndexes r = new RowIndexes();
        Map<String, Integer> first = r.update(List.of("a", "b"));
        assertThat(first).containsEntry("a", 1).containsEntry("b", 2);
        r.update(List.of("b"));
        Map<String, Integer> third = r.update(List.of("a", "b"));
        assertThat(third).containsEntry("b", 2).containsEntry("a", 3);
    }

    /** Instances of a parsed configuration with their settings, and its global settings, into the fake source. */
    private void load(KeepalivedConfig conf, org.keepalived4j.management.InstanceSnapshot... instances) {
        api.globalSettings = GlobalSettings.of(conf);
        for (org.keepalived4j.management.InstanceSnapshot i : instances) {
            api.instances.add(withSettings(i, InstanceSettings.of(conf.vrrp().instance(i.name()).orElseThrow(),
                    conf.global())));
        }
    }

    @Test
    void staticAndVirtualAddressesRoutesAndRulesAreServedWithKeepalivedsIndexes() {
        load(parse("""
                static_ipaddress {
                    10.5.9.1/24 dev eth0 scope link label eth0:s
                }
                static_routes {
                    10.5.60.0/24 via 10.5.0.254 dev eth0 metric 7
                    blackhole 10.5.61.0/24 dev eth1
                }
                static_rules {
                    from 10.5.9.1 table 107 priority 1007
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.5.0.100/32
                    }
                    virtual_routes {
                        src 10.5.0.100 10.5.51.0/24 dev eth1 table 107 metric 5 mtu 1400
                        10.5.53.0/24 no_track nexthop via 10.5.0.1 dev eth0 weight 2 nexthop via 10.5.0.2 dev eth1
                    }
                    virtual_rules {
                        from 10.5.0.100 table 107 priority 3000
                        not to 10.5.52.0/24 fwmark 7/15 table 108 priority 2001
                    }
                }
                """), FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.MASTER, 100, true, "10.5.0.1",
                "10.5.0.100"));
        MibView v = build();
        String a = MibOids.ADDRESS_ENTRY + ".";
        assertThat(v.get(new OID(a + "3.0.1")).toString()).as("static address, instance 0")
                .isEqualTo(new OctetString(new byte[] {10, 5, 9, 1}).toString());
        assertThat(v.get(new OID(a + "5.0.1")).toLong()).isEqualTo(24);
        assertThat(v.get(new OID(a + "6.0.1")).toInt()).as("linkLocal(2)").isEqualTo(2);
        assertThat(v.get(new OID(a + "7.0.1")).toInt()).as("ifIndex of eth0").isEqualTo(7);
        assertThat(s(v.get(new OID(a + "8.0.1")))).isEqualTo("eth0");
        assertThat(s(v.get(new OID(a + "9.0.1")))).isEqualTo("eth0:s");
        assertThat(v.get(new OID(a + "10.0.1")).toInt()).as("set(1)").isEqualTo(1);
        assertThat(v.get(new OID(a + "11.0.1")).toInt()).as("notAdvertised(2)").isEqualTo(2);
        assertThat(v.next(new OID(a + "2.0.1")).getKey()).as("GETNEXT: static row, then instance 1")
                .isEqualTo(new OID(a + "2.1.1"));

        String r = MibOids.ROUTE_ENTRY + ".";
        assertThat(v.next(new OID(MibOids.ROUTE_ENTRY)).getKey()).as("GETNEXT into the table")
                .isEqualTo(new OID(r + "2.0.1"));
        assertThat(v.get(new OID(r + "3.0.1")).toString())
                .isEqualTo(new OctetString(new byte[] {10, 5, 60, 0}).toString());
        assertThat(v.get(new OID(r + "4.0.1")).toLong()).isEqualTo(24);
        assertThat(v.get(new OID(r + "5.0.1")).toString())
                .isEqualTo(new OctetString(new byte[] {10, 5, 0, (byte) 254}).toString());
        assertThat(v.get(new OID(r + "7.0.1"))).as("no src").isNull();
        assertThat(v.get(new OID(r + "8.0.1")).toLong()).isEqualTo(7);
        assertThat(v.get(new OID(r + "9.0.1")).toInt()).as("global(14)").isEqualTo(14);
        assertThat(v.get(new OID(r + "10.0.1")).toInt()).as("unicast(1)").isEqualTo(1);
        assertThat(v.get(new OID(r + "10.0.2")).toInt()).as("blackhole(3)").isEqualTo(3);
        assertThat(v.get(new OID(r + "11.0.1")).toInt()).isEqualTo(7);
        assertThat(v.get(new OID(r + "11.0.2")).toInt()).as("ifIndex of eth1").isEqualTo(8);
        assertThat(v.get(new OID(r + "13.0.1")).toLong()).as("main table").isEqualTo(254);
        assertThat(v.get(new OID(r + "14.0.2")).toInt()).as("static: set(1)").isEqualTo(1);
        assertThat(v.get(new OID(r + "18.0.1")).toInt()).as("RTPROT_KEEPALIVED + 1").isEqualTo(19);
        assertThat(v.get(new OID(r + "7.1.1")).toString())
                .isEqualTo(new OctetString(new byte[] {10, 5, 0, 100}).toString());
        assertThat(v.get(new OID(r + "5.1.1"))).as("no via").isNull();
        assertThat(v.get(new OID(r + "11.1.1")).toInt()).as("ifIndex of eth1").isEqualTo(8);
        assertThat(v.get(new OID(r + "13.1.1")).toLong()).isEqualTo(107);
        assertThat(v.get(new OID(r + "14.1.1")).toInt()).as("MASTER: set(1)").isEqualTo(1);
        assertThat(v.get(new OID(r + "22.1.1")).toLong()).as("mtu").isEqualTo(1400);
        assertThat(v.get(new OID(r + "10.1.2")).toInt()).as("multipath: ecmp(2)").isEqualTo(2);
        String h = MibOids.ROUTE_NEXT_HOP_ENTRY + ".";
        assertThat(v.next(new OID(MibOids.ROUTE_NEXT_HOP_ENTRY)).getKey()).isEqualTo(new OID(h + "2.1.2.1"));
        assertThat(v.get(new OID(h + "3.1.2.2")).toString())
                .isEqualTo(new OctetString(new byte[] {10, 5, 0, 2}).toString());
        assertThat(v.get(new OID(h + "4.1.2.2")).toInt()).as("ifIndex of eth1").isEqualTo(8);
        assertThat(s(v.get(new OID(h + "5.1.2.1")))).isEqualTo("eth0");
        assertThat(v.get(new OID(h + "6.1.2.1")).toLong()).isEqualTo(2);
        assertThat(v.get(new OID(h + "6.1.2.2"))).as("no weight").isNull();
        assertThat(v.get(new OID(h + "7.1.2.1")).toInt()).as("onlink false(2)").isEqualTo(2);

        String u = MibOids.RULE_ENTRY + ".";
        assertThat(s(v.get(new OID(u + "2.0.1")))).isEqualTo("from");
        assertThat(v.get(new OID(u + "13.0.1")).toString())
                .isEqualTo(new OctetString(new byte[] {10, 5, 9, 1}).toString());
        assertThat(v.get(new OID(u + "9.0.1"))).as("no to").isNull();
        assertThat(v.get(new OID(u + "24.0.1")).toLong()).isEqualTo(107);
        assertThat(v.get(new OID(u + "25.0.1")).toLong()).isEqualTo(1007);
        assertThat(v.get(new OID(u + "25.1.1")).toLong()).isEqualTo(3000);
        assertThat(s(v.get(new OID(u + "2.1.2")))).isEqualTo("to");
        assertThat(v.get(new OID(u + "8.1.2")).toInt()).as("not: invert true(1)").isEqualTo(1);
        assertThat(v.get(new OID(u + "11.1.2")).toLong()).isEqualTo(24);
        assertThat(v.get(new OID(u + "12.1.2"))).as("no from").isNull();
        assertThat(v.get(new OID(u + "16.1.2")).toLong()).isEqualTo(7);
        assertThat(v.get(new OID(u + "17.1.2")).toLong()).isEqualTo(15);
        assertThat(v.get(new OID(u + "23.1.2")).toInt()).as("table(1)").isEqualTo(1);

        api.replace(withSettings(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.BACKUP, 100, true,
                "10.5.0.1", "10.5.0.100"), api.instances.get(0).settings()));
        MibView backup = build();
        assertThat(backup.get(new OID(r + "14.1.1")).toInt()).as("BACKUP: virtual route unset(2)").isEqualTo(2);
        assertThat(backup.get(new OID(u + "7.1.1")).toInt()).as("BACKUP: virtual rule unset(2)").isEqualTo(2);
        assertThat(backup.get(new OID(r + "14.0.1")).toInt()).as("static route stays set(1)").isEqualTo(1);
    }

    @Test
    void syncGroupSettingsTrackerDefinitionsAndOwnTrackedObjects() {
        KeepalivedConfig conf = parse("""
                vrrp_script chk {
                    script "/no/such/chk.sh arg"
                    interval 4
                    weight -10 reverse
                    rise 2
                    fall 3
                }
                track_file tf {
                    file /no/such/file
                    weight 5
                }
                vrrp_track_process tp {
                    process httpd -DFOREGROUND
                    weight 3
                    quorum 2
                }
                vrrp_sync_group G1 {
                    group {
                        VI_1
                        VI_3
                    }
                    notify_backup "/no/such/backup.sh b"
                    notify_stop /no/such/stop.sh
                    smtp_alert
                    track_interface {
                        eth1
                    }
                    track_script {
                        chk
                    }
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.5.0.100/32
                    }
                }
                vrrp_instance VI_3 {
                    interface eth0
                    virtual_router_id 53
                    priority 100
                    virtual_ipaddress {
                        10.5.0.103/32
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    track_interface {
                        eth1 weight -20 reverse
                    }
                    track_script {
                        chk weight -5
                    }
                    track_file {
                        tf
                    }
                    track_process {
                        tp
                    }
                    virtual_ipaddress {
                        10.5.0.101/32
                    }
                }
                """);
        load(conf, FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.MASTER, 100, true, "10.5.0.1",
                "10.5.0.100"), FakeManagement.instance("VI_2", 52, "eth0", 2, VrrpState.MASTER, 100, true,
                "10.5.0.1", "10.5.0.101"));
        api.groups.add(new SyncGroupSnapshot("G1", List.of("VI_1", "VI_3"), VrrpState.MASTER));
        api.trackers.add(new TrackerSnapshot(TrackerSnapshot.Kind.SCRIPT, "chk", true, 0, -10,
                List.of("VI_1", "VI_2", "VI_3"), null));
        api.trackers.add(new TrackerSnapshot(TrackerSnapshot.Kind.FILE, "tf", true, 4, 5, List.of("VI_2"), null));
        api.trackers.add(new TrackerSnapshot(TrackerSnapshot.Kind.PROCESS, "tp", false, 1, 3, List.of("VI_2"),
                null));
        MibView v = build();

        String g = MibOids.SYNC_GROUP_ENTRY + ".";
        assertThat(v.get(new OID(g + "4.1")).toInt()).as("smtp_alert enabled(1)").isEqualTo(1);
        assertThat(v.get(new OID(g + "5.1")).toInt()).as("notify exec enabled(1)").isEqualTo(1);
        assertThat(v.get(new OID(g + "6.1"))).as("no notify_master").isNull();
        assertThat(s(v.get(new OID(g + "7.1")))).isEqualTo("'/no/such/backup.sh' 'b'");
        assertThat(v.get(new OID(g + "10.1")).toInt()).as("tracking weight disabled(2)").isEqualTo(2);
        assertThat(s(v.get(new OID(g + "11.1")))).isEqualTo("'/no/such/stop.sh'");
        String sti = MibOids.SYNC_TRACKED_INTERFACE_ENTRY + ".";
        assertThat(s(v.get(new OID(sti + "1.1.8")))).as("group 1, ifIndex of eth1").isEqualTo("eth1");
        assertThat(v.get(new OID(sti + "2.1.8")).toInt()).isZero();
        assertThat(v.next(new OID(MibOids.SYNC_TRACKED_INTERFACE_ENTRY)).getKey()).isEqualTo(new OID(sti + "1.1.8"));
        String sts = MibOids.SYNC_TRACKED_SCRIPT_ENTRY + ".";
        assertThat(s(v.get(new OID(sts + "2.1.1")))).isEqualTo("chk");
        assertThat(v.get(new OID(sts + "3.1.1")).toInt()).as("the script's weight").isEqualTo(-10);
        assertThat(v.get(new OID(sts + "4.1.1")).toInt()).as("reverse true(1)").isEqualTo(1);

        String ts = MibOids.TRACKED_SCRIPT_ENTRY + ".";
        assertThat(v.get(new OID(ts + "2.1.1"))).as("VI_1 tracks chk only through its group").isNull();
        assertThat(s(v.get(new OID(ts + "2.2.1")))).isEqualTo("chk");
        assertThat(v.get(new OID(ts + "3.2.1")).toInt()).as("VI_2's own weight").isEqualTo(-5);
        assertThat(v.get(new OID(ts + "4.2.1")).toInt()).as("not reversed: false(2)").isEqualTo(2);
        String ti = MibOids.TRACKED_INTERFACE_ENTRY + ".";
        assertThat(s(v.get(new OID(ti + "1.2.8")))).as("instance 2, ifIndex of eth1").isEqualTo("eth1");
        assertThat(v.get(new OID(ti + "2.2.8")).toInt()).isEqualTo(-20);
        assertThat(v.get(new OID(ti + "3.2.8")).toInt()).as("reverse true(1)").isEqualTo(1);
        assertThat(s(v.get(new OID(MibOids.TRACKED_FILE_ENTRY + ".2.2.1")))).isEqualTo("tf");
        assertThat(v.get(new OID(MibOids.TRACKED_PROCESS_ENTRY + ".3.2.1")).toInt()).isEqualTo(3);

        String sc = MibOids.SCRIPT_ENTRY + ".";
        assertThat(s(v.get(new OID(sc + "3.1")))).isEqualTo("'/no/such/chk.sh' 'arg'");
        assertThat(v.get(new OID(sc + "4.1")).toInt()).as("interval, seconds").isEqualTo(4);
        assertThat(v.get(new OID(sc + "7.1")).toLong()).isEqualTo(2);
        assertThat(v.get(new OID(sc + "8.1")).toLong()).isEqualTo(3);
        assertThat(v.get(new OID(sc + "9.1")).toInt()).as("reverse true(1)").isEqualTo(1);
        assertThat(s(v.get(new OID(MibOids.FILE_ENTRY + ".3.1")))).isEqualTo("/no/such/file");
        assertThat(v.get(new OID(MibOids.FILE_ENTRY + ".6.1")).toInt()).isEqualTo(2);
        String p = MibOids.PROCESS_ENTRY + ".";
        assertThat(s(v.get(new OID(p + "3.1")))).isEqualTo("httpd");
        assertThat(s(v.get(new OID(p + "4.1")))).isEqualTo("-DFOREGROUND");
        assertThat(v.get(new OID(p + "5.1")).toInt()).as("parameters: exact(1)").isEqualTo(1);
        assertThat(v.get(new OID(p + "8.1")).toLong()).as("quorum").isEqualTo(2);
        assertThat(v.get(new OID(p + "9.1")).toInt()).as("quorum_max unset").isEqualTo(-1);
        assertThat(v.get(new OID(p + "13.1")).toInt()).as("current processes, from the engine").isEqualTo(1);
        assertThat(v.get(new OID(p + "14.1")).toInt()).as("below quorum: false(2)").isEqualTo(2);
    }
}
