package org.keepalived4j.track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.model.vrrp.TrackFile;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.vrrp.loop.EventLoop;
import org.keepalived4j.vrrp.loop.LoopTimer;

/**
 * One {@code track_file}: the number in the file (as strtol reads it: leading blanks, optional sign, digits; anything
 * else or a missing file reads as 0). As keepalived, it re-reads the (small) file on the loop thread when inotify
 * reports a finished write, deletion or rename in its directory ({@link FileWatcher}); without a watcher, or when the
 * directory cannot be watched, every {@code pollInterval} instead. {@code init_file} writes the initial value at
 * start-up when the file is missing (always with overwrite).
 */
public final class FileTracker {
    private static final Logger LOG = LogManager.getLogger(FileTracker.class);

    private final TrackFile file;
    private final EventLoop loop;
    private final Duration pollInterval;
    private final TrackSource source;
    private final LoopTimer timer;
    private final Optional<FileWatcher> watcher;
    private boolean watched;
    private boolean stopped = true;

    public FileTracker(TrackFile file, EventLoop loop, Duration pollInterval) {
        this(file, loop, pollInterval, Optional.empty());
    }

    public FileTracker(TrackFile file, EventLoop loop, Duration pollInterval, Optional<FileWatcher> watcher) {
        this.file = file;
        this.loop = loop;
        this.pollInterval = pollInterval;
        this.watcher = watcher;
        initialise();
        this.source = TrackSource.file(file.name(), read());
        this.timer = loop.newTimer(this::poll);
    }

    public TrackSource source() {
        return source;
    }

    /** Whether changes come from inotify (false: polled). */
    public boolean watched() {
        return watched;
    }

    public void start() {
        if (!loop.inLoop()) {
            loop.execute(this::start);
            return;
        }
        stopped = false;
        if (!watched && watcher.isPresent()) {
            try {
                watcher.get().watch(file.file(), () -> loop.execute(this::refresh));
                watched = true;
            } catch (NativeCallException e) {
                LOG.warn("Track file {}: cannot watch {} ({}) - polling every {} ms", file.name(), file.file(),
                        e.getMessage(), pollInterval.toMillis());
            }
        }
        refresh(); // a change between the first read and the watch
        if (!watched) {
            timer.arm(pollInterval.toNanos());
        }
    }

    public void stop() {
        stopped = true;
        timer.cancel();
    }

    /** Re-reads the file now (loop thread); polled trackers re-arm their timer. */
    public void poll() {
        refresh();
        if (!watched && !stopped) {
            timer.arm(pollInterval.toNanos());
        }
    }

    private void refresh() {
        if (stopped) {
            return;
        }
        long value = read();
        if (value != source.value()) {
            LOG.info("Track file {} ({}) value changed from {} to {}", file.name(), file.file(), source.value(), value);
            source.setValue(value);
        }
    }

    private void initialise() {
        file.initFile().ifPresent(init -> {
            if (init.overwrite() || !Files.exists(file.file())) {
                try {
                    Files.writeString(file.file(), init.value() + "\n", StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    LOG.error("Track file {}: cannot initialise {}: {}", file.name(), file.file(), e.getMessage());
                }
            }
        });
    }

    long read() {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file.file());
            text = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            LOG.warn("Track file {}: cannot read {}: {}", file.name(), file.file(), e.getMessage());
            return 0;
        }
        return parseLeadingLong(text);
    }

    /** strtol(text, NULL, 0) restricted to decimal: leading whitespace, sign, digits; saturates like strtol. */
    static long parseLeadingLong(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        boolean overflow = false;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            int d = text.charAt(i++) - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                overflow = true;
            } else {
                value = value * 10 + d;
            }
        }
        if (overflow) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? -value : value;
    }
}
