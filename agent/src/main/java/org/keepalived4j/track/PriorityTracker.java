package org.keepalived4j.track;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.vrrp.loop.EventLoop;

/**
 * The tracked objects of one VRRP instance (its own track_* lists plus those of its sync group) and what they do to
 * it: the weight sum goes to {@link TrackTarget#setPriorityAdjustment}, each failing weight-0 object raises its own
 * fault source. Recomputed on the loop thread whenever one object changes; the router advertises the new priority
 * with its next advert.
 */
public final class PriorityTracker {
    private static final Logger LOG = LogManager.getLogger(PriorityTracker.class);

    private record Binding(TrackSource source, int weight, boolean reverse) {}

    private final EventLoop loop;
    private final TrackTarget target;
    private final List<Binding> bindings = new ArrayList<>();
    private final Map<String, Boolean> raised = new HashMap<>();
    private final List<Runnable> whenInitialised = new ArrayList<>();
    private Integer lastAdjustment;
    private boolean attached;

    public PriorityTracker(EventLoop loop, TrackTarget target) {
        this.loop = loop;
        this.target = target;
    }

    /** Adds one tracked object with the weight and direction the instance (or its group) configured. */
    public PriorityTracker track(TrackSource source, int weight, boolean reverse) {
        bindings.add(new Binding(source, weight, reverse));
        source.addListener(this::recompute);
        return this;
    }

    /** Applies the current state of every object (call once, before the router starts). */
    public void attach() {
        if (!loop.inLoop()) {
            loop.execute(this::attach);
            return;
        }
        attached = true;
        recompute();
    }

    /**
     * Runs {@code task} on the loop thread once no weight-0 script is still waiting for its first result
     * (keepalived keeps such an instance in INIT); at once if none is.
     */
    public void whenInitialised(Runnable task) {
        if (!loop.inLoop()) {
            loop.execute(() -> whenInitialised(task));
            return;
        }
        if (attached && !holdsInit()) {
            task.run();
        } else {
            whenInitialised.add(task);
        }
    }

    /**
     * Reload: the fault sources the previous tracker of this instance left raised on the same target. The first
     * recompute clears those this tracker no longer raises (an object removed from the configuration) and does not
     * raise again those still failing, so a surviving instance sees no fault transition. Call before {@link #attach}.
     */
    public void adopt(Set<String> raisedBefore) {
        if (!loop.inLoop()) {
            loop.execute(() -> adopt(raisedBefore));
            return;
        }
        raisedBefore.forEach(source -> raised.put(source, true));
    }

    /** The fault sources this tracker has raised on its target (loop thread). */
    public Set<String> raisedSources() {
        Set<String> out = new HashSet<>();
        raised.forEach((source, up) -> {
            if (up) {
                out.add(source);
            }
        });
        return out;
    }

    /** The current weight sum (loop thread). */
    public int adjustment() {
        return lastAdjustment == null ? 0 : lastAdjustment;
    }

    private boolean holdsInit() {
        return bindings.stream().anyMatch(b -> TrackWeight.of(b.source(), b.weight(), b.reverse()).holdsInit());
    }

    private void recompute() {
        if (!attached) {
            return;
        }
        long sum = 0;
        Map<String, Boolean> faults = new HashMap<>();
        for (Binding b : bindings) {
            TrackWeight.Contribution c = TrackWeight.of(b.source(), b.weight(), b.reverse());
            sum += c.delta();
            faults.merge(b.source().faultSource(), c.fault(), Boolean::logicalOr);
        }
        // The router clamps base + adjustment to 1..254; keep the sum itself within int and meaningful range.
        int adjustment = (int) Math.max(-1000, Math.min(1000, sum));
        if (lastAdjustment == null || lastAdjustment != adjustment) {
            if (lastAdjustment != null) {
                LOG.debug("({}) tracker weights now sum to {}", target.name(), adjustment);
            }
            lastAdjustment = adjustment;
            target.setPriorityAdjustment(adjustment);
        }
        for (String adopted : List.copyOf(raised.keySet())) {
            if (!faults.containsKey(adopted) && raised.get(adopted)) {
                faults.put(adopted, false); // adopted at reload from a tracker whose object is gone
            }
        }
        for (Map.Entry<String, Boolean> f : faults.entrySet()) {
            boolean was = raised.getOrDefault(f.getKey(), false);
            if (was != f.getValue()) {
                raised.put(f.getKey(), f.getValue());
                if (f.getValue()) {
                    LOG.info("({}) {} failed - entering FAULT state", target.name(), f.getKey());
                } else {
                    LOG.info("({}) {} recovered - leaving FAULT state", target.name(), f.getKey());
                }
                target.setFault(f.getKey(), f.getValue());
            }
        }
        if (!whenInitialised.isEmpty() && !holdsInit()) {
            List<Runnable> tasks = List.copyOf(whenInitialised);
            whenInitialised.clear();
            tasks.forEach(Runnable::run);
        }
    }
}
