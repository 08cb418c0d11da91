package org.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.SourceLocation;
import org.keepalived4j.config.model.KeepalivedConfig;

/**
 * The lifecycle on the test thread: requests are posted before {@link Daemon#run()}, which serves them in order and
 * returns at STOP. Real signals are covered by {@link DaemonSignalTest}.
 */
class DaemonTest {
    @TempDir
    Path dir;

    private final List<String> calls = RecordingSubsystem.newCalls();
    private final Map<KeepalivedConfig, String> names = RecordingSubsystem.newNames();
    private final Deque<ConfigLoader.Result> loads = new ArrayDeque<>();

    private Path conf;
    private Path pid;

    private CommandLine commandLine() throws Exception {
        conf = Files.writeString(dir.resolve("keepalived.conf"), "# read by a fake source\n");
        pid = dir.resolve("run").resolve("keepalived.pid");
        return new CommandLineParser().parse("-f", conf.toString(), "-p", pid.toString());
    }

    /** The next load returns a good configuration, named for the recording. */
    private void good(String name) {
        ConfigLoader.Result result = FakeConfigs.result(List.of());
        names.put(result.config(), name);
        loads.add(result);
    }

    /** The next load has a finding keepalived cannot run with. */
    private void fatal() {
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.error(new SourceLocation(conf, 3), "WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist");
        diagnostics.fatal(new SourceLocation(conf, 0), "Non-existent interface specified in configuration");
        loads.add(FakeConfigs.result(diagnostics.all()));
    }

    private ConfigSource source() {
        return path -> {
            assertThat(path).isEqualTo(conf);
            return loads.remove();
        };
    }

    private Subsystem recording(String name) {
        return new RecordingSubsystem(name, calls, names, false);
    }

    @Test
    void startsReloadsKeepsTheRunningConfigurationOnABadReloadAndStopsCleanly() throws Exception {
        CommandLine line = commandLine();
        good("c1");
        good("c2");
        fatal();
        good("c4");
        Subsystem pidChecker = new Subsystem() {
            @Override
            public String name() {
                return "pid checker";
            }

            @Override
            public void start(KeepalivedConfig config) {
                try {
                    calls.add("pid file holds " + Files.readString(pid).strip());
                } catch (IOException e) {
                    calls.add("no pid file: " + e);
                }
            }

            @Override
            public void reload(KeepalivedConfig config) {}

            @Override
            public void stop() {}
        };
        Daemon daemon = new Daemon(line, source(), List.of(recording("vrrp"), pidChecker, recording("snmp")));
        daemon.post(Daemon.Request.RELOAD);
        daemon.post(Daemon.Request.RELOAD);
        daemon.post(Daemon.Request.RELOAD);
        daemon.post(Daemon.Request.STOP);
        daemon.post(Daemon.Request.RELOAD);

        assertThat(daemon.run()).isEqualTo(ExitCodes.OK);

        assertThat(calls).containsExactly(
                "vrrp start c1", "pid file holds " + ProcessHandle.current().pid(), "snmp start c1",
                "vrrp reload c2", "snmp reload c2",
                // the fatal reload changed nothing
                "vrrp reload c4", "snmp reload c4",
                "snmp stop", "vrrp stop");
        assertThat(loads).isEmpty();
        assertThat(pid).doesNotExist();
    }

    @Test
    void refusesToStartWhenKeepalivedCouldNotRunTheConfiguration() throws Exception {
        CommandLine line = commandLine();
        fatal();
        Daemon daemon = new Daemon(line, source(), List.of(recording("vrrp")));
        daemon.post(Daemon.Request.STOP);
        assertThat(daemon.run()).isEqualTo(2);
        assertThat(calls).isEmpty();
        assertThat(pid).doesNotExist();
    }

