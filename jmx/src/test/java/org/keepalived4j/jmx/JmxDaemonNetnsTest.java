package org.keepalived4j.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.daemon.NamespaceDaemons.singleInstanceConf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Two keepalived4j daemons in k4j- namespaces, each with the remote JMX connector on its own namespace address,
 * managed by jmxterm 1.0.4 run inside the same namespace. All management traffic stays inside the namespaces.
 */
@Tag("netns")
class JmxDaemonNetnsTest {
    private static final Logger LOG = LogManager.getLogger(JmxDaemonNetnsTest.class);
    private static final String VIP = "10.78.0.100";
    private static final String BEAN = "keepalived4j:type=VrrpInstance,name=VI_1";
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final int PORT = 9875;

    @TempDir
    Path dir;
    private NetnsLab lab;
    private NamespaceDaemons daemons;
    private LabNode a;
    private LabNode b;

    @AfterEach
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private void startLab(String prefix) throws IOException {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder(prefix).subnet("10.78.0").nodes(2).build();
        daemons = new NamespaceDaemons(lab, dir);
        a = lab.node(1);
        b = lab.node(2);
    }

    /** Settings with the connector on the node's own address, users admin (readwrite) and viewer (readonly). */
    private Path settings(LabNode node) throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve("mgmt-" + node.index()));
        Path passwords = Files.writeString(nodeDir.resolve("jmx.password"), "admin s3cret\nviewer v1ew\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(nodeDir.resolve("jmx.access"), "admin readwrite\nviewer readonly\n");
        return Files.writeString(nodeDir.resolve("management.properties"), String.join("\n",
                "jmx.remote.enabled=true", "jmx.remote.address=" + node.ipv4(), "jmx.remote.port=" + PORT,
                "jmx.remote.password_file=jmx.password", "jmx.remote.access_file=jmx.access",
                "overlay.state_file=live.properties", ""));
    }

    private Running start(LabNode node, int priority) throws IOException {
        return daemons.start(node, singleInstanceConf(node, priority, VIP, "") + (node == a ? SYNC_GROUP : ""),
                settings(node));
    }

    /**
     * Node 1 also has VI_2 (alone on its VRID, so MASTER) and both in sync group G1, to see the group over JMX; VI_2
     * tracks a vrrp_script that always succeeds, to see its VrrpScript bean. Its weight is not 0 and it has a long
     * timeout and fall 3, so a slow fork on a loaded machine cannot put VI_2 (and with it G1 and VI_1) into FAULT.
     */
    private static final String SYNC_GROUP = """
            vrrp_script chk_true {
                script "/bin/true"
                interval 2
                timeout 10
                fall 3
                weight 10
            }
            vrrp_instance VI_2 {
                state BACKUP
                interface lan0
                virtual_router_id 52
                priority 100
                advert_int 1
                virtual_ipaddress {
                    10.78.0.101/32
                }
                track_script {
                    chk_true
                }
            }
            vrrp_sync_group G1 {
                group {
                    VI_1
                    VI_2
                }
            }
            """;

    private ExecResult jmxterm(LabNode node, String user, String password, String verbosity, String... commands)
            throws IOException {
        String jar = System.getProperty("k4j.jmxterm.jar");
        assertThat(jar).as("k4j.jmxterm.jar (set by the jmx pom)").isNotBlank();
        Path script = Files.writeString(dir.resolve("jmxterm-" + System.nanoTime() + ".txt"),
                String.join("\n", commands) + "\n");
        return lab.exec(node.namespace(), Duration.ofSeconds(90), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-jar", jar, "-l", node.ipv4() + ":" + PORT, "-u", user, "-p", password, "-n", "-v", verbosity,
                "-i", script.toString()));
    }

    private String get(LabNode node, String attribute) throws IOException {
        ExecResult r = jmxterm(node, "admin", "s3cret", "silent", "get -s -b " + BEAN + " " + attribute);
        return r.stdout().strip();
    }

    private String daemonAttribute(LabNode node, String attribute) throws IOException {
        return jmxterm(node, "admin", "s3cret", "silent", "get -s -b keepalived4j:type=Daemon " + attribute).stdout()
                .strip();
    }

    private void awaitConnector(LabNode node) throws Exception {
        Awaitility.await("JMX connector on " + node.namespace()).atMost(TIMEOUT).until(() -> get(node, "VirtualRouterId").equals("51"));
    }

    @Test
    void jmxtermReadsEverythingMovesMastershipAndLiveTuningSurvivesReloadAndRestart() throws Exception {
        startLab("jmx-d");
        Running backup = start(b, 100);
        Running master = start(a, 150);
        Awaitility.await("VIP on the MASTER only").atMost(TIMEOUT).until(() -> daemons.onlyOn(a, lab.nodes(), VIP));
        awaitConnector(a);
        awaitConnector(b);

        // every attribute the bean lists has a readable value
        ExecResult info = jmxterm(a, "admin", "s3cret", "brief", "info -b " + BEAN + " -t a");
        List<String> attributes = new ArrayList<>();
        Matcher m = Pattern.compile("%\\d+\\s+-\\s+(\\w+)\\s+\\(").matcher(info.stdout());
        while (m.find()) {
            attributes.add(m.group(1));
        }
        assertThat(attributes).as(info.toString()).contains("Name", "State", "BasePriority", "EffectivePriority",
                "MasterAddress", "LastTransitionReason").hasSizeGreaterThan(20);
        List<String> getAll = attributes.stream().map(n -> "get -b " + BEAN + " " + n).toList();
        ExecResult all = jmxterm(a, "admin", "s3cret", "brief", getAll.toArray(String[]::new));
        for (String name : attributes) {
            assertThat(all.stdout()).as(all.toString()).containsPattern("(?m)^" + name + " = ");
        }
        assertThat(all.stdout()).contains("State = MASTER;").contains("BasePriority = 150;")
                .contains("VirtualRouterId = 51;").contains("Interface = lan0;");
        ExecResult daemonBean = jmxterm(a, "admin", "s3cret", "silent", "get -s -b keepalived4j:type=Daemon RouterId");
        assertThat(daemonBean.stdout().strip()).isEqualTo(a.namespace());
        ExecResult group = jmxterm(a, "admin", "s3cret", "silent",
                "get -s -b keepalived4j:type=VrrpSyncGroup,name=G1 Name",
                "get -s -b keepalived4j:type=VrrpSyncGroup,name=G1 Instances");
        assertThat(group.stdout()).as(group.toString()).contains("G1").contains("VI_1").contains("VI_2");
        assertThat(jmxterm(a, "admin", "s3cret", "silent", "get -s -b keepalived4j:type=VrrpSyncGroup,name=G1 State")
                .stdout().strip()).isEqualTo("MASTER");
        ExecResult script = jmxterm(a, "admin", "s3cret", "silent",
                "get -s -b keepalived4j:type=VrrpScript,name=chk_true Up",
                "get -s -b keepalived4j:type=VrrpScript,name=chk_true Instances");
        assertThat(script.stdout()).as(script.toString()).contains("true").contains("VI_2");

        // BACKUP's base priority above the MASTER's: it preempts and the VIP moves
        ExecResult raise = jmxterm(b, "admin", "s3cret", "brief", "set -b " + BEAN + " BasePriority 200");
        assertThat(raise.ok()).as(raise.toString()).isTrue();
        Awaitility.await("VIP moved to the raised BACKUP").atMost(TIMEOUT).until(() -> daemons.onlyOn(b, lab.nodes(), VIP));
        assertThat(get(b, "State")).isEqualTo("MASTER");
        assertThat(get(a, "State")).isEqualTo("BACKUP");
        // and back
        jmxterm(b, "admin", "s3cret", "brief", "set -b " + BEAN + " BasePriority 100");
        Awaitility.await("VIP back on the first MASTER").atMost(TIMEOUT).until(() -> daemons.onlyOn(a, lab.nodes(), VIP));
        assertThat(get(b, "BasePriority")).isEqualTo("100");

        // readonly role cannot set
        ExecResult readonly = jmxterm(b, "viewer", "v1ew", "brief", "set -b " + BEAN + " BasePriority 180");
        assertThat(readonly.stdout() + readonly.stderr()).containsIgnoringCase("access denied");
        assertThat(get(b, "BasePriority")).isEqualTo("100");
        ExecResult viewerReads = jmxterm(b, "viewer", "v1ew", "silent", "get -s -b " + BEAN + " BasePriority");
        assertThat(viewerReads.stdout().strip()).isEqualTo("100");

        // wrong password refused
        ExecResult wrong = jmxterm(b, "admin", "nope", "brief", "get -s -b " + BEAN + " BasePriority");
        assertThat(wrong.stdout()).doesNotContain("100");
        assertThat(wrong.stdout() + wrong.stderr()).containsIgnoringCase("authentication failed");

        // out of range: a clear message, nothing changed
        ExecResult outOfRange = jmxterm(b, "admin", "s3cret", "brief", "set -b " + BEAN + " BasePriority 300");
        assertThat(outOfRange.stdout() + outOfRange.stderr()).contains("VI_1").contains("1..254");
        assertThat(get(b, "BasePriority")).isEqualTo("100");
        assertThat(daemons.onlyOn(a, lab.nodes(), VIP)).isTrue();

        // live tuning survives SIGHUP, and the Daemon bean shows the reloaded file's router_id and load time ...
        jmxterm(b, "admin", "s3cret", "brief", "set -b " + BEAN + " BasePriority 120");
        assertThat(get(b, "BasePriority")).isEqualTo("120");
        assertThat(daemonAttribute(b, "RouterId")).isEqualTo(b.namespace());
        assertThat(daemonAttribute(b, "Reloads")).isEqualTo("0");
        String firstLoad = daemonAttribute(b, "ConfigLoadTime");
        daemons.rewriteConf(b, singleInstanceConf(b, 100, VIP, "").replace("router_id " + b.namespace(),
                "router_id renamed-by-hup"));
        int reloadsBefore = backup.log().split("Reloaded configuration", -1).length;
        backup.signal("HUP");
        Awaitility.await("reload done").atMost(TIMEOUT).until(() -> backup.log().split("Reloaded configuration", -1).length > reloadsBefore);
        awaitConnector(b);
        assertThat(get(b, "BasePriority")).isEqualTo("120");
        assertThat(daemonAttribute(b, "RouterId")).isEqualTo("renamed-by-hup");
        assertThat(daemonAttribute(b, "Reloads")).isEqualTo("1");
        assertThat(daemonAttribute(b, "ConfigLoadTime")).isNotEqualTo(firstLoad);
        // the Daemon bean's reload() is the same request as SIGHUP
        daemons.rewriteConf(b, singleInstanceConf(b, 100, VIP, "").replace("router_id " + b.namespace(),
                "router_id renamed-by-jmx"));
        int reloadsAfterHup = backup.log().split("Reloaded configuration", -1).length;
        ExecResult reload = jmxterm(b, "admin", "s3cret", "brief", "run -b keepalived4j:type=Daemon reload");
        assertThat(reload.ok()).as(reload.toString()).isTrue();
        Awaitility.await("reload over JMX").atMost(TIMEOUT).until(() -> backup.log().split("Reloaded configuration", -1).length
                > reloadsAfterHup);
        awaitConnector(b);
        assertThat(get(b, "BasePriority")).isEqualTo("120");
        assertThat(daemonAttribute(b, "RouterId")).isEqualTo("renamed-by-jmx");
        assertThat(daemonAttribute(b, "Reloads")).isEqualTo("2");
        assertThat(jmxterm(b, "admin", "s3cret", "silent", "run -b keepalived4j:type=Daemon dumpConfiguration")
                .stdout()).contains("router_id renamed-by-jmx");
        // ... and, with the state file, a restart
        assertThat(backup.stop()).isZero();
        assertThat(Files.readString(dir.resolve("mgmt-2").resolve("live.properties"))).contains("VI_1/priority=120;100;");
        Running restarted = start(b, 100);
        awaitConnector(b);
        assertThat(get(b, "BasePriority")).isEqualTo("120");
        assertThat(get(b, "ConfiguredPriority")).isEqualTo("100");
        assertThat(master.process().isAlive()).isTrue();
        assertThat(restarted.process().isAlive()).isTrue();
    }

    @Test
    void listenerInTheNamespaceGetsOneNotificationPerTransitionInOrder() throws Exception {
        startLab("jmx-n");
        Running backup = start(b, 100);
        Running master = start(a, 150);
        Awaitility.await("VIP on the MASTER only").atMost(TIMEOUT).until(() -> daemons.onlyOn(a, lab.nodes(), VIP));
        awaitConnector(b);
        Path listenerLog = dir.resolve("listener.log");
        Process listener = lab.start(b.namespace(), List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                JmxNotificationPrinter.class.getName(), b.ipv4() + ":" + PORT, "viewer", "v1ew", BEAN, "120"),
                listenerLog);
        Awaitility.await("listener connected").atMost(TIMEOUT).until(() -> Files.exists(listenerLog)
                && Files.readString(listenerLog).contains("READY"));

        assertThat(master.stop()).isZero(); // priority 0: the BACKUP takes over
        Awaitility.await("VIP on the former BACKUP").atMost(TIMEOUT).until(() -> daemons.onlyOn(b, lab.nodes(), VIP));
        Running again = start(a, 150); // preempts back
        Awaitility.await("VIP back").atMost(TIMEOUT).until(() -> daemons.onlyOn(a, lab.nodes(), VIP));
        Awaitility.await("two State notifications").atMost(TIMEOUT).until(() -> stateLines(listenerLog).size() >= 2);
        Thread.sleep(1500); // a third one would be a duplicate: give it the time to show up
        List<String> states = stateLines(listenerLog);
        LOG.info("notifications: {}", Files.readString(listenerLog));
        assertThat(states).hasSize(2);
        assertThat(states.get(0)).contains("|State|BACKUP|MASTER|").contains("instance=VI_1,")
                .contains("routerId=" + b.namespace() + ",").contains("virtualRouterId=51,")
                .contains("previousState=BACKUP,").contains("state=MASTER,");
        assertThat(states.get(1)).contains("|State|MASTER|BACKUP|").contains("state=BACKUP,");
        long first = Long.parseLong(states.get(0).substring(0, states.get(0).indexOf('|')));
        long second = Long.parseLong(states.get(1).substring(0, states.get(1).indexOf('|')));
        assertThat(second).isGreaterThan(first);
        assertThat(states.get(0)).contains("sequence=" + first + ",");
        // the new-master notification comes after the transition to MASTER and before the one back
        List<String> lines = Files.readAllLines(listenerLog);
        int toMaster = lines.indexOf(states.get(0));
        int toBackup = lines.indexOf(states.get(1));
        assertThat(lines.subList(toMaster, toBackup)).anyMatch(l -> l.contains("|keepalived4j.vrrp.newMaster|"));
        lab.stop(listener, Duration.ofSeconds(5));
        assertThat(again.process().isAlive()).isTrue();
        assertThat(backup.process().isAlive()).isTrue();
    }

    private static List<String> stateLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream().filter(l -> l.contains("|jmx.attribute.change|State|")).toList();
    }
}
