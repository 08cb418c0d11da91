package org.keepalived4j.track;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.sys.Inotify;
import org.keepalived4j.sys.NativeCallException;

/**
 * Tells track_file trackers when their file may have changed, as keepalived learns it: inotify on the file's
 * directory for a finished write (IN_CLOSE_WRITE), a deletion and a rename into or out of it, so a file is read once a
 * writer has closed it, never half-written. One inotify instance and one thread ({@code k4j-file-watch}) for all files;
 * the callbacks run on that thread and must only hand the work on (to the loop).
 */
public final class FileWatcher implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(FileWatcher.class);
    private static final int MASK = Inotify.IN_CLOSE_WRITE | Inotify.IN_DELETE | Inotify.IN_MOVED_TO
            | Inotify.IN_MOVED_FROM;
    private static final Duration READ_WAIT = Duration.ofMillis(250);

    private final Inotify inotify;
    /** watch descriptor -> file name in that directory -> callbacks. */
    private final Map<Integer, Map<String, List<Runnable>>> watches = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    private FileWatcher(Inotify inotify) {
        this.inotify = inotify;
        this.thread = new Thread(this::run, "k4j-file-watch");
        this.thread.setDaemon(true);
    }

    /** A running watcher. */
    public static FileWatcher start() throws NativeCallException {
        FileWatcher w = new FileWatcher(Inotify.open());
        w.thread.start();
        return w;
    }

    /**
     * Calls {@code changed} after every finished write, deletion or rename of {@code file}.
     *
     * @throws NativeCallException when its directory cannot be watched (missing, no permission)
     */
    public void watch(Path file, Runnable changed) throws NativeCallException {
        Path absolute = file.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        int wd = inotify.addWatch(dir, MASK);
        watches.computeIfAbsent(wd, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(absolute.getFileName().toString(), k -> new CopyOnWriteArrayList<>()).add(changed);
    }

    private void run() {
        while (!closed) {
            List<Inotify.Event> events;
            try {
                events = inotify.read(READ_WAIT);
            } catch (NativeCallException e) {
                if (!closed) {
                    LOG.error("track_file watching failed, file changes are no longer seen: {}", e.getMessage());
                }
                return;
            }
            for (Inotify.Event e : events) {
                if (e.is(Inotify.IN_Q_OVERFLOW)) {
                    LOG.warn("track_file: inotify queue overflowed - re-reading every tracked file");
                    watches.values().forEach(files -> files.values().forEach(FileWatcher::fire));
                    continue;
                }
                Map<String, List<Runnable>> files = watches.get(e.watch());
                if (files != null) {
                    List<Runnable> callbacks = files.get(e.name());
                    if (callbacks != null) {
                        fire(callbacks);
                    }
                }
            }
        }
    }

    private static void fire(List<Runnable> callbacks) {
        for (Runnable r : new ArrayList<>(callbacks)) {
            try {
                r.run();
            } catch (RuntimeException ex) {
                LOG.error("track_file change callback failed: {}", ex.toString(), ex);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(READ_WAIT.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inotify.close();
    }
}
