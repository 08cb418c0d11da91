package org.keepalived4j.notify;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.model.GlobalDefs;

/**
 * One notify FIFO (notify_fifo / vrrp_notify_fifo): lines in keepalived's format ({@code INSTANCE "VI_1" MASTER 150},
 * {@code GROUP "G1" BACKUP 0}), written in event order by a writer thread so that a FIFO nobody reads never blocks
 * the caller. The FIFO is created (mkfifo) when missing and opened read-write, as keepalived does, so opening never
 * waits for a reader. The optional *_fifo_script is started with the FIFO name as its last argument and stopped on
 * {@link #close()}. Lines beyond {@code capacity} waiting are dropped (logged).
 */
public final class NotifyFifo implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(NotifyFifo.class);
    private static final String STOP = new String("stop");

    private final Path path;
    private final BlockingQueue<String> lines;
    private final Thread writer;
    private final RandomAccessFile out;
    private Process script;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

    private NotifyFifo(Path path, int capacity) throws IOException {
        this.path = path;
        this.lines = new ArrayBlockingQueue<>(capacity);
        if (!Files.exists(path)) {
            mkfifo(path);
        }
        this.out = new RandomAccessFile(path.toFile(), "rw");
        this.writer = new Thread(this::writeLoop, "k4j-fifo-" + path.getFileName());
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Opens {@code config}'s FIFO and starts its script; empty (logged) when the FIFO cannot be made or opened. */
    public static Optional<NotifyFifo> open(GlobalDefs.NotifyFifo config, ScriptRunner runner, int capacity) {
        try {
            NotifyFifo fifo = new NotifyFifo(config.fifo(), capacity);
            config.script().ifPresent(s -> fifo.script = runner.startLongRunning(s, List.of(config.fifo().toString()),
                    "notify fifo script " + config.fifo()).orElse(null));
            return Optional.of(fifo);
        } catch (IOException e) {
            LOG.error("Unable to open notify fifo {}: {}", config.fifo(), e.getMessage());
            return Optional.empty();
        }
    }

    public Path path() {
        return path;
    }

    /** Lines dropped because too many were waiting (nobody reads the FIFO). */
    public long droppedCount() {
        return dropped.get();
    }

    private static void mkfifo(Path path) throws IOException {
        try {
            Process p = new ProcessBuilder("mkfifo", "-m", "0600", path.toString()).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("mkfifo " + path + " failed: " + new String(p.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted creating " + path, e);
        }
    }

    /** Queues one line (without the newline); never blocks. */
    public void write(String line) {
        if (closed) {
            return;
        }
        if (!lines.offer(line)) {
            dropped.incrementAndGet();
            LOG.warn("notify fifo {}: {} lines waiting, nobody reads - dropped: {}", path, lines.size(), line);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                String line = lines.take();
                if (line == STOP) {
                    return;
                }
                try {
                    // through the channel: an interrupt (close) unblocks a write into a full FIFO
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                    while (buf.hasRemaining()) {
                        out.getChannel().write(buf);
                    }
                } catch (java.nio.channels.ClosedByInterruptException e) {
                    return;
                } catch (IOException e) {
                    LOG.warn("notify fifo {}: write failed: {}", path, e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued (waiting at most a moment for a reader), stops the fifo script, closes. */
    @Override
    public void close() {
        closed = true;
        lines.offer(STOP);
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        if (script != null) {
            script.descendants().forEach(ProcessHandle::destroy);
            script.destroy();
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("notify fifo {}: close: {}", path, e.getMessage());
        }
    }
}
