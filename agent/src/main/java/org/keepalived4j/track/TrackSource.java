package org.keepalived4j.track;

import java.util.ArrayList;
import java.util.List;

/**
 * The live state of one tracked object (interface, vrrp_script, track_file, vrrp_track_process), shared by every
 * instance and sync group that tracks it. Changed on the loop thread only; listeners run there too. Status and value may be read from any thread.
 */
public final class TrackSource {
    /** What kind of object; names the fault source ("track_script chk_http"). */
    public enum Kind {
        INTERFACE("track_interface"), SCRIPT("track_script"), FILE("track_file"), PROCESS("track_process");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** Up/down objects; INIT = a vrrp_script that has not returned yet (keepalived SCRIPT_INIT_STATE_INIT). */
    public enum Status {
        INIT, UP, DOWN
    }

    private final Kind kind;
    private final String name;
    private final List<Runnable> listeners = new ArrayList<>();
    /** Volatile: written on the loop thread, read by management views on other threads. */
    private volatile Status status;
    private volatile long value;

    private TrackSource(Kind kind, String name, Status status, long value) {
        this.kind = kind;
        this.name = name;
        this.status = status;
        this.value = value;
    }

    /** An up/down object (interface, script, process) in its initial status. */
    public static TrackSource binary(Kind kind, String name, Status initial) {
        if (kind == Kind.FILE) {
            throw new IllegalArgumentException("track_file has a value, not a status");
        }
        return new TrackSource(kind, name, initial, 0);
    }

    /** A track_file with its initial value. */
    public static TrackSource file(String name, long initialValue) {
        return new TrackSource(Kind.FILE, name, Status.UP, initialValue);
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** "track_script chk_http": the fault source name used on routers. */
    public String faultSource() {
        return kind.keyword() + " " + name;
    }

    public Status status() {
        return status;
    }

    /** The number read from a track_file (0 for other kinds). */
    public long value() {
        return value;
    }

    public boolean isFile() {
        return kind == Kind.FILE;
    }

    /** Runs {@code listener} on the loop thread after every change. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Loop thread: a new status (up/down objects). */
    public void setStatus(Status next) {
        if (next != status) {
            status = next;
            fire();
        }
    }

    /** Loop thread: a new value (track_file). */
    public void setValue(long next) {
        if (next != value) {
            value = next;
            fire();
        }
    }

    private void fire() {
        for (Runnable l : List.copyOf(listeners)) {
            l.run();
        }
    }

    @Override
    public String toString() {
        return faultSource() + (isFile() ? " = " + value : " " + status);
    }
}