    @Test
    void runnableErrorsAndScriptSecurityDoNotStopTheStart() throws Exception {
        CommandLine line = commandLine();
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.error(new SourceLocation(conf, 3), "Unknown keyword 'bogus'");
        diagnostics.scriptSecurity(new SourceLocation(conf, 0), "SECURITY VIOLATION - scripts are being executed");
        ConfigLoader.Result result = FakeConfigs.result(diagnostics.all());
        names.put(result.config(), "c1");
        loads.add(result);
        Daemon daemon = new Daemon(line, source(), List.of(recording("vrrp")));
        daemon.post(Daemon.Request.STOP);
        assertThat(daemon.run()).isZero();
        assertThat(calls).containsExactly("vrrp start c1", "vrrp stop");
    }

    @Test
    void missingConfigurationFileExits6AsKeepalivedDoes() throws Exception {
        CommandLine line = commandLine();
        Files.delete(conf);
        Daemon daemon = new Daemon(line, source(), List.of(recording("vrrp")));
        assertThat(daemon.run()).isEqualTo(6);
        assertThat(calls).isEmpty();
    }

    @Test
    void aReloadOfAFileThatDisappearedKeepsRunning() throws Exception {
        CommandLine line = commandLine();
        good("c1");
        Daemon daemon = new Daemon(line, path -> {
            try {
                Files.delete(path);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return loads.remove();
        }, List.of(recording("vrrp")));
        daemon.post(Daemon.Request.RELOAD);
        daemon.post(Daemon.Request.STOP);
        assertThat(daemon.run()).isZero();
        assertThat(calls).containsExactly("vrrp start c1", "vrrp stop");
    }

    @Test
    void anotherLiveDaemonInThePidFileMeansAlreadyRunning() throws Exception {
        CommandLine line = commandLine();
        good("c1");
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Files.createDirectories(pid.getParent());
            Files.writeString(pid, other.pid() + "\n");
            Daemon daemon = new Daemon(line, source(), List.of(recording("vrrp")));
            daemon.post(Daemon.Request.STOP);
            // measured: keepalived logs "daemon is already running" and exits 0
            assertThat(daemon.run()).isZero();
            assertThat(calls).isEmpty();
            assertThat(Files.readString(pid).strip()).isEqualTo(Long.toString(other.pid()));
        } finally {
            other.destroy();
        }
    }

    @Test
    void aStalePidFileIsReplaced() throws Exception {
        CommandLine line = commandLine();
        good("c1");
        Files.createDirectories(pid.getParent());
        Files.writeString(pid, "999999999\n");
        Daemon daemon = new Daemon(line, source(), List.of(recording("vrrp")));
        daemon.post(Daemon.Request.STOP);
        assertThat(daemon.run()).isZero();
        assertThat(calls).containsExactly("vrrp start c1", "vrrp stop");
        assertThat(pid).doesNotExist();
    }

    @Test
    void anUnwritablePidFileStopsTheStart() throws Exception {
        CommandLine commandLine = commandLine();
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "");
        CommandLine line = new CommandLineParser().parse("-f", conf.toString(), "-p", blocker.resolve("k.pid").toString());
        good("c1");
        Daemon daemon = new Daemon(line, source(), List.of(recording("vrrp")));
        assertThat(daemon.run()).isEqualTo(ExitCodes.PID_FILE);
        assertThat(calls).isEmpty();
        assertThat(commandLine.pidFile()).doesNotExist();
    }

    @Test
    void aSubsystemThatFailsToStartStopsTheDaemonAndEverythingStartedIsStopped() throws Exception {
        CommandLine line = commandLine();
        good("c1");
        Daemon daemon = new Daemon(line, source(), List.of(recording("vrrp"),
                new RecordingSubsystem("snmp", calls, names, true), recording("never")));
        daemon.post(Daemon.Request.STOP);
        assertThat(daemon.run()).isEqualTo(2);
        assertThat(calls).containsExactly("vrrp start c1", "snmp start c1", "snmp stop", "vrrp stop");
        assertThat(pid).doesNotExist();
    }
}
