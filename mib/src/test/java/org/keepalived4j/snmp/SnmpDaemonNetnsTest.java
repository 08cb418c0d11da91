package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.keepalived4j.daemon.NamespaceDaemons.singleInstanceConf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.daemon.NamespaceDaemons;
import org.keepalived4j.daemon.NamespaceDaemons.Running;
import org.keepalived4j.testlab.ExecResult;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;

/**
 * Two keepalived4j daemons in k4j- namespaces serving SNMP on each namespace's management address, queried with net-snmp's
 * tools run inside the same namespace; traps go over a second (management) segment to snmptrapd in a third,
 * client namespace, so they survive the VRRP link going down. Node 1 turns SNMP on with {@code -x}, node 2 with
 * {@code enable_snmp_vrrp} in global_defs; neither settings file has snmp.enabled.
 */
@Tag("netns")
class SnmpDaemonNetnsTest {
    private static final Logger LOG = LogManager.getLogger(SnmpDaemonNetnsTest.class);
    private static final String VIP = "10.79.0.100";
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final String INSTANCE = MibOids.INSTANCE_ENTRY;
    private static final String STATE_CHANGE = MibOids.INSTANCE_STATE_CHANGE;

    @TempDir
    Path dir;
    private NetnsLab lab;
    private NamespaceDaemons daemons;

