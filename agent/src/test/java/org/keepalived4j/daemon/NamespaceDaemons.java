package org.keepalived4j.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;

/**
 * keepalived4j daemons as processes in lab namespaces, run as
 * {@code java -cp <test classpath> [-Dkeepalived4j.management=FILE] org.keepalived4j.daemon.Main -n -l -f conf -p pid
 * [extra]}: the management plugins on the test classpath (jmx/ or mib/) are found through ServiceLoader as in the
 * distribution. Shared by every namespace test that runs the daemon as a process.
 */
public final class NamespaceDaemons {
    private final NetnsLab lab;
    private final Path dir;

    public NamespaceDaemons(NetnsLab lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
    }

    /** A started daemon; {@code log()} is its console output. */
    public record Running(LabNode node, Process process, Path logFile, Path pidFile) {
        public String log() throws IOException {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        }

        public void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill -" + name + " " + process.pid() + " failed");
            }
        }

        /** SIGTERM and wait (bounded) for the exit; returns the exit code. */
        public int stop() throws IOException, InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("daemon in " + node.namespace() + " did not stop within 30 s");
            }
            return process.exitValue();
        }
    }

    /** A single-instance keepalived.conf (VI_1 on lan0, VRID 51, advert_int 1) with router_id = the namespace name. */
    public static String singleInstanceConf(LabNode node, int priority, String vip, String globalExtra) {
        return singleInstanceConf(node, "lan0", priority, vip, globalExtra);
    }

    public static String singleInstanceConf(LabNode node, String ifName, int priority, String vip, String globalExtra) {
        return """
                global_defs {
                    router_id %s
                %s}
                vrrp_instance VI_1 {
                    state BACKUP
                    interface %s
                    virtual_router_id 51
                    priority %d
                    advert_int 1
                    virtual_ipaddress {
                        %s/32
                    }
                }
                """.formatted(node.namespace(), globalExtra, ifName, priority, vip);
    }

    public Running start(LabNode node, String conf) throws IOException {
        return launch(node, conf, List.of(), null, List.of());
    }

    public Running start(LabNode node, String conf, Path managementSettings, String... extraArgs) throws IOException {
        return launch(node, conf, List.of(), managementSettings, List.of(extraArgs));
    }

    /** Started under {@code wrapper} (e.g. setpriv with reduced capabilities). */
    public Running startWrapped(LabNode node, String conf, List<String> wrapper) throws IOException {
        return launch(node, conf, wrapper, null, List.of());
    }

    private Running launch(LabNode node, String conf, List<String> wrapper, Path managementSettings,
            List<String> extraArgs) throws IOException {
        Path confFile = Files.writeString(dir.resolve(node.namespace() + ".conf"), conf);
        Path log = dir.resolve(node.namespace() + "-" + System.nanoTime() + ".log");
        Path pid = dir.resolve(node.namespace() + ".pid");
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        if (managementSettings != null) {
            command.add("-Dkeepalived4j.management=" + managementSettings);
        }
        command.addAll(List.of("org.keepalived4j.daemon.Main", "-n", "-l", "-f", confFile.toString(), "-p",
                pid.toString()));
        command.addAll(extraArgs);
        return new Running(node, lab.start(node.namespace(), command, log), log, pid);
    }

    /** Rewrites the configuration file a daemon runs from (for reload tests). */
    public void rewriteConf(LabNode node, String conf) throws IOException {
        Files.writeString(dir.resolve(node.namespace() + ".conf"), conf);
    }

    public boolean hasAddress(LabNode node, String address) throws IOException {
        return hasAddress(node, "lan0", address, 32);
    }

    public boolean hasAddress(LabNode node, String dev, String address, int prefix) throws IOException {
        return lab.execOk(node.namespace(), "ip", "-4", "-o", "addr", "show", "dev", dev).stdout()
                .contains(" " + address + "/" + prefix + " ");
    }

    /** The address on {@code owner}'s lan0 and on no other node. */
    public boolean onlyOn(LabNode owner, List<LabNode> all, String address) throws IOException {
        for (LabNode n : all) {
            if (hasAddress(n, address) != (n == owner)) {
                return false;
            }
        }
        return true;
    }
}
