package org.keepalived4j.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.syntax.ReadOptions;
import org.keepalived4j.notify.ScriptPolicy;
import org.keepalived4j.notify.ScriptRunner;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/**
 * The tracking of one simulated node, built from keepalived.conf text as the daemon builds it: VI_1 (interface eth9,
 * link up) tracks {@code vrrp_script chk} (a real script exiting with the number the test writes, weight -80, rise 1,
 * fall 1) and {@code track_file tf} (weight 5, init_file 2). Shared by the management, JMX and SNMP tests.
 */
public final class ScriptTrackingLab implements AutoCloseable {
    private final SimulatedLan lan;
    private final SimNode node;
    private final Path exitCode;
    private final Path file;
    private final ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 2, 16);
    private final VrrpTracking tracking;

    public ScriptTrackingLab(Path dir, SimulatedLan lan, SimNode node) {
        this.lan = lan;
        this.node = node;
        this.exitCode = dir.resolve("exit-code");
        this.file = dir.resolve("tf");
        try {
            Files.writeString(exitCode, "0");
            Path chk = dir.resolve("chk.sh");
            Files.writeString(chk, "#!/bin/sh\nexit $(cat " + exitCode + ")\n");
            Files.setPosixFilePermissions(chk, PosixFilePermissions.fromString("rwxr-xr-x"));
            String conf = """
                    vrrp_script chk {
                      script "%s"
                      interval 1
                      weight -80
                      fall 1
                      rise 1
                    }
                    track_file tf {
                      file "%s"
                      weight 5
                      init_file 2
                    }
                    vrrp_instance VI_1 {
                      interface eth9
                      virtual_router_id 51
                      priority 150
                      virtual_ipaddress { 10.0.0.100/24 }
                      track_script { chk }
                      track_file { tf }
                    }
                    """.formatted(chk, file);
            ConfigLoader.Result loaded = ConfigLoader.loadString(conf, dir.resolve("keepalived.conf"),
                    ReadOptions.defaults(), HostEnvironment.permissive());
            if (loaded.hasErrors()) {
                throw new IllegalStateException("lab configuration: " + loaded.diagnostics());
            }
            TrackerFailoverTest.TestLinks links = new TrackerFailoverTest.TestLinks();
            links.set("eth9", true);
            tracking = VrrpTracking.build(loaded.config().vrrp(), lan.loop(), runner, links,
                    name -> TrackTarget.of(node.router()),
                    new VrrpTracking.Options(Duration.ofMillis(500), Duration.ofMillis(500)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public VrrpTracking tracking() {
        return tracking;
    }

    /** Starts the tracking, and the node once its weight-0 trackers have their first result (as the runtime does). */
    public void start() {
        tracking.start();
        tracking.tracker("VI_1").orElseThrow().whenInitialised(node::start);
        lan.loop().runPending();
    }

    /** The exit status of the script's next runs. */
    public void scriptExits(int code) {
        try {
            Files.writeString(exitCode, Integer.toString(code));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The track_file's content. */
    public void fileHolds(String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Advances virtual time in 100 ms steps; after each step waits for the script's result to reach the loop. */
    public void advance(Duration total) {
        ScriptTracker script = tracking.scripts().get("chk");
        for (long i = 0; i < total.toMillis() / 100; i++) {
            lan.advanceBy(Duration.ofMillis(100));
            awaitScriptResult(script);
            lan.loop().runPending();
        }
    }

    /** Bounded wait (30 s) for the script runs started so far (plain loop: the JMX and SNMP modules lack awaitility). */
    private static void awaitScriptResult(ScriptTracker script) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (script.resultsHandedBack() != script.runs()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("script chk gave no result within 30 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        tracking.close();
        runner.close();
    }
}
