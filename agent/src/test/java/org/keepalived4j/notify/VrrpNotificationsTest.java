package org.keepalived4j.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.keepalived4j.vrrp.sim.SimulatedLan.settings;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.syntax.ReadOptions;
import org.keepalived4j.track.PriorityTracker;
import org.keepalived4j.track.TrackSource;
import org.keepalived4j.track.TrackTarget;
import org.keepalived4j.vrrp.sim.SimNode;
import org.keepalived4j.vrrp.sim.SimulatedLan;

/** keepalived.conf → {@link VrrpNotifications}: FIFO lines with priority changes, mails as smtp_alert says. */
class VrrpNotificationsTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void configuredFifoAndMailFollowTheInstance() throws Exception {
        int port = freePort();
        Path fifoPath = dir.resolve("vrrp.fifo");
        String conf = """
                global_defs {
                  router_id lb1
                  notification_email { ops@example.com }
                  notification_email_from ka@example.com
                  smtp_server 127.0.0.1 %d
                  smtp_connect_timeout 5
                  no_email_faults
                  vrrp_notify_fifo %s
                }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  priority 150
                  virtual_ipaddress { 10.0.0.100/24 }
                  notify_priority_changes
                  smtp_alert
                }
                """.formatted(port, fifoPath);
        ConfigLoader.Result loaded = ConfigLoader.loadString(conf, dir.resolve("keepalived.conf"), ReadOptions.defaults(),
                HostEnvironment.permissive());
        assertThat(loaded.hasErrors()).as("%s", loaded.diagnostics()).isFalse();
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ScriptRunner runner = new ScriptRunner(ScriptPolicy.permissive(), 2, 16);
             VrrpNotifications notifications = VrrpNotifications.build(loaded.config(), runner, "vm",
                     VrrpNotifications.Options.DEFAULT)) {
            assertThat(Files.exists(fifoPath)).isTrue();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(fifoPath.toFile()),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("ERROR " + e);
                }
            });
            reader.setDaemon(true);
            reader.start();

            SimulatedLan lan = new SimulatedLan();
            SimNode a = lan.add("a", settings("VI_1", 51, 150, 1).build());
            a.addListener(notifications.notifier());
            TrackSource file = TrackSource.file("tf", 1);
            PriorityTracker pt = new PriorityTracker(lan.loop(), TrackTarget.of(a.router()));
            pt.track(file, 10, false).attach(); // +10 before start, as keepalived's start-up
            a.start();
            lan.advanceBy(Duration.ofSeconds(5));
            file.setValue(3);
            a.router().setFault("track_interface eth1", true);
            lan.advanceBy(Duration.ofSeconds(1));
            a.router().setFault("track_interface eth1", false);
            lan.advanceBy(Duration.ofSeconds(5));
            a.stopGracefully();

            // keepalived 2.2.7's lines (namespace run with notify_priority_changes and a track_file): the start-up
            // weight is reported as BACKUP_PRIORITY before the first BACKUP line, later changes as MASTER_PRIORITY
            List<String> expected = List.of("INSTANCE \"VI_1\" BACKUP_PRIORITY 160", "INSTANCE \"VI_1\" BACKUP 160",
                    "INSTANCE \"VI_1\" MASTER 160", "INSTANCE \"VI_1\" MASTER_PRIORITY 180",
                    "INSTANCE \"VI_1\" FAULT 180", "INSTANCE \"VI_1\" BACKUP 180", "INSTANCE \"VI_1\" MASTER 180",
                    "INSTANCE \"VI_1\" STOP 180");
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.size() >= expected.size());
            assertThat(lines).containsExactlyElementsOf(expected);

            // BACKUP, MASTER, (no FAULT: no_email_faults), BACKUP, MASTER, Stopping
            assertThat(mail.waitForIncomingEmail(30_000, 5)).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> notifications.mail().orElseThrow().sentCount() == 5);
            List<String> subjects = Arrays.stream(mail.getReceivedMessages()).map(m -> {
                try {
                    return m.getSubject();
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(subjects).containsExactly("[lb1] VRRP Instance VI_1 - Entering BACKUP state",
                    "[lb1] VRRP Instance VI_1 - Entering MASTER state",
                    "[lb1] VRRP Instance VI_1 - Entering BACKUP state",
                    "[lb1] VRRP Instance VI_1 - Entering MASTER state",
                    "[lb1] VRRP Instance VI_1 - Stopping");
        } finally {
            mail.stop();
        }
    }
}
