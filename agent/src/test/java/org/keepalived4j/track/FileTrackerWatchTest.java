package org.keepalived4j.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.vrrp.TrackFile;
import org.keepalived4j.vrrp.sim.VirtualEventLoop;

/**
 * track_file follows its file through inotify as keepalived does: a write is seen once the writer closes the file
 * (never half-written), and deletion and rename-into-place are seen too. The poll interval is an hour, so only the
 * events can explain a change.
 */
class FileTrackerWatchTest {
    private static final Duration NO_POLL = Duration.ofHours(1);

    @TempDir
    Path dir;

    @Test
    void valueFollowsClosedWritesDeletionAndRenameWithoutPolling() throws Exception {
        Path file = dir.resolve("state");
        Files.writeString(file, "3\n");
        VirtualEventLoop loop = new VirtualEventLoop();
        List<Long> seen = new CopyOnWriteArrayList<>();
        try (FileWatcher watcher = FileWatcher.start()) {
            FileTracker tracker = new FileTracker(new TrackFile("tf", file, 1, false, Optional.empty()), loop, NO_POLL,
                    Optional.of(watcher));
            tracker.source().addListener(() -> seen.add(tracker.source().value()));
            tracker.start();
            loop.runPending();
            assertThat(tracker.watched()).isTrue();
            assertThat(tracker.source().value()).isEqualTo(3);

            // a slow writer: truncate, write "1", pause, write "5", close - only 15 may be seen
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap("1".getBytes(StandardCharsets.US_ASCII)));
                for (int i = 0; i < 10; i++) {
                    Thread.sleep(20);
                    loop.runPending();
                }
                assertThat(seen).as("nothing read while the writer has the file open").isEmpty();
                ch.write(ByteBuffer.wrap("5\n".getBytes(StandardCharsets.US_ASCII)));
            }
            awaitValue(loop, tracker, 15);

            Files.delete(file);
            awaitValue(loop, tracker, 0);

            Path next = dir.resolve("state.new");
            Files.writeString(next, "-7\n");
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE);
            awaitValue(loop, tracker, -7);
            assertThat(seen).containsExactly(15L, 0L, -7L);
            tracker.stop();
        }
    }

    @Test
    void anUnwatchableDirectoryFallsBackToPolling() throws Exception {
        Path file = dir.resolve("missing-dir").resolve("state");
        VirtualEventLoop loop = new VirtualEventLoop();
        try (FileWatcher watcher = FileWatcher.start()) {
            FileTracker tracker = new FileTracker(new TrackFile("tf", file, 1, false, Optional.empty()), loop,
                    Duration.ofSeconds(1), Optional.of(watcher));
            tracker.start();
            loop.runPending();
            assertThat(tracker.watched()).isFalse();
            assertThat(tracker.source().value()).isZero();
            Files.createDirectory(file.getParent());
            Files.writeString(file, "4");
            loop.advanceBy(Duration.ofMillis(1100));
            assertThat(tracker.source().value()).isEqualTo(4);
            tracker.stop();
        }
    }

    private static void awaitValue(VirtualEventLoop loop, FileTracker tracker, long value) {
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(5)).until(() -> {
            loop.runPending();
            return tracker.source().value() == value;
        });
    }
}
