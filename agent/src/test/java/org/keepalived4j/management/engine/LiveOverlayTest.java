package org.keepalived4j.management.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.management.Actor;
import org.keepalived4j.management.LiveOverride;

class LiveOverlayTest {
    @TempDir
    Path dir;

    @Test
    void stateFileRoundTripsIncludingOddActorNames() {
        Path file = dir.resolve("live.properties");
        LiveOverlay overlay = new LiveOverlay(file);
        LiveOverride odd = new LiveOverride("VI 1", "priority", "200", "100", new Actor("snmp", "we;ird=name"),
                Instant.parse("2026-01-02T03:04:05Z"));
        LiveOverride plain = new LiveOverride("VI_2", "preempt", "false", "true", Actor.jmx("admin"),
                Instant.parse("2026-01-02T03:04:06Z"));
        overlay.put(odd);
        overlay.put(plain);
        overlay.save();

        LiveOverlay restored = new LiveOverlay(file);
        restored.load();
        assertThat(restored.all()).containsExactlyInAnyOrder(odd, plain);
    }

    @Test
    void fileWinsWhenItsValueChanges() {
        LiveOverlay overlay = new LiveOverlay(null);
        overlay.put(new LiveOverride("VI_1", "priority", "200", "100", Actor.jmx("a"), Instant.EPOCH));
        assertThat(overlay.reconcile("VI_1", "priority", "100")).isPresent();
        assertThat(overlay.reconcile("VI_1", "priority", "120")).isEmpty();
        assertThat(overlay.all()).isEmpty();
        overlay.put(new LiveOverride("VI_1", "priority", "100", "100", Actor.jmx("a"), Instant.EPOCH));
        assertThat(overlay.all()).as("equal to the file: nothing to keep").isEmpty();
    }
}
