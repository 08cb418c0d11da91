package org.keepalived4j.track;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.model.vrrp.SyncGroup;
import org.keepalived4j.config.model.vrrp.TrackFile;
import org.keepalived4j.config.model.vrrp.TrackProcess;
import org.keepalived4j.config.model.vrrp.TrackedObject;
import org.keepalived4j.config.model.vrrp.VrrpConfig;
import org.keepalived4j.config.model.vrrp.VrrpInstance;
import org.keepalived4j.config.model.vrrp.VrrpScript;
import org.keepalived4j.notify.ScriptRunner;
import org.keepalived4j.vrrp.loop.EventLoop;

/**
 * Every tracker of a configuration, built from the model: one object per vrrp_script / track_file /
 * vrrp_track_process / interface (shared by all instances tracking it) and one {@link PriorityTracker} per
 * instance, holding the instance's own track_* lists, its sync group's (keepalived applies group tracking to every
 * member) and, unless dont_track_primary, its own interface with weight 0. Scripts disabled by script security
 * are left out of tracking, as keepalived removes them.
 *
 * <p>Lifecycle (loop thread or any; calls are handed to the loop): {@link #build}, then {@link #start()} before the
 * routers start (it applies the initial states), then for each instance start its router in
 * {@link PriorityTracker#whenInitialised} so weight-0 scripts have their first result, as keepalived waits.
 */
public final class VrrpTracking implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(VrrpTracking.class);

    /** Poll intervals of the objects keepalived watches by events (inotify, proc connector). */
    public record Options(Duration filePoll, Duration processPoll) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    private final EventLoop loop;
    private final Map<String, PriorityTracker> trackers = new LinkedHashMap<>();
    private final Map<String, ScriptTracker> scripts = new LinkedHashMap<>();
    private final Map<String, FileTracker> files = new LinkedHashMap<>();
    private final Map<String, ProcessTracker> processes = new LinkedHashMap<>();
    private final ExecutorService processScanner;

    private VrrpTracking(EventLoop loop) {
        this.loop = loop;
        this.processScanner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "k4j-process-scan");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param targets what each instance's tracker drives: {@code TrackTarget.of(router)}, or
     *     {@code coordinator.member(name)} for members of a sync group
     */
    public static VrrpTracking build(VrrpConfig vrrp, EventLoop loop, ScriptRunner runner, LinkStateSource links,
                                     Function<String, TrackTarget> targets, Options options) {
        VrrpTracking t = new VrrpTracking(loop);
        InterfaceTracker interfaces = new InterfaceTracker(loop, links);
        ProcessTable table = new ProcessTable();
        for (VrrpInstance vi : vrrp.instances()) {
            PriorityTracker pt = new PriorityTracker(loop, targets.apply(vi.name()));
            List<TrackedObject> ifs = new ArrayList<>(vi.trackInterfaces());
            List<TrackedObject> scr = new ArrayList<>(vi.trackScripts());
            List<TrackedObject> fil = new ArrayList<>(vi.trackFiles());
            Optional<SyncGroup> group = vi.syncGroup().flatMap(g -> vrrp.syncGroups().stream()
                    .filter(sg -> sg.name().equals(g)).findFirst());
            group.ifPresent(g -> {
                ifs.addAll(g.trackInterfaces());
                scr.addAll(g.trackScripts());
                fil.addAll(g.trackFiles());
            });
            if (!vi.dontTrackPrimary()) {
                vi.interfaceName().ifPresent(name -> pt.track(interfaces.source(name), 0, false));
            }
            ifs.forEach(o -> pt.track(interfaces.source(o.name()), o.weight(), o.reverse()));
            for (TrackedObject o : scr) {
                Optional<VrrpScript> vs = vrrp.script(o.name());
                if (vs.isEmpty() || vs.get().script() == null || !runner.policy().allowed(vs.get().script())) {
                    LOG.warn("({}) track script {} is disabled or unknown - not tracked", vi.name(), o.name());
                    continue;
                }
                ScriptTracker st = t.scripts.computeIfAbsent(o.name(), n -> new ScriptTracker(vs.get(), loop, runner));
                pt.track(st.source(), o.weight(), o.reverse());
            }
            for (TrackedObject o : fil) {
                Optional<TrackFile> tf = vrrp.trackFiles().stream().filter(f -> f.name().equals(o.name())).findFirst();
                if (tf.isEmpty()) {
                    continue;
                }
                FileTracker ft = t.files.computeIfAbsent(o.name(), n -> new FileTracker(tf.get(), loop, options.filePoll()));
                pt.track(ft.source(), o.weight(), o.reverse());
            }
            for (TrackedObject o : vi.trackProcesses()) {
                Optional<TrackProcess> tp = vrrp.trackProcesses().stream().filter(p -> p.name().equals(o.name())).findFirst();
                if (tp.isEmpty()) {
                    continue;
                }
                ProcessTracker pr = t.processes.computeIfAbsent(o.name(),
                        n -> new ProcessTracker(tp.get(), loop, t.processScanner, table, options.processPoll()));
                pt.track(pr.source(), o.weight(), o.reverse());
            }
            t.trackers.put(vi.name(), pt);
        }
        return t;
    }

    public Optional<PriorityTracker> tracker(String instance) {
        return Optional.ofNullable(trackers.get(instance));
    }

    public Map<String, ScriptTracker> scripts() {
        return Map.copyOf(scripts);
    }

    public Map<String, FileTracker> files() {
        return Map.copyOf(files);
    }

    public Map<String, ProcessTracker> processes() {
        return Map.copyOf(processes);
    }

    /** Applies the initial states to the routers and starts running scripts and polling files and processes. */
    public void start() {
        if (!loop.inLoop()) {
            loop.execute(this::start);
            return;
        }
        trackers.values().forEach(PriorityTracker::attach);
        scripts.values().forEach(ScriptTracker::start);
        files.values().forEach(FileTracker::start);
        processes.values().forEach(ProcessTracker::start);
    }

    public void stop() {
        if (!loop.inLoop()) {
            loop.execute(this::stop);
            return;
        }
        scripts.values().forEach(ScriptTracker::stop);
        files.values().forEach(FileTracker::stop);
        processes.values().forEach(ProcessTracker::stop);
    }

    @Override
    public void close() {
        stop();
        processScanner.shutdownNow();
    }
}
