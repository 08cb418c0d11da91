package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.management.ManagementSettings;
import org.keepalived4j.management.engine.LiveOverlay;
import org.keepalived4j.management.engine.ManagedRouter;
import org.keepalived4j.management.engine.VrrpManagementService;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/**
 * The agent over the real management service and VRRP engine on the simulated LAN (the test thread is the VRRP loop
 * thread, so while net-snmp waits for a SET the test runs the loop's queued tasks).
 */
class SnmpOverSimulatedLanTest {
    private static final String INSTANCE = MibOids.INSTANCE_ENTRY;
    private final SimulatedLan lan = new SimulatedLan();
    private final SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
    private final SimNode b = lan.add("b", settings("VI_1", 51, 100, 2).build());
    private VrrpManagementService management;
    private SnmpService snmp;
    private Process trapd;
    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        if (snmp != null) {
            snmp.close();
        }
        if (management != null) {
            management.close();
        }
        if (trapd != null) {
            trapd.destroy();
            trapd.waitFor();
        }
    }

    private NetSnmp.Result v2c(String tool, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(tool, "-v2c", "-c", "rw-community", "-On", "-t", "3",
                "-r", "0", "127.0.0.1:" + snmpPort));
        cmd.addAll(List.of(args));
        return NetSnmp.run(Map.of("MIBS", "", "MIBDIRS", ""), cmd);
    }

    private int snmpPort;

    @Test
    void valuesSetsAndTrapsComeFromTheEngine() throws Exception {
        assumeTrue(NetSnmp.available("snmptrapd"), "net-snmp tools not installed");
        int trapPort = NetSnmp.freeUdpPort();
        Path conf = dir.resolve("snmptrapd.conf");
        Files.writeString(conf, "authCommunity log trap-community\n");
        Path trapLog = dir.resolve("traps.log");
        trapd = new ProcessBuilder("snmptrapd", "-f", "-Lo", "-C", "-c", conf.toString(), "-n", "-On",
                "-F", "TRAP %V|%v\n", "udp:127.0.0.1:" + trapPort)
                .redirectErrorStream(true).redirectOutput(trapLog.toFile()).start();
        trapd.getOutputStream().close();
        waitFor(trapLog, "NET-SNMP version");

        management = new VrrpManagementService("router-b", "0.1-test", Path.of("/etc/keepalived/keepalived.conf"),
                new LiveOverlay(null), Clock.systemUTC(), 1024);
        management.configurationLoaded(() -> "vrrp_instance VI_1 {\n}\n");
        management.attach(List.of(new ManagedRouter(b.router(), "eth0")));
        snmpPort = NetSnmp.freeUdpPort();
        Map<String, String> m = new HashMap<>();
        m.put("snmp.enabled", "true");
        m.put("snmp.port", Integer.toString(snmpPort));
        m.put("snmp.boot_file", dir.resolve("boot.bc").toString());
        m.put("snmp.community.rw", "rw-community");
        m.put("snmp.trap.v2c", "127.0.0.1:" + trapPort);
        m.put("snmp.trap.community", "trap-community");
        m.put("snmp.refresh_ms", "0");
        snmp = SnmpService.start(management, SnmpSettings.from(new ManagementSettings(null, m)),
                name -> name.equals("eth0") ? 2 : 0);

        lan.startAll();
        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
        // the agent serves a view its refresher rebuilds 20 ms after an engine event; virtual time ran ahead of it
        snmp.views().refresh();
        NetSnmp.Result get = v2c("snmpget", INSTANCE + ".2.1", INSTANCE + ".4.1", INSTANCE + ".8.1",
                MibOids.VRRP_OPER_ENTRY + ".7.2.51", MibOids.VRRP_STATS_ENTRY + ".1.2.51");
        assertThat(get.stdout()).contains(
                "." + INSTANCE + ".2.1 = STRING: \"VI_1\"",
                "." + INSTANCE + ".4.1 = INTEGER: 1",
                "." + INSTANCE + ".8.1 = INTEGER: 100",
                "." + MibOids.VRRP_OPER_ENTRY + ".7.2.51 = IpAddress: 10.0.0.1",
                "." + MibOids.VRRP_STATS_ENTRY + ".1.2.51 = Counter32: 0");

        NetSnmp.Result tooHigh = v2c("snmpset", INSTANCE + ".7.1", "i", "300");
        assertThat(tooHigh.stderr()).contains("wrongValue");
        NetSnmp.Result notOwner = v2c("snmpset", INSTANCE + ".7.1", "i", "255");
        assertThat(notOwner.stderr()).contains("inconsistentValue");
        assertThat(b.router().basePriority()).isEqualTo(100);

        // the SET waits for the loop thread, which is this thread: run the loop's queue until net-snmp is answered
        Process set = new ProcessBuilder("snmpset", "-v2c", "-c", "rw-community", "-t", "5", "-r", "0", "-On",
                "127.0.0.1:" + snmpPort, INSTANCE + ".7.1", "i", "200").redirectErrorStream(true).start();
        for (int i = 0; i < 500 && set.isAlive(); i++) {
            lan.loop().runPending();
            set.waitFor(10, TimeUnit.MILLISECONDS);
        }
        String setOut = new String(set.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(set.exitValue()).as(setOut).isZero();
        assertThat(b.router().basePriority()).isEqualTo(200);

        lan.advanceBy(Duration.ofSeconds(5));
        assertThat(b.state()).isEqualTo(VrrpState.MASTER);
        waitFor(trapLog, "OID: ." + MibOids.VRRPV3_NEW_MASTER);
        String traps = Files.readString(trapLog, StandardCharsets.UTF_8);
        assertThat(traps).contains("OID: ." + MibOids.K4J_LIVE_SETTING_CHANGE,
                "." + INSTANCE + ".4.1 = INTEGER: 2",
                "." + MibOids.VRRP_OPER_ENTRY + ".7.2.51 = IpAddress: 10.0.0.2");
        snmp.views().refresh(); // as above: the transition's rebuild may not have run yet on the refresher thread
        assertThat(v2c("snmpget", INSTANCE + ".4.1", INSTANCE + ".7.1").stdout())
                .contains("." + INSTANCE + ".4.1 = INTEGER: 2", "." + INSTANCE + ".7.1 = INTEGER: 200");
    }

    private static void waitFor(Path log, String text) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for '" + text + "' in:\n"
                + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)"));
    }
}
