package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.management.Actor;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementSettings;
import org.keepalived4j.vrrp.RejectReason;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpState;

/**
 * The agent on 127.0.0.1 (a free UDP port, the test JVM's loopback) queried by net-snmp's snmpwalk/snmpget/snmpset
 * (v2c and v3), and its notifications received by snmptrapd.
 */
class SnmpAgentNetSnmpTest {
    private static final String INSTANCE = MibOids.INSTANCE_ENTRY;
    private static final FakeManagement API = new FakeManagement();
    private static SnmpService service;
    private static Process trapd;
    private static Path trapLog;
    private static String agentAddress;
    @TempDir
    static Path dir;

    static ManagementSettings settings(int port, int trapPort, Path bootFile) {
        Map<String, String> m = new HashMap<>();
        m.put("snmp.enabled", "true");
        m.put("snmp.address", "127.0.0.1");
        m.put("snmp.port", Integer.toString(port));
        m.put("snmp.boot_file", bootFile.toString());
        m.put("snmp.community.ro", "k4jro");
        m.put("snmp.community.rw", "k4jrw");
        m.put("snmp.v3.users", "monitor,admin");
        m.put("snmp.v3.user.monitor.auth", "SHA");
        m.put("snmp.v3.user.monitor.auth_password", "monitorauth1");
        m.put("snmp.v3.user.monitor.priv", "AES");
        m.put("snmp.v3.user.monitor.priv_password", "monitorpriv1");
        m.put("snmp.v3.user.admin.auth", "SHA-256");
        m.put("snmp.v3.user.admin.auth_password", "adminauth12");
        m.put("snmp.v3.user.admin.priv", "AES");
        m.put("snmp.v3.user.admin.priv_password", "adminpriv12");
        m.put("snmp.v3.user.admin.access", "rw");
        if (trapPort > 0) {
            m.put("snmp.trap.v2c", "127.0.0.1:" + trapPort);
            m.put("snmp.trap.community", "k4jtrap");
        }
        return new ManagementSettings(null, m);
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(NetSnmp.available("snmpwalk") && NetSnmp.available("snmptrapd"), "net-snmp tools not installed");
        API.instances.add(FakeManagement.instance("VI_1", 51, "eth0", 2, VrrpState.BACKUP, 100, true, "10.1.0.1",
                "10.1.0.100"));
        API.instances.add(FakeManagement.instance("VI_2", 52, "eth0", 3, VrrpState.MASTER, 90, false, "10.1.0.1",
                "10.1.0.110"));
        int trapPort = NetSnmp.freeUdpPort();
        Path conf = dir.resolve("snmptrapd.conf");
        Files.writeString(conf, "authCommunity log k4jtrap\n");
        trapLog = dir.resolve("traps.log");
        trapd = new ProcessBuilder("snmptrapd", "-f", "-Lo", "-C", "-c", conf.toString(), "-n", "-On",
                "-F", "TRAP %V|%v\n", "udp:127.0.0.1:" + trapPort)
                .redirectErrorStream(true).redirectOutput(trapLog.toFile()).start();
        trapd.getOutputStream().close();
        waitFor(() -> read(trapLog).contains("NET-SNMP version"), "snmptrapd start");
        int port = NetSnmp.freeUdpPort();
        agentAddress = "127.0.0.1:" + port;
        service = SnmpService.start(API, SnmpSettings.from(settings(port, trapPort, dir.resolve("boot.bc"))),
                name -> name.equals("eth0") ? 7 : 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (trapd != null) {
            trapd.destroy();
            trapd.waitFor();
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; trap log:\n" + read(trapLog));
    }

    private static NetSnmp.Result v2c(String tool, String community, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool, "-v2c", "-c", community, "-On", "-t", "3", "-r", "1",
                agentAddress));
        cmd.addAll(List.of(args));
        return NetSnmp.run(Map.of("MIBS", "", "MIBDIRS", ""), cmd);
    }

