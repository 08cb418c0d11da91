package org.keepalived4j.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keepalived4j.daemon.NamespaceDaemons.singleInstanceConf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Local JMX without a remote connector: the daemon creates no MBeanServer at start (the JVM's MBeanServer class has
 * no instance in its heap), and a client that attaches as jconsole does finds every bean at once.
 */
@Tag("netns")
class JmxLocalAttachNetnsTest {
    private static final String VIP = "10.89.0.100";
    private static final String SERVER_CLASS = "com.sun.jmx.mbeanserver.JmxMBeanServer";

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
    void beansAreRegisteredWhenALocalClientAttaches() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("jmx-local").subnet("10.89.0").nodes(1).build();
        LabNode a = lab.node(1);
        NamespaceDaemons daemons = new NamespaceDaemons(lab, dir);
        Path settings = Files.writeString(dir.resolve("management.properties"), "# local JMX only\n");
        Running daemon = daemons.start(a, singleInstanceConf(a, 150, VIP, ""), settings);
        Awaitility.await("VIP on the master").atMost(Duration.ofSeconds(30))
                .until(() -> daemons.hasAddress(a, VIP));
        long pid = daemon.process().pid();

        assertThat(daemon.log()).contains("MXBeans registered when a local client");
        assertThat(heapClasses(pid)).as("no MBeanServer before anyone attaches").doesNotContain(SERVER_CLASS);

        ExecResult probe = lab.exec(a.namespace(), Duration.ofSeconds(60), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), LocalAttachProbe.class.getName(), Long.toString(pid),
                "keepalived4j:type=VrrpInstance,name=VI_1", "State"));
        assertThat(probe.exitCode()).as("probe: %s", probe.stderr()).isZero();
        assertThat(probe.stdout().strip()).isEqualTo("MASTER");
        assertThat(heapClasses(pid)).contains(SERVER_CLASS);
        assertThat(daemon.log()).contains("MXBeans registered in the platform MBeanServer");
        assertThat(daemon.stop()).isZero();
    }

    /** jcmd GC.class_histogram of the daemon: the classes that have instances. */
    private String heapClasses(long pid) throws IOException, InterruptedException {
        Path out = dir.resolve("histogram-" + System.nanoTime() + ".txt");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.class_histogram did not finish within 60 s");
        }
        String text = Files.readString(out);
        assertThat(jcmd.exitValue()).as("jcmd: %s", text).isZero();
        assertThat(text).contains("org.keepalived4j");
        return text;
    }
}
