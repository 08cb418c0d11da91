package org.keepalived4j.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;

/**
 * A mixed pair, Debian's keepalived 2.2.7 (priority 150) and a keepalived4j daemon (120), each with a track_script
 * of weight -60 that fails while the test's flag file for that side exists: a script failure on either side moves
 * the VIP to the other.
 */
@Tag("netns")
@Tag("interop")
class TrackScriptInteropNetnsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String VIP = "10.87.0.100";

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
    void scriptFailureOnEitherSideFailsOver() throws Exception {
        NetnsLab.assumeAvailable();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed");
        lab = NetnsLab.builder("wire-ia").subnet("10.87.0").nodes(2).build();
        LabNode ka = lab.node(1);
        LabNode ours = lab.node(2);
        Path kaFlag = dir.resolve("ka.flag");
        Path ourFlag = dir.resolve("ours.flag");
        Path kaConf = dir.resolve("ka.conf");
        Files.writeString(kaConf, conf("ka", script("ka-check.sh", kaFlag), 150));
        Path ourConf = dir.resolve("ours.conf");
        Files.writeString(ourConf, conf("ours", script("our-check.sh", ourFlag), 120));

        lab.start(ours.namespace(), List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.keepalived4j.daemon.Main", "-n", "-l", "-f", ourConf.toString(), "-p",
                dir.resolve("ours.pid").toString()), dir.resolve("ours.log"));
        lab.start(ka.namespace(), List.of("/usr/sbin/keepalived", "-n", "-l", "-G", "-D", "-f", kaConf.toString(),
                "-p", dir.resolve("ka.pid").toString(), "-r", dir.resolve("vrrp.pid").toString(),
                "-c", dir.resolve("check.pid").toString(), "-b", dir.resolve("bfd.pid").toString()),
                dir.resolve("keepalived.log"));
        await("keepalived (150) master", () -> vipOn(ka) && !vipOn(ours));

        Files.writeString(kaFlag, "");
        await("keepalived4j master after keepalived's script failed (90 < 120)", () -> vipOn(ours) && !vipOn(ka));

        Files.writeString(ourFlag, "");
        await("keepalived master after keepalived4j's script failed (60 < 90)", () -> vipOn(ka) && !vipOn(ours));

        int successes = count(Files.readString(dir.resolve("ours.log")), "VRRP_Script(chk) succeeded");
        Files.delete(kaFlag);
        Files.delete(ourFlag);
        await("keepalived4j's script succeeds again", () -> count(Files.readString(dir.resolve("ours.log")),
                "VRRP_Script(chk) succeeded") > successes);
        assertThat(vipOn(ka)).as("keepalived (150 again) keeps the VIP").isTrue();
        assertThat(Files.readString(dir.resolve("ours.log"))).doesNotContain("Exception");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private Path script(String name, Path flag) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n[ ! -e " + flag + " ]\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static String conf(String routerId, Path check, int priority) {
        return """
                global_defs {
                    router_id %s
                    script_user root
                }
                vrrp_script chk {
                    script "%s"
                    interval 1
                    fall 1
                    rise 1
                    weight -60
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface lan0
                    virtual_router_id 51
                    priority %d
                    advert_int 1
                    track_script {
                        chk
                    }
                    virtual_ipaddress {
                        %s/32
                    }
                }
                """.formatted(routerId, check, priority, VIP);
    }

    private boolean vipOn(LabNode node) throws IOException {
        return lab.execOk(node.namespace(), "ip", "-4", "-o", "addr", "show", "dev", "lan0").stdout()
                .contains(" " + VIP + "/32 ");
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        Awaitility.await(what).atMost(TIMEOUT).until(condition);
    }
}
