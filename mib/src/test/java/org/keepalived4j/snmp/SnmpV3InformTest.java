package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementSettings;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpState;

/** SNMPv3 informs (authPriv, SHA-256/AES) acknowledged by snmptrapd, which is the authoritative engine for them. */
class SnmpV3InformTest {
    @TempDir
    Path dir;

    @Test
    void coldStartAndStateChangeArriveAsV3Informs() throws Exception {
        assumeTrue(NetSnmp.available("snmptrapd"), "net-snmp's snmptrapd is not installed");
        FakeManagement api = new FakeManagement();
        api.instances.add(FakeManagement.instance("VI_9", 9, "eth0", 3, VrrpState.BACKUP, 100, true, "10.1.0.1",
                "10.1.0.109"));
        int trapPort = NetSnmp.freeUdpPort();
        Path conf = dir.resolve("snmptrapd.conf");
        Files.writeString(conf, "createUser informer SHA-256 informauth1 AES informpriv1\nauthUser log informer\n");
        Path log = dir.resolve("informs.log");
        Process trapd = new ProcessBuilder("snmptrapd", "-f", "-Lo", "-C", "-c", conf.toString(), "-n", "-On",
                "-F", "INFORM %V|%v\n", "udp:127.0.0.1:" + trapPort)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        trapd.getOutputStream().close();
        try {
            waitFor(log, "NET-SNMP version");
            Map<String, String> m = new HashMap<>();
            m.put("snmp.enabled", "true");
            m.put("snmp.port", Integer.toString(NetSnmp.freeUdpPort()));
            m.put("snmp.boot_file", dir.resolve("boot.bc").toString());
            m.put("snmp.v3.users", "informer");
            m.put("snmp.v3.user.informer.auth", "SHA-256");
            m.put("snmp.v3.user.informer.auth_password", "informauth1");
            m.put("snmp.v3.user.informer.priv", "AES");
            m.put("snmp.v3.user.informer.priv_password", "informpriv1");
            m.put("snmp.inform.v3", "127.0.0.1:" + trapPort);
            m.put("snmp.inform.user", "informer");
            try (SnmpService service = SnmpService.start(api,
                    SnmpSettings.from(new ManagementSettings(null, m)), name -> 3)) {
                waitFor(log, "OID: .1.3.6.1.6.3.1.1.5.1");
                api.publish(seq -> new ManagementEvent.StateChanged(seq, Instant.now(), "LAB", "VI_9", 9,
                        VrrpState.BACKUP, VrrpState.FAULT, StateChangeReason.FAULT, VrrpState.BACKUP, 0, 1));
                waitFor(log, "OID: ." + MibOids.INSTANCE_STATE_CHANGE);
                assertThat(Files.readString(log, StandardCharsets.UTF_8))
                        .contains("." + MibOids.INSTANCE_ENTRY + ".2.1 = STRING: \"VI_9\"",
                                "." + MibOids.INSTANCE_ENTRY + ".4.1 = INTEGER: 3");
            }
        } finally {
            trapd.destroy();
            trapd.waitFor();
        }
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
