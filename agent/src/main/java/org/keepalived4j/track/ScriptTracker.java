package org.keepalived4j.track;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.model.vrrp.VrrpScript;
import org.keepalived4j.notify.ScriptResult;
import org.keepalived4j.notify.ScriptRunner;
import org.keepalived4j.vrrp.loop.EventLoop;
import org.keepalived4j.vrrp.loop.LoopTimer;

/**
 * One {@code vrrp_script}: run every {@code interval} (a run still going is not started twice), killed after
 * {@code timeout} (default: the interval) and then counted as failed. keepalived's rise/fall counter: the first
 * result decides at once; afterwards {@code rise} consecutive successes make it OK and {@code fall} consecutive
 * failures make it fail. {@code init_fail} starts it failed. Results reach the loop thread through
 * {@link EventLoop#execute}; the loop never waits for a script.
 */
public final class ScriptTracker {
    private static final Logger LOG = LogManager.getLogger(ScriptTracker.class);

    private final VrrpScript script;
    private final EventLoop loop;
    private final ScriptRunner runner;
    private final TrackSource source;
    private final LoopTimer timer;
    private final int rise;
    private final int fall;
    /** keepalived's vscript->result: 0 .. rise+fall-1, OK when >= rise. */
    private int result;
    private boolean inProgress;
    private boolean stopped;
    private long runs;
    /** Exit status of the last finished run (-1: timed out or not run; 0 before the first). */
    private volatile int lastExit;
    /** Runs whose result has been handed to the loop (tests wait for it before running the loop's tasks). */
    private final java.util.concurrent.atomic.AtomicLong handedBack = new java.util.concurrent.atomic.AtomicLong();

    public ScriptTracker(VrrpScript script, EventLoop loop, ScriptRunner runner) {
        this.script = script;
        this.loop = loop;
        this.runner = runner;
        this.rise = Math.max(1, script.rise());
        this.fall = Math.max(1, script.fall());
        this.result = script.initFail() ? 0 : rise - 1;
        this.source = TrackSource.binary(TrackSource.Kind.SCRIPT, script.name(),
                script.initFail() ? TrackSource.Status.DOWN : TrackSource.Status.INIT);
        this.timer = loop.newTimer(this::tick);
    }

    public TrackSource source() {
        return source;
    }

    public VrrpScript script() {
        return script;
    }

    /** Exit status of the last finished run: -1 when it timed out or could not run, 0 before the first run. */
    public int lastExit() {
        return lastExit;
    }

    /** Script runs started so far. */
    public long runs() {
        return runs;
    }

    /** Runs whose result has been handed to the loop thread (may still be queued there). */
    public long resultsHandedBack() {
        return handedBack.get();
    }

    /**
     * Reload: takes over the result of the same script's tracker of the previous configuration, scaled to this one's
     * rise/fall as keepalived's clear_diff_script does, so a reload neither drops a failed script's weight nor holds
     * an instance in INIT until the next run. Call before {@link #start()}, on the loop thread.
     */
    public void inherit(ScriptTracker previous) {
        if (previous.source.status() == TrackSource.Status.INIT) {
            return;
        }
        int max = rise + fall - 1;
        if (previous.result < previous.rise) {
            result = previous.result == 0 ? 0 : Math.max(0, rise - (previous.rise - previous.result));
            source.setStatus(TrackSource.Status.DOWN);
            LOG.info("VRRP_Script({}) considered unsuccessful on reload", script.name());
        } else {
            result = previous.result == previous.rise + previous.fall - 1 ? max
                    : Math.min(max, rise + (previous.result - previous.rise));
            source.setStatus(TrackSource.Status.UP);
            LOG.info("VRRP_Script({}) considered successful on reload", script.name());
        }
        lastExit = previous.lastExit;
    }

    /** Starts the first run now, then every interval. */
    public void start() {
        if (!loop.inLoop()) {
            loop.execute(this::start);
            return;
        }
        if (!runner.policy().allowed(script.script())) {
            LOG.warn("VRRP_Script({}) is disabled by script security - not run", script.name());
            return;
        }
        stopped = false;
        tick();
    }

    public void stop() {
        if (!loop.inLoop()) {
            loop.execute(this::stop);
            return;
        }
        stopped = true;
        timer.cancel();
    }

    private Duration timeout() {
        return script.timeout().orElse(script.interval());
    }

    private void tick() {
        if (stopped) {
            return;
        }
        timer.arm(script.interval().toNanos());
        if (inProgress) {
            LOG.warn("Track script {} is still running, expect idle - skipping run", script.name());
            return;
        }
        inProgress = true;
        runs++;
        runner.run(script.script(), List.of(), Optional.of(timeout()), "VRRP_Script(" + script.name() + ")")
                .whenComplete((r, e) -> {
                    loop.execute(() -> finished(e == null ? r : ScriptResult.NOT_RUN));
                    handedBack.incrementAndGet();
                });
    }

    /** keepalived vrrp_script_child_thread(): the rise/fall counter. */
    private void finished(ScriptResult r) {
        inProgress = false;
        if (stopped) {
            return;
        }
        lastExit = r.timedOut() || r.notRun() ? -1 : r.exitCode();
        boolean first = source.status() == TrackSource.Status.INIT;
        if (r.succeeded()) {
            if (result < rise - 1) {
                result++;
            } else if (result != rise + fall - 1) {
                if (result < rise) {
                    LOG.info("VRRP_Script({}) succeeded", script.name());
                    source.setStatus(TrackSource.Status.UP);
                }
                result = rise + fall - 1;
            }
        } else {
            if (result > rise) {
                result--;
            } else {
                if (result >= rise || first) {
                    LOG.info("VRRP_Script({}) {}", script.name(), r.timedOut() ? "timed out" : "failed (exited with status "
                            + r.exitCode() + ")");
                    source.setStatus(TrackSource.Status.DOWN);
                }
                result = 0;
            }
        }
    }
}
