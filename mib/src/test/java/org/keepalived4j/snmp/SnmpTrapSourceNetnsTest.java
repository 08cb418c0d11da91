package org.keepalived4j.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.keepalived4j.daemon.NamespaceDaemons.singleInstanceConf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * An agent that listens on 127.0.0.1 still delivers its notifications to snmptrapd in another namespace: they leave
 * from a socket of their own (wildcard address, so the kernel picks the source by route), and that socket answers
 * no requests.
 */
@Tag("netns")
class SnmpTrapSourceNetnsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final Pattern SOURCE = Pattern.compile("notifications from udp:[0-9.:]+/(\\d+)");

    @TempDir
    Path dir;
    private NetnsLab lab;

    @AfterEach
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void loopbackAgentSendsTrapsToAReceiverInAnotherNamespace() throws Exception {
        NetnsLab.assumeAvailable();
        assumeTrue(NetSnmp.available("snmpget") && NetSnmp.available("snmptrapd"), "net-snmp tools not installed");
        lab = NetnsLab.builder("snmp-ts").subnet("10.106.0").nodes(2).build();
        NamespaceDaemons daemons = new NamespaceDaemons(lab, dir);
        LabNode router = lab.node(1);
        LabNode receiver = lab.node(2);

        Path trapDir = Files.createDirectories(dir.resolve("snmptrapd"));
        Path trapConf = Files.writeString(trapDir.resolve("snmptrapd.conf"), "authCommunity log k4jtrap\n");
        Path trapLog = trapDir.resolve("traps.log");
        lab.start(receiver.namespace(), List.of("env", "MIBS=", "MIBDIRS=", "SNMP_PERSISTENT_DIR=" + trapDir,
                "snmptrapd", "-f", "-Lo", "-C", "-c", trapConf.toString(), "-n", "-On",
                "-F", "TRAP %b %V|%v\n", "udp:" + receiver.ipv4() + ":1162"), trapLog);
        Awaitility.await("snmptrapd started").atMost(TIMEOUT).until(() -> Files.exists(trapLog)
                && Files.readString(trapLog).contains("NET-SNMP version"));

        Path settings = Files.writeString(dir.resolve("management.properties"), String.join("\n",
                "snmp.enabled=true", "snmp.address=127.0.0.1", "snmp.port=1161", "snmp.community.ro=public",
                "snmp.trap.v2c=" + receiver.ipv4() + ":1162", "snmp.trap.community=k4jtrap", ""));
        Running daemon = daemons.start(router, singleInstanceConf(router, 150, "10.106.0.100", ""), settings);

        // coldStart, then the instance's own state change to MASTER, arrive from the router's lan address
        Awaitility.await("coldStart and MASTER traps at the receiver").atMost(TIMEOUT).until(() -> {
            String traps = Files.readString(trapLog);
            return traps.contains("." + MibOids.INSTANCE_STATE_CHANGE) && traps.contains("1.3.6.1.6.3.1.1.5.1");
        });
        assertThat(Files.readAllLines(trapLog).stream().filter(l -> l.startsWith("TRAP ")))
                .allMatch(l -> l.contains(router.ipv4()), "sent from the router's address, not loopback");

        // the agent answers on loopback only; the notification socket answers nothing
        ExecResult local = lab.exec(router.namespace(), Duration.ofSeconds(20), List.of("env", "MIBS=",
                "snmpget", "-v2c", "-c", "public", "-On", "-t", "2", "-r", "0", "127.0.0.1:1161",
                MibOids.ROUTER_ID));
        assertThat(local.stdout()).as(local.toString()).contains("STRING:");
        Matcher m = SOURCE.matcher(daemon.log());
        assertThat(m.find()).as("start-up log names the notification socket: %s", daemon.log()).isTrue();
        ExecResult viaNotificationSocket = lab.exec(receiver.namespace(), Duration.ofSeconds(20), List.of("env",
                "MIBS=", "snmpget", "-v2c", "-c", "public", "-On", "-t", "2", "-r", "0",
                router.ipv4() + ":" + m.group(1), MibOids.ROUTER_ID));
        assertThat(viaNotificationSocket.exitCode()).as(viaNotificationSocket.toString()).isNotZero();
        assertThat(viaNotificationSocket.stdout() + viaNotificationSocket.stderr()).contains("Timeout");
    }
}
