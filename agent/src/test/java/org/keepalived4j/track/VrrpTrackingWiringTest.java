package org.keepalived4j.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.syntax.ReadOptions;
import org.keepalived4j.notify.ScriptPolicy;
import org.keepalived4j.notify.ScriptRunner;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/** keepalived.conf text → model → {@link VrrpTracking} → a router's effective priority and state. */
class VrrpTrackingWiringTest {
    @TempDir
    Path dir;

    @Test
    void scriptFileProcessAndInterfaceFromTheConfigurationDriveTheRouter() throws Exception {
        Path code = dir.resolve("code");
        Files.writeString(code, "0");
        Path chk = dir.resolve("chk.sh");
        Files.writeString(chk, "#!/bin/sh\nexit $(cat " + code + ")\n");
        Files.setPosixFilePermissions(chk, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tf = dir.resolve("tf");
        String unique = Long.toString(400_000 + ProcessHandle.current().pid());
        String conf = """
                global_defs {
                  router_id lb1
                  enable_script_security
                  script_user root
                }
                vrrp_script chk {
                  script "%s"
                  interval 1
                  weight -30
                  fall 1
                  rise 1
                }
                track_file tf {
                  file "%s"
                  weight 5
                  init_file 2
                }
                vrrp_track_process sleeper {
                  process sleep %s
                  weight -20
                  quorum 1
                }
                vrrp_instance VI_1 {
                  interface eth9
                  virtual_router_id 51
                  priority 150
                  virtual_ipaddress { 10.0.0.100/24 }
                  track_script { chk }
                  track_file { tf }
                  track_process { sleeper }
                  track_interface { eth8 weight -40 }
                }
                """.formatted(chk, tf, unique);
        ConfigLoader.Result loaded = ConfigLoader.loadString(conf, dir.resolve("keepalived.conf"), ReadOptions.defaults(),
                HostEnvironment.permissive());
        assertThat(loaded.hasErrors()).as("%s", loaded.diagnostics()).isFalse();
        KeepalivedConfig config = loaded.config();

        SimulatedLan lan = new SimulatedLan();
        SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
        TrackerFailoverTest.TestLinks links = new TrackerFailoverTest.TestLinks();
        links.set("eth9", true);
        links.set("eth8", true);
        Process sleeper = new ProcessBuilder("sleep", unique).start();
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 2, 16);
             VrrpTracking tracking = VrrpTracking.build(config.vrrp(), lan.loop(), runner, links,
                     name -> TrackTarget.of(a.router()), new VrrpTracking.Options(Duration.ofMillis(500),
                             Duration.ofMillis(500)))) {
            ScriptTracker script = tracking.scripts().get("chk");
            ProcessTracker process = tracking.processes().get("sleeper");
            assertThat(process.lastCount()).isEqualTo(1);
            tracking.start();
            tracking.tracker("VI_1").orElseThrow().whenInitialised(a::start);
            Runnable settle = () -> {
                await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                        .until(() -> script.resultsHandedBack() == script.runs());
                lan.loop().runPending();
            };
            for (int i = 0; i < 50; i++) {
                lan.advanceBy(Duration.ofMillis(100));
                settle.run();
            }
            // file 2 x 5 = +10; script ok, process present, eth8 up: no deductions
            assertThat(a.router().effectivePriority()).isEqualTo(160);
            assertThat(a.state()).isEqualTo(VrrpState.MASTER);

            Files.writeString(code, "1");
            links.set("eth8", false);
            sleeper.destroyForcibly().waitFor();
            for (int i = 0; i < 30; i++) {
                lan.advanceBy(Duration.ofMillis(100));
                settle.run();
            }
            // the /proc scan runs on its own thread and hands its count to the loop: advance until it arrived
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(20)).until(() -> {
                lan.advanceBy(Duration.ofMillis(100));
                settle.run();
                return process.source().status() == TrackSource.Status.DOWN;
            });
            // 150 + 10 - 30 (script) - 40 (eth8) - 20 (process)
            assertThat(a.router().effectivePriority()).isEqualTo(70);

            links.set("eth9", false); // the instance's own interface: FAULT
            lan.advanceBy(Duration.ofMillis(10));
            assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        } finally {
            sleeper.destroyForcibly();
        }
    }

}
