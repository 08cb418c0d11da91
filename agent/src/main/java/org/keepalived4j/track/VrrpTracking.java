package org.keepalived4j.track;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
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
 *
 * <p>Read-only view for the management layer (any thread): {@link #states()}, {@link #instanceTracks} and
 * {@link #addChangeListener}; the tracked objects listed there are the configured ones (vrrp_script, track_file,
 * vrrp_track_process and track_interface entries), not the implicit weight-0 tracking of an instance's own interface.
 */
public final class VrrpTracking implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(VrrpTracking.class);

    /**
     * Poll intervals of the objects keepalived watches by events: processes (keepalived: proc connector), and files
     * when {@code watchFiles} is off or inotify cannot watch their directory.
     */
    public record Options(Duration filePoll, Duration processPoll, boolean watchFiles) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(1), Duration.ofSeconds(1), true);

        public Options(Duration filePoll, Duration processPoll) {
            this(filePoll, processPoll, true);
        }
    }

    private final EventLoop loop;
    private final Map<String, PriorityTracker> trackers = new LinkedHashMap<>();
    private final Map<String, ScriptTracker> scripts = new LinkedHashMap<>();
    private final Map<String, FileTracker> files = new LinkedHashMap<>();
    private final Map<String, ProcessTracker> processes = new LinkedHashMap<>();
    private final ExecutorService processScanner;
    /** inotify for track_file, started with the first one (empty: none, or inotify unavailable). */
    private Optional<FileWatcher> fileWatcher;
    /** One per configured tracked object, in configuration order; filled by build, then frozen into {@link #view}. */
    private final Map<String, ViewEntry> building = new LinkedHashMap<>();
    private final Map<String, List<InstanceTrack>> instanceBuilding = new LinkedHashMap<>();
    private volatile List<ViewEntry> view = List.of();
    private volatile Map<String, List<InstanceTrack>> instanceView = Map.of();
    private final List<Consumer<TrackerState>> changeListeners = new CopyOnWriteArrayList<>();
    private volatile Clock clock = Clock.systemUTC();

    /**
     * One tracked object at one moment (immutable).
     *
     * @param status INIT only for a vrrp_script that has not returned yet; a track_file is always UP
     * @param up healthy: status UP for scripts, processes and interfaces; for a track_file, its value does not put
     *     an instance into FAULT at the file's configured weight
     * @param value track_file: the number read; vrrp_script: last exit status (-1 timed out); process: matching
     *     processes at the last scan; interface: 0
     * @param weight the object's configured weight (vrrp_script / track_file / vrrp_track_process); 0 for interfaces
     * @param instances the instances tracking it (directly or through their sync group)
     * @param lastChange last change seen while running; null if none yet
     */
    public record TrackerState(TrackSource.Kind kind, String name, TrackSource.Status status, boolean up, long value,
                               int weight, List<String> instances, Instant lastChange) {
        public TrackerState {
            instances = List.copyOf(instances);
        }
    }

    /** One object one instance tracks, with the weight and direction that instance (or its group) gave it. */
    public record InstanceTrack(TrackSource.Kind kind, String name, int weight, boolean reverse) {}

    private final class ViewEntry {
        final TrackSource source;
        final int weight;
        final boolean weightReverse;
        final LongSupplier value;
        final List<String> instances = new ArrayList<>();
        volatile Instant lastChange;

        ViewEntry(TrackSource source, int weight, boolean weightReverse, LongSupplier value) {
            this.source = source;
            this.weight = weight;
            this.weightReverse = weightReverse;
            this.value = value;
        }

        TrackerState state() {
            TrackSource.Status status = source.status();
            boolean up = source.isFile() ? !TrackWeight.of(source, weight, weightReverse).fault()
                    : status == TrackSource.Status.UP;
            return new TrackerState(source.kind(), source.name(), status, up, value.getAsLong(), weight, instances,
                    lastChange);
        }

        /** Loop thread, after the routers' trackers have recomputed (their listeners were added first). */
        void changed() {
            lastChange = clock.instant();
            TrackerState s = state();
            for (Consumer<TrackerState> l : changeListeners) {
                try {
                    l.accept(s);
                } catch (RuntimeException e) {
                    LOG.error("tracker change listener failed on {}: {}", s.name(), e.toString(), e);
                }
            }
        }
    }

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
            for (TrackedObject o : ifs) {
                TrackSource src = interfaces.source(o.name());
                pt.track(src, o.weight(), o.reverse());
                t.viewed(vi.name(), src, o, 0, false, () -> 0);
            }
            for (TrackedObject o : scr) {
                Optional<VrrpScript> vs = vrrp.script(o.name());
                if (vs.isEmpty() || vs.get().script() == null || !runner.policy().allowed(vs.get().script())) {
                    LOG.warn("({}) track script {} is disabled or unknown - not tracked", vi.name(), o.name());
                    continue;
                }
                ScriptTracker st = t.scripts.computeIfAbsent(o.name(), n -> new ScriptTracker(vs.get(), loop, runner));
                pt.track(st.source(), o.weight(), o.reverse());
                t.viewed(vi.name(), st.source(), o, vs.get().weight(), vs.get().weightReverse(), st::lastExit);
            }
            for (TrackedObject o : fil) {
                Optional<TrackFile> tf = vrrp.trackFiles().stream().filter(f -> f.name().equals(o.name())).findFirst();
                if (tf.isEmpty()) {
                    continue;
                }
                if (t.fileWatcher == null) {
                    t.fileWatcher = options.watchFiles() ? startFileWatcher() : Optional.empty();
                }
                FileTracker ft = t.files.computeIfAbsent(o.name(),
                        n -> new FileTracker(tf.get(), loop, options.filePoll(), t.fileWatcher));
                pt.track(ft.source(), o.weight(), o.reverse());
                t.viewed(vi.name(), ft.source(), o, tf.get().weight(), tf.get().weightReverse(), ft.source()::value);
            }
            for (TrackedObject o : vi.trackProcesses()) {
                Optional<TrackProcess> tp = vrrp.trackProcesses().stream().filter(p -> p.name().equals(o.name())).findFirst();
                if (tp.isEmpty()) {
                    continue;
                }
                ProcessTracker pr = t.processes.computeIfAbsent(o.name(),
                        n -> new ProcessTracker(tp.get(), loop, t.processScanner, table, options.processPoll()));
                pt.track(pr.source(), o.weight(), o.reverse());
                t.viewed(vi.name(), pr.source(), o, tp.get().weight(), tp.get().weightReverse(),
                        () -> Math.max(0, pr.lastCount()));
            }
            t.trackers.put(vi.name(), pt);
        }
        t.freezeView();
        return t;
    }

    private static Optional<FileWatcher> startFileWatcher() {
        try {
            return Optional.of(FileWatcher.start());
        } catch (org.keepalived4j.sys.NativeCallException e) {
            LOG.warn("track_file: inotify unavailable ({}) - polling the files instead", e.getMessage());
            return Optional.empty();
        }
    }

    /** Build: records that {@code instance} tracks {@code source} (one view entry per object, listener added once). */
    private void viewed(String instance, TrackSource source, TrackedObject o, int weight, boolean weightReverse,
                        LongSupplier value) {
        String key = source.kind() + " " + source.name();
        ViewEntry e = building.computeIfAbsent(key, k -> new ViewEntry(source, weight, weightReverse, value));
        if (!e.instances.contains(instance)) {
            e.instances.add(instance);
        }
        instanceBuilding.computeIfAbsent(instance, n -> new ArrayList<>())
                .add(new InstanceTrack(source.kind(), source.name(), o.weight(), o.reverse()));
    }

    /**
     * Build, last step: the change listeners go after every PriorityTracker's, so a reported change has already
     * moved the routers' priorities.
     */
    private void freezeView() {
        for (ViewEntry e : building.values()) {
            e.source.addListener(e::changed);
        }
        Map<String, List<InstanceTrack>> perInstance = new LinkedHashMap<>();
        instanceBuilding.forEach((k, v) -> perInstance.put(k, List.copyOf(v)));
        instanceView = java.util.Collections.unmodifiableMap(perInstance);
        view = List.copyOf(building.values());
    }

    /** The configured tracked objects now, in configuration order (any thread). */
    public List<TrackerState> states() {
        return view.stream().map(ViewEntry::state).toList();
    }

    /** What {@code instance} tracks, with its own weights (any thread; empty if nothing or unknown). */
    public List<InstanceTrack> instanceTracks(String instance) {
        return instanceView.getOrDefault(instance, List.of());
    }

    /**
     * {@code listener} runs on the loop thread after every change of a configured tracked object (status, or a
     * track_file's value); it must not block (hand the state to a queue).
     */
    public void addChangeListener(Consumer<TrackerState> listener) {
        changeListeners.add(listener);
    }

    public void removeChangeListener(Consumer<TrackerState> listener) {
        changeListeners.remove(listener);
    }

    /** The clock that stamps {@link TrackerState#lastChange} (virtual time in tests). */
    public VrrpTracking clock(Clock clock) {
        this.clock = clock;
        return this;
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
        if (fileWatcher != null) {
            fileWatcher.ifPresent(FileWatcher::close);
        }
    }
}