    @AfterEach
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private Path settings(LabNode node, LabNode trapReceiver) throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve("mgmt-" + node.index()));
        return Files.writeString(nodeDir.resolve("management.properties"), String.join("\n",
                "snmp.address=" + node.ipv4(1), "snmp.port=1161", "snmp.boot_file=snmp-boot.bc",
                "snmp.community.ro=public", "snmp.community.rw=private",
                "snmp.v3.users=admin", "snmp.v3.user.admin.auth=SHA-256", "snmp.v3.user.admin.auth_password=adminauth12",
                "snmp.v3.user.admin.priv=AES", "snmp.v3.user.admin.priv_password=adminpriv12",
                "snmp.v3.user.admin.access=rw",
                "snmp.trap.v2c=" + trapReceiver.ipv4(1) + ":1162", "snmp.trap.community=k4jtrap",
                "snmp.refresh_ms=0", "overlay.state_file=live.properties", ""));
    }

    private ExecResult snmp(LabNode node, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("env", "MIBS=",
                "MIBDIRS=" + NetSnmp.mibDir() + ":" + NetSnmp.baseMibDir()));
        full.addAll(List.of(command));
        return lab.exec(node.namespace(), Duration.ofSeconds(60), full);
    }

    private ExecResult v2c(LabNode node, String tool, String community, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(tool, "-v2c", "-c", community, "-On", "-t", "3", "-r", "1", agent(node)));
        cmd.addAll(List.of(args));
        return snmp(node, cmd.toArray(String[]::new));
    }

    /**
     * The agent listens on the namespace's management address, not 127.0.0.1, so a non-loopback listen address is
     * covered too (SnmpTrapSourceNetnsTest covers a loopback agent with a remote trap receiver).
     */
    private static String agent(LabNode node) {
        return node.ipv4(1) + ":1161";
    }

    private ExecResult v3(LabNode node, String tool, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(tool, "-v3", "-l", "authPriv", "-u", "admin", "-a", "SHA-256",
                "-A", "adminauth12", "-x", "AES", "-X", "adminpriv12", "-On", "-t", "3", "-r", "1", agent(node)));
        cmd.addAll(List.of(args));
        return snmp(node, cmd.toArray(String[]::new));
    }

    private String getValue(LabNode node, String oid) throws IOException {
        String out = v2c(node, "snmpget", "public", oid).stdout().strip();
        int eq = out.indexOf(" = ");
        return eq < 0 ? out : out.substring(eq + 3);
    }

    private static int ifIndex(NetnsLab lab, LabNode node) throws IOException {
        String line = lab.execOk(node.namespace(), "ip", "-o", "link", "show", "lan0").stdout();
        return Integer.parseInt(line.substring(0, line.indexOf(':')).strip());
    }

    private List<String> traps(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith("TRAP ")).toList()
                : List.of();
    }

    /** The instance-state traps of one router id: the state values, in order. */
    private static List<String> statesFrom(List<String> traps, String routerId) {
        return traps.stream().filter(t -> t.contains("." + STATE_CHANGE + "|") || t.contains("." + STATE_CHANGE + " "))
                .filter(t -> t.contains("\"" + routerId + "\""))
                .map(t -> t.replaceAll(".*\\." + INSTANCE.replace(".", "\\.") + "\\.4\\.\\d+ = INTEGER: (\\d+).*", "$1"))
                .toList();
    }

    @Test
    void walksGetsSetsAndTrapsAgainstRealDaemons() throws Exception {
        NetnsLab.assumeAvailable();
        assumeTrue(NetSnmp.available("snmpwalk") && NetSnmp.available("snmptrapd"), "net-snmp tools not installed");
        lab = NetnsLab.builder("snmp-d").subnet("10.79.0").segments(2).nodes(3).build();
        daemons = new NamespaceDaemons(lab, dir);
        LabNode a = lab.node(1);
        LabNode b = lab.node(2);
        LabNode client = lab.node(3);
        List<LabNode> routers = List.of(a, b);

        Path trapDir = Files.createDirectories(dir.resolve("snmptrapd"));
        Path trapConf = Files.writeString(trapDir.resolve("snmptrapd.conf"), "authCommunity log k4jtrap\n");
        Path trapLog = trapDir.resolve("traps.log");
        lab.start(client.namespace(), List.of("env", "MIBS=", "MIBDIRS=", "SNMP_PERSISTENT_DIR=" + trapDir,
                "snmptrapd", "-f", "-Lo", "-C", "-c", trapConf.toString(), "-n", "-On",
                "-F", "TRAP %b %V|%v\n", "udp:" + client.ipv4(1) + ":1162"), trapLog);
        Awaitility.await("snmptrapd started").atMost(TIMEOUT).until(() -> Files.exists(trapLog)
                && Files.readString(trapLog).contains("NET-SNMP version"));

        Running backup = daemons.start(b, singleInstanceConf(b, 100, VIP, "    enable_snmp_vrrp\n"), settings(b, client));
        Running master = daemons.start(a, singleInstanceConf(a, 150, VIP, ""), settings(a, client), "-x");
        Awaitility.await("VIP on the MASTER only").atMost(TIMEOUT).until(() -> daemons.onlyOn(a, routers, VIP));
        Awaitility.await("agents answer").atMost(TIMEOUT).until(() -> getValue(a, MibOids.ROUTER_ID).contains(a.namespace())
                && getValue(b, MibOids.ROUTER_ID).contains(b.namespace()));

        // v2c and v3 walks of all three MIBs (and ours), same OIDs both ways
        int ifa = ifIndex(lab, a);
        for (String root : List.of(MibOids.KEEPALIVED, MibOids.VRRP_MIB, MibOids.VRRPV3_MIB, MibOids.K4J)) {
            ExecResult walk2 = v2c(a, "snmpwalk", "public", root);
            ExecResult walk3 = v3(a, "snmpbulkwalk", root);
            assertThat(walk2.exitCode()).as(walk2.toString()).isZero();
            assertThat(walk3.exitCode()).as(walk3.toString()).isZero();
            assertThat(oids(walk2.stdout())).as(root).isNotEmpty().isEqualTo(oids(walk3.stdout()));
        }
        ExecResult keepalived = v2c(a, "snmpwalk", "public", MibOids.KEEPALIVED);
        assertThat(keepalived.stdout()).contains(
                "." + INSTANCE + ".2.1 = STRING: \"VI_1\"",
                "." + INSTANCE + ".3.1 = Gauge32: 51",
                "." + INSTANCE + ".4.1 = INTEGER: 2",
                "." + INSTANCE + ".6.1 = INTEGER: 2",
                "." + INSTANCE + ".7.1 = INTEGER: 150",
                "." + INSTANCE + ".8.1 = INTEGER: 150",
                "." + MibOids.ROUTER_ID + " = STRING: \"" + a.namespace() + "\"");
        ExecResult rfc = v2c(a, "snmpwalk", "public", MibOids.VRRP_MIB);
        assertThat(rfc.stdout()).contains("." + MibOids.VRRP_OPER_ENTRY + ".3." + ifa + ".51 = INTEGER: 3",
                "." + MibOids.VRRP_OPER_ENTRY + ".4." + ifa + ".51 = INTEGER: 1",
                "." + MibOids.VRRP_ASSO_ENTRY + ".2." + ifa + ".51." + VIP + " = INTEGER: 1");
        ExecResult rfc3 = v2c(a, "snmpwalk", "public", MibOids.VRRPV3_MIB);
        assertThat(rfc3.stdout()).contains("." + MibOids.VRRPV3_OPER_ENTRY + ".6." + ifa + ".51.1 = INTEGER: 3");

        // single cells
        assertThat(getValue(b, INSTANCE + ".2.1")).isEqualTo("STRING: \"VI_1\"");
        assertThat(getValue(b, INSTANCE + ".4.1")).isEqualTo("INTEGER: 1");
        assertThat(getValue(b, INSTANCE + ".7.1")).isEqualTo("INTEGER: 100");

        // SET the BACKUP's base priority above the MASTER's: mastership moves; and back
        ExecResult raise = v2c(b, "snmpset", "private", INSTANCE + ".7.1", "i", "200");
        assertThat(raise.exitCode()).as(raise.toString()).isZero();
        Awaitility.await("VIP moved to the raised BACKUP").atMost(TIMEOUT).until(() -> daemons.onlyOn(b, routers, VIP));
        Awaitility.await("states over SNMP").atMost(TIMEOUT).until(() -> getValue(b, INSTANCE + ".4.1").equals("INTEGER: 2")
                && getValue(a, INSTANCE + ".4.1").equals("INTEGER: 1"));
        ExecResult lower = v3(b, "snmpset", INSTANCE + ".7.1", "i", "100");
        assertThat(lower.exitCode()).as(lower.toString()).isZero();
        Awaitility.await("VIP back on the first MASTER").atMost(TIMEOUT).until(() -> daemons.onlyOn(a, routers, VIP));

        // 300 is a wrongValue and changes nothing (keepalived stores 44)
        ExecResult wrong = v2c(b, "snmpset", "private", INSTANCE + ".7.1", "i", "300");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.stdout() + wrong.stderr()).contains("wrongValue");
        assertThat(getValue(b, INSTANCE + ".7.1")).isEqualTo("INTEGER: 100");
        ExecResult readOnly = v2c(b, "snmpset", "public", INSTANCE + ".7.1", "i", "120");
        assertThat(readOnly.stdout() + readOnly.stderr()).containsIgnoringCase("noAccess");

        // traps: failover by link down (FAULT) on the MASTER, recovery, then a shutdown
        int before = traps(trapLog).size();
        lab.execOk(a.namespace(), "ip", "link", "set", "lan0", "down");
        Awaitility.await("VIP on the BACKUP after link down").atMost(TIMEOUT).until(() -> daemons.hasAddress(b, VIP) && !daemons.hasAddress(a, VIP));
        awaitTraps(trapLog, "FAULT and MASTER traps", () -> statesFrom(after(traps(trapLog), before), a.namespace())
                .contains("3") && statesFrom(after(traps(trapLog), before), b.namespace()).contains("2"));
        lab.execOk(a.namespace(), "ip", "link", "set", "lan0", "up");
        Awaitility.await("VIP back after link up").atMost(TIMEOUT).until(() -> daemons.onlyOn(a, routers, VIP));
        assertThat(master.process().isAlive()).isTrue();
        assertThat(backup.stop()).isZero(); // SIGTERM: shutdown trap
        awaitTraps(trapLog, "shutdown trap", () -> statesFrom(after(traps(trapLog), before), b.namespace()).contains("5"));

        List<String> seen = after(traps(trapLog), before);
        LOG.info("traps:\n{}", String.join("\n", seen));
        // node 1: FAULT, BACKUP (link up), MASTER (preempt)
        assertThat(statesFrom(seen, a.namespace())).containsExactly("3", "1", "2");
        // node 2: MASTER on failover, BACKUP when preempted, shutdown on SIGTERM
        assertThat(statesFrom(seen, b.namespace())).containsExactly("2", "1", "5");
        // the FAULT trap carries the name, the state, the initial state and the router id, with the row index
        String fault = seen.stream().filter(t -> t.contains("\"" + a.namespace() + "\"")
                && t.contains("." + INSTANCE + ".4.1 = INTEGER: 3")).findFirst().orElseThrow();
        assertThat(fault).contains("." + STATE_CHANGE, "." + INSTANCE + ".2.1 = STRING: \"VI_1\"",
                "." + INSTANCE + ".5.1 = INTEGER: 1", "." + MibOids.ROUTER_ID + " = STRING: \"" + a.namespace() + "\"");
        // becoming master: the state change, then vrrpTrapNewMaster, then vrrpv3NewMaster, from that node
        int ifb = ifIndex(lab, b);
        int toMaster = indexOf(seen, t -> t.contains("\"" + b.namespace() + "\"") && t.contains(".4.1 = INTEGER: 2"));
        assertThat(seen.get(toMaster + 1)).contains("." + MibOids.VRRP_TRAP_NEW_MASTER)
                .contains("." + MibOids.VRRP_OPER_ENTRY + ".7." + ifb + ".51 = IpAddress: " + b.ipv4());
        assertThat(seen.get(toMaster + 2)).contains("." + MibOids.VRRPV3_MIB + ".0.1");
    }

    /** Like await, with the trap log in the failure message. */
    private static void awaitTraps(Path trapLog, String what, java.util.concurrent.Callable<Boolean> condition)
            throws Exception {
        try {
            Awaitility.await(what).atMost(TIMEOUT).until(condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; snmptrapd log:\n"
                    + (Files.exists(trapLog) ? Files.readString(trapLog) : "(none)"), e);
        }
    }

    @Test
    void aBadSnmpSettingStopsTheDaemonWithOneLineNamingTheKey() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("snmp-b").subnet("10.79.0").nodes(1).build();
        daemons = new NamespaceDaemons(lab, dir);
        LabNode node = lab.node(1);
        Path settings = Files.writeString(dir.resolve("bad.properties"), "snmp.port=99999\n");
        Running d = daemons.start(node, singleInstanceConf(node, 100, VIP, ""), settings, "-x");
        assertThat(d.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(d.process().exitValue()).as(d.log()).isEqualTo(2);
        assertThat(d.log()).contains(settings + ": snmp.port").contains("99999")
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(daemons.hasAddress(node, VIP)).isFalse();
    }

    private static List<String> after(List<String> all, int from) {
        return all.subList(Math.min(from, all.size()), all.size());
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such trap in " + lines);
    }

    private static List<String> oids(String walk) {
        return walk.lines().filter(l -> l.startsWith(".")).map(l -> l.substring(0, l.indexOf(' '))).toList();
    }
}
