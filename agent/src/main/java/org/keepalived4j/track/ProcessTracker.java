package org.keepalived4j.track;

import java.time.Duration;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.model.vrrp.TrackProcess;
import org.keepalived4j.vrrp.loop.EventLoop;
import org.keepalived4j.vrrp.loop.LoopTimer;

/**
 * One {@code vrrp_track_process}: UP while {@code quorum} to {@code quorum_max} matching processes run. keepalived
 * follows process events (proc connector); this scans /proc every {@code pollInterval} on {@code scanner} (off the
 * loop) and hands the count to the loop thread. Gaining the quorum counts after {@code fork_delay}, losing it after
 * {@code terminate_delay} ({@code delay} sets both); a change undone within its delay is never seen.
 */
public final class ProcessTracker {
    private static final Logger LOG = LogManager.getLogger(ProcessTracker.class);

    private final TrackProcess process;
    private final EventLoop loop;
    private final Executor scanner;
    private final ProcessTable table;
    private final Duration pollInterval;
    private final TrackSource source;
    private final LoopTimer pollTimer;
    private final LoopTimer delayTimer;
    private boolean scanning;
    private boolean stopped = true;
    private TrackSource.Status pending;
    private volatile int lastCount = -1;

    public ProcessTracker(TrackProcess process, EventLoop loop, Executor scanner, ProcessTable table, Duration pollInterval) {
        this.process = process;
        this.loop = loop;
        this.scanner = scanner;
        this.table = table;
        this.pollInterval = pollInterval;
        int initial = table.count(process);
        this.lastCount = initial;
        this.source = TrackSource.binary(TrackSource.Kind.PROCESS, process.name(),
                process.quorumMet(initial) ? TrackSource.Status.UP : TrackSource.Status.DOWN);
        this.pollTimer = loop.newTimer(this::poll);
        this.delayTimer = loop.newTimer(this::applyPending);
    }

    public TrackSource source() {
        return source;
    }

    /** Matching processes at the last scan. */
    public int lastCount() {
        return lastCount;
    }

    public void start() {
        if (!loop.inLoop()) {
            loop.execute(this::start);
            return;
        }
        stopped = false;
        pollTimer.arm(pollInterval.toNanos());
    }

    public void stop() {
        stopped = true;
        pollTimer.cancel();
        delayTimer.cancel();
    }

    private void poll() {
        if (stopped) {
            return;
        }
        pollTimer.arm(pollInterval.toNanos());
        if (scanning) {
            return;
        }
        scanning = true;
        scanner.execute(() -> {
            int count = table.count(process);
            loop.execute(() -> scanned(count));
        });
    }

    private void scanned(int count) {
        scanning = false;
        if (stopped) {
            return;
        }
        if (count != lastCount) {
            LOG.info("Track process {}: {} matching process(es), quorum {}{}", process.name(), count, process.quorum(),
                    process.quorumMax() == TrackProcess.NO_QUORUM_MAX ? "" : ".." + process.quorumMax());
        }
        lastCount = count;
        TrackSource.Status next = process.quorumMet(count) ? TrackSource.Status.UP : TrackSource.Status.DOWN;
        if (next == source.status()) {
            pending = null; // back where it was before the delay ran out: the change is never seen
            delayTimer.cancel();
        } else if (pending != next) {
            Duration delay = next == TrackSource.Status.UP ? process.forkDelay() : process.terminateDelay();
            if (delay.isZero()) {
                source.setStatus(next);
            } else {
                pending = next;
                delayTimer.arm(delay.toNanos());
            }
        }
    }

    private void applyPending() {
        if (pending != null) {
            source.setStatus(pending);
            pending = null;
        }
    }
}