    private static NetSnmp.Result v3(String tool, String user, String auth, String authPass, String privPass,
                                     String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool, "-v3", "-l", "authPriv", "-u", user, "-a", auth, "-A",
                authPass, "-x", "AES", "-X", privPass, "-On", "-t", "3", "-r", "1", agentAddress));
        cmd.addAll(List.of(args));
        return NetSnmp.run(Map.of("MIBS", "", "MIBDIRS", ""), cmd);
    }

    @Test
    void v2cWalkServesTheInstanceTableInOrder() throws Exception {
        NetSnmp.Result r = v2c("snmpwalk", "k4jro", MibOids.KEEPALIVED);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).doesNotContain("not increasing");
        assertThat(r.stdout()).contains(
                "." + INSTANCE + ".2.1 = STRING: \"VI_1\"",
                "." + INSTANCE + ".2.2 = STRING: \"VI_2\"",
                "." + INSTANCE + ".3.1 = Gauge32: 51",
                "." + INSTANCE + ".4.1 = INTEGER: 1",
                "." + INSTANCE + ".4.2 = INTEGER: 2",
                "." + MibOids.ROUTER_ID + " = STRING: \"LAB\"");
        // the agent serves nothing after KEEPALIVED-MIB in the view, so the walk ends with endOfMibView
        List<String> oids = r.stdout().lines().filter(l -> !l.contains("No more variables left"))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertThat(oids).doesNotHaveDuplicates().allMatch(o -> o.startsWith("." + MibOids.KEEPALIVED + "."));
    }

    @Test
    void rfcTablesAreServedWithTheirIndexes() throws Exception {
        NetSnmp.Result r = v2c("snmpbulkwalk", "k4jro", MibOids.VRRP_MIB);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains(
                "." + MibOids.VRRP_OPER_ENTRY + ".3.7.51 = INTEGER: 2",
                "." + MibOids.VRRP_ASSO_ENTRY + ".2.7.51.10.1.0.100 = INTEGER: 1",
                "." + MibOids.VRRP_STATS_ENTRY + ".2.7.51 = Counter32: 42");
        assertThat(r.stdout()).as("VI_2 is VRRPv3: no RFC 2787 row").doesNotContain(".7.52 =");
        NetSnmp.Result v3 = v2c("snmpbulkwalk", "k4jro", MibOids.VRRPV3_MIB);
        assertThat(v3.stdout()).contains(
                "." + MibOids.VRRPV3_OPER_ENTRY + ".6.7.52.1 = INTEGER: 3",
                "." + MibOids.VRRPV3_OPER_ENTRY + ".6.7.51.1 = INTEGER: 2",
                "." + MibOids.VRRPV3_STATS_ENTRY + ".3.7.52.1 = Counter64: 42");
    }

    @Test
    void exactGetAndGetNextOnRows() throws Exception {
        NetSnmp.Result get = v2c("snmpget", "k4jro", INSTANCE + ".2.2", INSTANCE + ".2.9");
        assertThat(get.stdout()).contains("." + INSTANCE + ".2.2 = STRING: \"VI_2\"",
                "." + INSTANCE + ".2.9 = No Such Instance");
        NetSnmp.Result next = v2c("snmpgetnext", "k4jro", INSTANCE + ".2.1", INSTANCE + ".2.2");
        assertThat(next.stdout()).contains("." + INSTANCE + ".2.2 = STRING: \"VI_2\"",
                "." + INSTANCE + ".3.1 = Gauge32: 51");
    }

    @Test
    void namesFromOurMibModulesResolveToServedObjects() throws Exception {
        NetSnmp.Result r = NetSnmp.run(Map.of("MIBDIRS", NetSnmp.mibDir() + ":" + NetSnmp.baseMibDir(), "MIBS", ""),
                List.of("snmpget", "-v2c", "-c", "k4jro", "-m", "ALL", "-t", "3", "-r", "1", agentAddress,
                        "KEEPALIVED-MIB::vrrpInstanceName.1", "KEEPALIVED-MIB::vrrpInstanceState.2",
                        "VRRP-MIB::vrrpOperState.7.51"));
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).contains("KEEPALIVED-MIB::vrrpInstanceName.1 = STRING: VI_1",
                "KEEPALIVED-MIB::vrrpInstanceState.2 = INTEGER: master(2)",
                "VRRP-MIB::vrrpOperState.7.51 = INTEGER: backup(2)");
    }

    @Test
    void setOfBasePriorityIsRangeCheckedAndGoesThroughTheManagementApi() throws Exception {
        NetSnmp.Result bad = v2c("snmpset", "k4jrw", INSTANCE + ".7.1", "i", "300");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("wrongValue");
        NetSnmp.Result notOwner = v2c("snmpset", "k4jrw", INSTANCE + ".7.1", "i", "255");
        assertThat(notOwner.stderr()).contains("inconsistentValue");
        assertThat(API.find("VI_1").orElseThrow().basePriority()).isEqualTo(100);

        NetSnmp.Result ok = v2c("snmpset", "k4jrw", INSTANCE + ".7.1", "i", "150");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(API.find("VI_1").orElseThrow().basePriority()).isEqualTo(150);
        assertThat(API.actors).contains(Actor.snmp(SnmpAgent.RW));
        assertThat(v2c("snmpget", "k4jro", INSTANCE + ".7.1").stdout()).contains("INTEGER: 150");
    }

    @Test
    void rfcPriorityObjectsAreWritableThroughTheSameCommand() throws Exception {
        NetSnmp.Result v2 = v2c("snmpset", "k4jrw", MibOids.VRRP_OPER_ENTRY + ".5.7.51", "i", "120");
        assertThat(v2.exitCode()).as(v2.stderr()).isZero();
        assertThat(API.find("VI_1").orElseThrow().basePriority()).isEqualTo(120);
        NetSnmp.Result tooHigh = v2c("snmpset", "k4jrw", MibOids.VRRPV3_OPER_ENTRY + ".7.7.52.1", "u", "300");
        assertThat(tooHigh.stderr()).contains("wrongValue");
        NetSnmp.Result wrongType = v2c("snmpset", "k4jrw", MibOids.VRRPV3_OPER_ENTRY + ".7.7.52.1", "i", "80");
        assertThat(wrongType.stderr()).contains("wrongType");
        NetSnmp.Result v3 = v2c("snmpset", "k4jrw", MibOids.VRRPV3_OPER_ENTRY + ".7.7.52.1", "u", "80");
        assertThat(v3.exitCode()).as(v3.stderr()).isZero();
        assertThat(API.find("VI_2").orElseThrow().basePriority()).isEqualTo(80);
        NetSnmp.Result noRow = v2c("snmpset", "k4jrw", INSTANCE + ".7.99", "i", "80");
        assertThat(noRow.stderr()).contains("noCreation");
    }

    @Test
    void readOnlyCommunityAndUserCanWriteNothing() throws Exception {
        int priority = API.find("VI_2").orElseThrow().basePriority();
        boolean preempt = API.find("VI_2").orElseThrow().preempt();
        NetSnmp.Result ro = v2c("snmpset", "k4jro", INSTANCE + ".7.2", "i", "120");
        assertThat(ro.exitCode()).isNotZero();
        assertThat(ro.stderr()).contains("noAccess");
        NetSnmp.Result roUser = v3("snmpset", "monitor", "SHA", "monitorauth1", "monitorpriv1",
                INSTANCE + ".13.2", "i", "1");
        assertThat(roUser.exitCode()).isNotZero();
        assertThat(roUser.stderr()).contains("noAccess");
        NetSnmp.Result notWritable = v2c("snmpset", "k4jrw", INSTANCE + ".2.2", "s", "X");
        assertThat(notWritable.stderr()).contains("notWritable");
        assertThat(API.find("VI_2").orElseThrow().basePriority()).isEqualTo(priority);
        assertThat(API.find("VI_2").orElseThrow().preempt()).isEqualTo(preempt);
    }

    @Test
    void v3UsersWithSha1AndSha256() throws Exception {
        NetSnmp.Result sha1 = v3("snmpget", "monitor", "SHA", "monitorauth1", "monitorpriv1", INSTANCE + ".2.1");
        assertThat(sha1.exitCode()).as(sha1.stderr()).isZero();
        assertThat(sha1.stdout()).contains("STRING: \"VI_1\"");
        NetSnmp.Result set = v3("snmpset", "admin", "SHA-256", "adminauth12", "adminpriv12",
                INSTANCE + ".13.2", "i", "1");
        assertThat(set.exitCode()).as(set.stderr()).isZero();
        assertThat(API.find("VI_2").orElseThrow().preempt()).isTrue();
        set = v3("snmpset", "admin", "SHA-256", "adminauth12", "adminpriv12", INSTANCE + ".13.2", "i", "2");
        assertThat(set.exitCode()).as(set.stderr()).isZero();
        NetSnmp.Result wrongPass = v3("snmpget", "monitor", "SHA", "wrongpass99", "monitorpriv1", INSTANCE + ".2.1");
        assertThat(wrongPass.exitCode()).isNotZero();
    }

    @Test
    void notificationsReachSnmptrapdInOrderWithRowIndexes() throws Exception {
        waitFor(() -> read(trapLog).contains(".1.3.6.1.6.3.1.1.5.1"), "coldStart");
        API.publish(seq -> new ManagementEvent.StateChanged(seq, Instant.now(), "LAB", "VI_1", 51, VrrpState.BACKUP,
                VrrpState.MASTER, StateChangeReason.MASTER_DOWN, VrrpState.BACKUP, 100, 2));
        API.publish(seq -> new ManagementEvent.ProtocolError(seq, Instant.now(), "LAB", "VI_1", 51,
                RejectReason.AUTH_FAILURE, "authFailure", FakeManagement.ip("10.1.0.9")));
        waitFor(() -> read(trapLog).contains(MibOids.VRRP_TRAP_AUTH_FAILURE), "vrrpTrapAuthFailure");
        List<String> traps = read(trapLog).lines().filter(l -> l.startsWith("TRAP ")).toList();
        List<String> kinds = traps.stream().map(SnmpAgentNetSnmpTest::trapOid).toList();
        int i = kinds.indexOf("." + MibOids.INSTANCE_STATE_CHANGE);
        assertThat(i).isNotNegative();
        assertThat(kinds.subList(i, i + 4)).containsExactly("." + MibOids.INSTANCE_STATE_CHANGE,
                "." + MibOids.VRRP_TRAP_NEW_MASTER, "." + MibOids.VRRPV3_NEW_MASTER, "." + MibOids.VRRP_TRAP_AUTH_FAILURE);
        assertThat(traps.get(i)).contains("." + INSTANCE + ".2.1 = STRING: \"VI_1\"", "." + INSTANCE + ".4.1 = INTEGER: 2",
                "." + INSTANCE + ".5.1 = INTEGER: 1", "." + MibOids.ROUTER_ID + " = STRING: \"LAB\"");
        assertThat(traps.get(i + 1)).contains("." + MibOids.VRRP_OPER_ENTRY + ".7.7.51 = IpAddress: 10.1.0.1");
        assertThat(traps.get(i + 2)).contains("." + MibOids.VRRPV3_STATS_ENTRY + ".2.7.51.1 = INTEGER: 3");
        assertThat(traps.get(i + 3)).contains(".1.3.6.1.2.1.68.1.5.0 = IpAddress: 10.1.0.9",
                ".1.3.6.1.2.1.68.1.6.0 = INTEGER: 3");
    }

    @Test
    void liveSettingChangesAreAuditedAndNotified() throws Exception {
        int before = API.find("VI_2").orElseThrow().basePriority();
        NetSnmp.Result ok = v2c("snmpset", "k4jrw", INSTANCE + ".7.2", "i", "95");
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        waitFor(() -> read(trapLog).lines().anyMatch(l -> l.contains("OID: ." + MibOids.K4J_LIVE_SETTING_CHANGE)
                && l.contains("\"95\"")), "k4jLiveSettingChange");
        String trap = read(trapLog).lines().filter(l -> l.contains("OID: ." + MibOids.K4J_LIVE_SETTING_CHANGE))
                .filter(l -> l.contains("\"95\"")).findFirst().orElseThrow();
        assertThat(trap).contains("STRING: \"snmp\"", "STRING: \"rw\"", "STRING: \"VI_2\"", "STRING: \"priority\"",
                "STRING: \"" + before + "\"");
        service.views().refresh();
        NetSnmp.Result audit = v2c("snmpwalk", "k4jro", MibOids.K4J_AUDIT_ENTRY);
        assertThat(audit.stdout()).contains("STRING: \"VI_2\"", "STRING: \"95\"");
    }

    @Test
    void aPortInUseFailsStartWithAClearMessage() throws Exception {
        int port = Integer.parseInt(agentAddress.substring(agentAddress.indexOf(':') + 1));
        SnmpSettings clash = SnmpSettings.from(settings(port, 0, dir.resolve("other.bc")));
        assertThatThrownBy(() -> SnmpService.start(API, clash, name -> 0))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot bind SNMP agent to udp:127.0.0.1/" + port);
    }

    @Test
    void tcpTransportWhenConfigured() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Map<String, String> m = new HashMap<>();
        m.put("snmp.enabled", "true");
        m.put("snmp.port", Integer.toString(port));
        m.put("snmp.tcp", "true");
        m.put("snmp.boot_file", dir.resolve("tcp.bc").toString());
        m.put("snmp.community.ro", "k4jro");
        try (SnmpService tcp = SnmpService.start(API, SnmpSettings.from(new ManagementSettings(null, m)), n -> 0)) {
            assertThat(tcp.agent().listenAddresses()).hasSize(2).anyMatch(a -> a.startsWith("tcp:"));
            NetSnmp.Result r = NetSnmp.run(Map.of("MIBS", "", "MIBDIRS", ""), List.of("snmpget", "-v2c", "-c", "k4jro",
                    "-On", "-t", "3", "-r", "0", "tcp:127.0.0.1:" + port, INSTANCE + ".2.1"));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("STRING: \"VI_1\"");
        }
    }

    @Test
    void engineIdAndBootsPersistAcrossRestarts() throws Exception {
        Path boot = dir.resolve("restart.bc");
        int port = NetSnmp.freeUdpPort();
        SnmpSettings s = SnmpSettings.from(settings(port, 0, boot));
        String engineId;
        int boots;
        try (SnmpService first = SnmpService.start(API, s, name -> 0)) {
            engineId = first.agent().engineId().toHexString();
            boots = first.agent().engineBoots();
        }
        try (SnmpService second = SnmpService.start(API, s, name -> 0)) {
            assertThat(second.agent().engineId().toHexString()).isEqualTo(engineId);
            assertThat(second.agent().engineBoots()).isEqualTo(boots + 1);
            // a v3 manager that knows the engine ID from before the restart still gets answers
            NetSnmp.Result r = NetSnmp.run(Map.of("MIBS", "", "MIBDIRS", ""), List.of("snmpget", "-v3", "-l",
                    "authPriv", "-u", "monitor", "-a", "SHA", "-A", "monitorauth1", "-x", "AES", "-X", "monitorpriv1",
                    "-e", "0x" + engineId.replace(":", ""), "-On", "-t", "3", "-r", "1", "127.0.0.1:" + port,
                    INSTANCE + ".2.1"));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("STRING: \"VI_1\"");
        }
    }

    private static String trapOid(String line) {
        int at = line.indexOf(".1.3.6.1.6.3.1.1.4.1.0 = OID: ");
        if (at < 0) {
            return "";
        }
        String rest = line.substring(at + ".1.3.6.1.6.3.1.1.4.1.0 = OID: ".length());
        int bar = rest.indexOf('|');
        return bar < 0 ? rest.trim() : rest.substring(0, bar).trim();
    }
}
