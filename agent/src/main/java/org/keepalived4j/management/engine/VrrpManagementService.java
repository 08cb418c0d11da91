package org.keepalived4j.management.engine;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.Actor;
import org.keepalived4j.management.Command;
import org.keepalived4j.management.CommandResult;
import org.keepalived4j.management.CommandResult.Status;
import org.keepalived4j.management.DaemonSnapshot;
import org.keepalived4j.management.GlobalSettings;
import org.keepalived4j.management.InstanceSnapshot;
import org.keepalived4j.management.LiveOverride;
import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.management.ManagementEvent;
import org.keepalived4j.management.ManagementListener;
import org.keepalived4j.management.Subscription;
import org.keepalived4j.management.SyncGroupSnapshot;
import org.keepalived4j.management.TrackerSnapshot;
import org.keepalived4j.track.TrackSource;
import org.keepalived4j.track.VrrpTracking;
import org.keepalived4j.vrrp.CommandOutcome;
import org.keepalived4j.vrrp.RejectReason;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.sync.SyncGroupCoordinator;

/**
 * {@link ManagementApi} over the VRRP engine. The routers are (re)attached with {@link #attach} after every start and
 * reload; each attach re-applies the {@link LiveOverlay} (see its rule for file changes). Engine callbacks are turned
 * into events on the loop thread and handed to the {@link EventBus}, which delivers them on its own threads.
 */
public final class VrrpManagementService implements ManagementApi, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(VrrpManagementService.class);

    /** global_defs router_id of the configuration in force: replaced on reload, carried by every later event. */
    private volatile String routerId;
    private final String version;
    private final Path configFile;
    private final LiveOverlay overlay;
    private final Clock clock;
    private final EventBus bus;
    private final Instant started;
    private final ExecutorService stateWriter;
    private final Map<String, History> histories = new ConcurrentHashMap<>();
    private volatile Map<String, Binding> bindings = Map.of();
    /** Instance names in configuration order. */
    private volatile List<String> order = List.of();
    private volatile Runnable reloadHook;
    private volatile Supplier<String> configText = () -> "";
    private volatile Instant configLoaded;
    private volatile GlobalSettings globalSettings;
    private volatile long reloads = -1;
    private volatile VrrpTracking tracking;
    private volatile Map<String, SyncGroupCoordinator> groups = Map.of();
    /** Turns tracker changes (loop thread) into events; the bus delivers them on its own threads. */
    private final Consumer<VrrpTracking.TrackerState> trackerListener = this::publishTracker;

    /** Per instance name, kept across reloads. */
    private static final class History {
        volatile Instant lastTransition;
        volatile StateChangeReason lastReason;
        volatile long transitions;
        volatile Instant statisticsDiscontinuity;
        volatile Instant resignedUntil;
    }

    private record Binding(ManagedRouter managed, Listener listener) {
        VrrpRouter router() {
            return managed.router();
        }
    }

    public VrrpManagementService(String routerId, String version, Path configFile, LiveOverlay overlay, Clock clock,
                                 int eventQueueCapacity) {
        this.routerId = routerId;
        this.version = version;
        this.configFile = configFile;
        this.overlay = overlay;
        this.clock = clock;
        this.bus = new EventBus(eventQueueCapacity);
        this.started = clock.instant();
        this.stateWriter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "k4j-mgmt-state");
            t.setDaemon(true);
            return t;
        });
        overlay.load();
    }

    /** What {@link Command.Reload} triggers (the daemon's reload request). */
    public void reloadHook(Runnable hook) {
        this.reloadHook = hook;
    }

    /** Call after each successful (re)load, before {@link #attach}; {@code dump} renders the running configuration. */
    public void configurationLoaded(Supplier<String> dump) {
        configurationLoaded(dump, null);
    }

    /** As {@link #configurationLoaded(Supplier)}, with the global settings of the loaded configuration. */
    public void configurationLoaded(Supplier<String> dump, GlobalSettings global) {
        configurationLoaded(dump, global, null);
    }

    /**
     * As {@link #configurationLoaded(Supplier, GlobalSettings)}, with the loaded configuration's router_id (null: keep
     * the current one). The Daemon snapshot and the events published from now on carry it.
     */
    public void configurationLoaded(Supplier<String> dump, GlobalSettings global, String routerId) {
        if (routerId != null && !routerId.equals(this.routerId)) {
            LOG.info("router_id changed from {} to {}", this.routerId, routerId);
            this.routerId = routerId;
        }
        this.globalSettings = global;
        this.configText = dump;
        this.configLoaded = clock.instant();
        this.reloads++;
    }

    /**
     * Takes over the routers of a (re)loaded configuration: listens to them, and re-applies the live overlay
     * (dropping entries whose file value changed, and entries of instances that are gone).
     */
    public synchronized void attach(List<ManagedRouter> routers) {
        attach(routers, null, Map.of());
    }

    /**
     * As {@link #attach(List)}, with the engine's tracking (null: none) and running sync groups by name, whose
     * states then come from the engine rather than being derived from the members.
     */
    public synchronized void attach(List<ManagedRouter> routers, VrrpTracking tracking,
                                    Map<String, SyncGroupCoordinator> syncGroups) {
        VrrpTracking oldTracking = this.tracking;
        if (oldTracking != null && oldTracking != tracking) {
            oldTracking.removeChangeListener(trackerListener);
        }
        if (tracking != null && tracking != oldTracking) {
            tracking.addChangeListener(trackerListener);
        }
        this.tracking = tracking;
        this.groups = Map.copyOf(syncGroups);
        for (Binding old : bindings.values()) {
            old.router().removeListener(old.listener());
        }
        Map<String, Binding> fresh = new LinkedHashMap<>();
        for (ManagedRouter m : routers) {
            Listener l = new Listener(m);
            histories.computeIfAbsent(m.router().name(), n -> {
                History h = new History();
                h.statisticsDiscontinuity = clock.instant();
                return h;
            });
            m.router().addListener(l);
            fresh.put(m.router().name(), new Binding(m, l));
        }
        bindings = Map.copyOf(fresh);
        this.order = List.copyOf(fresh.keySet());
        for (LiveOverride gone : overlay.retainInstances(fresh.keySet())) {
            publishLive(gone.instance(), gone.key(), gone.value(), null, Actor.system());
        }
        for (ManagedRouter m : routers) {
            reapply(m.router());
        }
        saveStateAsync();
        Instant t = clock.instant();
        List<String> names = order;
        bus.publish(seq -> new ManagementEvent.ConfigurationLoaded(seq, t, routerId, String.valueOf(configFile), names));
    }

    private void reapply(VrrpRouter router) {
        VrrpRouterSettings file = router.settings();
        String name = router.name();
        String filePriority = String.valueOf(file.priority());
        String filePreempt = String.valueOf(file.preempt());
        Optional<LiveOverride> before = overlay.get(name, LiveOverride.PRIORITY);
        Optional<LiveOverride> prio = overlay.reconcile(name, LiveOverride.PRIORITY, filePriority);
        if (before.isPresent() && prio.isEmpty()) {
            publishLive(name, LiveOverride.PRIORITY, before.get().value(), null, Actor.system());
        }
        Optional<LiveOverride> preemptBefore = overlay.get(name, LiveOverride.PREEMPT);
        Optional<LiveOverride> preempt = overlay.reconcile(name, LiveOverride.PREEMPT, filePreempt);
        if (preemptBefore.isPresent() && preempt.isEmpty()) {
            publishLive(name, LiveOverride.PREEMPT, preemptBefore.get().value(), null, Actor.system());
        }
        int wantPriority = file.priority();
        if (prio.isPresent()) {
            try {
                wantPriority = Integer.parseInt(prio.get().value());
            } catch (NumberFormatException e) {
                LOG.warn("({}) dropping unreadable live priority '{}'", name, prio.get().value());
                overlay.remove(name, LiveOverride.PRIORITY);
                prio = Optional.empty();
            }
        }
        boolean wantPreempt = preempt.map(o -> Boolean.parseBoolean(o.value())).orElse(file.preempt());
        int priority = wantPriority;
        String prioritySource = prio.isPresent() ? "overlay (live value)" : "configuration file";
        String preemptSource = preempt.isPresent() ? "overlay (live value)" : "configuration file";
        router.setBasePriority(priority).thenAccept(o -> logReapplied(name, "priority", priority, prioritySource, o));
        router.setPreempt(wantPreempt).thenAccept(o -> logReapplied(name, "preempt", wantPreempt, preemptSource, o));
    }

    private void logReapplied(String name, String key, Object value, String source, CommandOutcome o) {
        if (o.kind() == CommandOutcome.Kind.APPLIED) {
            LOG.info("({}) {} {} applied from the {}: {}", name, key, value, source, o.message());
        } else if (o.kind() == CommandOutcome.Kind.REJECTED) {
            LOG.warn("({}) {} {} from the {} cannot be applied: {}", name, key, value, source, o.message());
            if (overlay.remove(name, key).isPresent()) {
                saveStateAsync();
            }
        }
    }

    // ---------------------------------------------------------------- queries

    @Override
    public DaemonSnapshot daemon() {
        Instant now = clock.instant();
        return new DaemonSnapshot(version, routerId, started, Duration.between(started, now), configFile,
                configLoaded, Math.max(0, reloads), globalSettings);
    }

    @Override
    public List<InstanceSnapshot> instances() {
        Map<String, Binding> b = bindings;
        List<InstanceSnapshot> out = new ArrayList<>(b.size());
        for (String name : order) {
            Binding binding = b.get(name);
            if (binding != null) {
                out.add(snapshot(binding));
            }
        }
        return out;
    }

    @Override
    public Optional<InstanceSnapshot> instance(String name) {
        Binding b = bindings.get(name);
        return b == null ? Optional.empty() : Optional.of(snapshot(b));
    }

    private InstanceSnapshot snapshot(Binding b) {
        VrrpRouter r = b.router();
        VrrpRouterSettings s = r.settings();
        History h = histories.get(r.name());
        VrrpState state = r.state();
        // The engine installs the VIPs exactly while MASTER.
        boolean installed = state == VrrpState.MASTER;
        List<InstanceSnapshot.VirtualAddress> vips = s.virtualAddresses().stream()
                .map(a -> new InstanceSnapshot.VirtualAddress(a, installed)).toList();
        return new InstanceSnapshot(r.name(), s.virtualRouterId(), b.managed().interfaceName(), s.version(), state,
                s.initialState(), s.priority(), r.basePriority(), r.effectivePriority(), s.isAddressOwner(),
                r.preempt(), s.advertIntervalCentis(), s.primaryAddress(), r.masterAddress(), r.masterPriority(), vips,
                h.lastTransition, h.lastReason, h.transitions, r.resigned() ? h.resignedUntil : null, r.statistics(),
                h.statisticsDiscontinuity, overlay.forInstance(r.name()), s.acceptMode(), tracked(r.name()),
                b.managed().settings());
    }

    private List<InstanceSnapshot.Tracked> tracked(String instance) {
        VrrpTracking t = tracking;
        if (t == null) {
            return List.of();
        }
        List<VrrpTracking.InstanceTrack> tracks = t.instanceTracks(instance);
        if (tracks.isEmpty()) {
            return List.of();
        }
        Map<String, Boolean> up = new java.util.HashMap<>();
        for (VrrpTracking.TrackerState st : t.states()) {
            up.put(st.kind() + " " + st.name(), st.up());
        }
        return tracks.stream().map(k -> new InstanceSnapshot.Tracked(kind(k.kind()), k.name(), k.weight(),
                k.reverse(), up.getOrDefault(k.kind() + " " + k.name(), false))).toList();
    }

    private static TrackerSnapshot.Kind kind(TrackSource.Kind kind) {
        return switch (kind) {
            case SCRIPT -> TrackerSnapshot.Kind.SCRIPT;
            case FILE -> TrackerSnapshot.Kind.FILE;
            case PROCESS -> TrackerSnapshot.Kind.PROCESS;
            case INTERFACE -> TrackerSnapshot.Kind.INTERFACE;
        };
    }

    private static TrackerSnapshot snapshot(VrrpTracking.TrackerState s) {
        return new TrackerSnapshot(kind(s.kind()), s.name(), s.up(), s.value(), s.weight(), s.instances(),
                s.lastChange());
    }

    /** Loop thread: only numbers and queues the event. */
    private void publishTracker(VrrpTracking.TrackerState s) {
        Instant t = clock.instant();
        bus.publish(seq -> new ManagementEvent.TrackerChanged(seq, t, routerId, s.name(), kind(s.kind()), s.up(),
                s.value()));
    }

    @Override
    public List<SyncGroupSnapshot> syncGroups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String name : order) {
            Binding b = bindings.get(name);
            if (b != null && b.managed().syncGroup() != null) {
                groups.computeIfAbsent(b.managed().syncGroup(), g -> new ArrayList<>()).add(name);
            }
        }
        List<SyncGroupSnapshot> out = new ArrayList<>();
        Map<String, SyncGroupCoordinator> running = this.groups;
        groups.forEach((g, members) -> {
            SyncGroupCoordinator c = running.get(g);
            out.add(new SyncGroupSnapshot(g, members, c != null ? c.state() : groupState(members)));
        });
        return out;
    }

    /** Without the engine's coordinator: MASTER if all members are, FAULT if any is, else BACKUP. */
    private VrrpState groupState(List<String> members) {
        List<VrrpState> states = members.stream().map(m -> bindings.get(m).router().state()).toList();
        if (states.contains(VrrpState.FAULT)) {
            return VrrpState.FAULT;
        }
        return states.stream().allMatch(s -> s == VrrpState.MASTER) ? VrrpState.MASTER : VrrpState.BACKUP;
    }

    @Override
    public List<TrackerSnapshot> trackers() {
        VrrpTracking t = tracking;
        return t == null ? List.of() : t.states().stream().map(VrrpManagementService::snapshot).toList();
    }

    @Override
    public String dumpConfiguration() {
        return configText.get();
    }

    // ---------------------------------------------------------------- commands

    @Override
    public CommandResult validate(Command command) {
        if (command instanceof Command.Reload) {
            return reloadHook == null ? CommandResult.rejected(Status.FAILED, "reload is not available")
                    : CommandResult.applied("reload possible");
        }
        Binding b = bindings.get(command.target());
        if (b == null) {
            return CommandResult.rejected(Status.NO_SUCH_TARGET, "no vrrp_instance named '" + command.target() + "'");
        }
        VrrpRouter r = b.router();
        String tag = "(" + r.name() + ") ";
        if (command instanceof Command.SetBasePriority p) {
            int v = p.priority();
            if (v < 1 || v > 255) {
                return CommandResult.rejected(Status.WRONG_VALUE, tag + "priority must be 1..254 (255 only for the "
                        + "address owner), got " + v);
            }
            if (r.settings().isAddressOwner() && v != 255) {
                return CommandResult.rejected(Status.INCONSISTENT, tag + "is the address owner (priority 255); its "
                        + "priority cannot be changed to " + v);
            }
            if (!r.settings().isAddressOwner() && v == 255) {
                return CommandResult.rejected(Status.INCONSISTENT, tag + "priority 255 is only for the address owner "
                        + "(configured priority 255); use 1..254");
            }
        } else if (command instanceof Command.Resign res) {
            if (res.seconds() < 1 || res.seconds() > 86400) {
                return CommandResult.rejected(Status.WRONG_VALUE, tag + "resign time must be 1..86400 s, got "
                        + res.seconds());
            }
            if (r.state() != VrrpState.MASTER && r.state() != VrrpState.BACKUP) {
                return CommandResult.rejected(Status.INCONSISTENT, tag + "is " + r.state()
                        + "; only MASTER or BACKUP can resign");
            }
        } else if (command instanceof Command.SendGarp) {
            if (r.state() != VrrpState.MASTER) {
                return CommandResult.rejected(Status.INCONSISTENT, tag + "is " + r.state()
                        + "; only the MASTER announces the VIPs");
            }
        }
        return CommandResult.applied("valid");
    }

    @Override
    public CompletableFuture<CommandResult> execute(Command command, Actor actor) {
        CommandResult check = validate(command);
        if (!check.ok()) {
            LOG.warn("{} by {} refused: {}", command, actor, check.message());
            return CompletableFuture.completedFuture(check);
        }
        if (command instanceof Command.Reload) {
            LOG.info("Reload requested by {}", actor);
            reloadHook.run();
            return CompletableFuture.completedFuture(CommandResult.applied("reload requested"));
        }
        VrrpRouter r = bindings.get(command.target()).router();
        String name = r.name();
        CompletableFuture<CommandOutcome> outcome;
        if (command instanceof Command.SetBasePriority p) {
            outcome = r.setBasePriority(p.priority()).thenApply(o -> {
                if (o.accepted()) {
                    remember(name, LiveOverride.PRIORITY, String.valueOf(p.priority()),
                            String.valueOf(r.settings().priority()), actor);
                }
                return o;
            });
        } else if (command instanceof Command.SetPreempt p) {
            outcome = r.setPreempt(p.preempt()).thenApply(o -> {
                if (o.accepted()) {
                    remember(name, LiveOverride.PREEMPT, String.valueOf(p.preempt()),
                            String.valueOf(r.settings().preempt()), actor);
                }
                return o;
            });
        } else if (command instanceof Command.Resign res) {
            Instant until = clock.instant().plusSeconds(res.seconds());
            outcome = r.resign(Duration.ofSeconds(res.seconds())).thenApply(o -> {
                if (o.accepted()) {
                    histories.get(name).resignedUntil = until;
                }
                return o;
            });
        } else if (command instanceof Command.SendGarp) {
            outcome = r.sendGarp();
        } else if (command instanceof Command.ResetStatistics) {
            outcome = r.resetStatistics().thenApply(o -> {
                histories.get(name).statisticsDiscontinuity = clock.instant();
                return o;
            });
        } else {
            return CompletableFuture.completedFuture(
                    CommandResult.rejected(Status.FAILED, "unsupported command " + command));
        }
        return outcome.thenApply(o -> {
            CommandResult result = switch (o.kind()) {
                case APPLIED -> CommandResult.applied(o.message());
                case UNCHANGED -> CommandResult.unchanged(o.message());
                case REJECTED -> CommandResult.rejected(Status.INCONSISTENT, o.message());
            };
            if (result.ok()) {
                LOG.info("{} [by {}]", o.message(), actor);
            } else {
                LOG.warn("{} by {} refused: {}", command, actor, o.message());
            }
            return result;
        });
    }

    /** Runs on the loop thread: memory only; the state file is written by another thread. */
    private void remember(String instance, String key, String value, String fileValue, Actor actor) {
        Optional<LiveOverride> old = overlay.get(instance, key);
        String oldValue = old.map(LiveOverride::value).orElse(fileValue);
        overlay.put(new LiveOverride(instance, key, value, fileValue, actor, clock.instant()));
        if (!oldValue.equals(value)) {
            publishLive(instance, key, oldValue, value, actor);
        }
        saveStateAsync();
    }

    private void publishLive(String instance, String key, String oldValue, String newValue, Actor actor) {
        Instant t = clock.instant();
        bus.publish(seq -> new ManagementEvent.LiveSettingChanged(seq, t, routerId, instance, key, oldValue, newValue,
                actor));
    }

    private void saveStateAsync() {
        if (!stateWriter.isShutdown()) {
            stateWriter.execute(overlay::save);
        }
    }

    /** Sequence number of the last event published so far (tests, diagnostics). */
    /** Waits, bounded, until every subscriber has received the events published so far (see EventBus). */
    public boolean awaitEventsDelivered(java.time.Duration timeout) throws InterruptedException {
        return bus.awaitDelivered(timeout);
    }

    public long lastEventSequence() {
        return bus.lastSequence();
    }

    @Override
    public Subscription subscribe(ManagementListener listener) {
        return bus.subscribe(listener);
    }

    /** Detaches from the routers, writes pending state and stops the event dispatchers. */
    @Override
    public synchronized void close() {
        for (Binding b : bindings.values()) {
            b.router().removeListener(b.listener());
        }
        bindings = Map.of();
        VrrpTracking t = tracking;
        if (t != null) {
            t.removeChangeListener(trackerListener);
        }
        stateWriter.shutdown();
        try {
            stateWriter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bus.close();
    }

    // ---------------------------------------------------------------- engine callbacks (loop thread)

    private final class Listener implements VrrpEventListener {
        private final ManagedRouter managed;

        Listener(ManagedRouter managed) {
            this.managed = managed;
        }

        @Override
        public void stateChanged(VrrpRouter r, VrrpState from, VrrpState to, StateChangeReason reason) {
            Instant t = clock.instant();
            History h = histories.get(r.name());
            h.lastTransition = t;
            h.lastReason = reason;
            long count = ++h.transitions;
            bus.publish(seq -> new ManagementEvent.StateChanged(seq, t, routerId, r.name(),
                    r.settings().virtualRouterId(), from, to, reason, r.settings().initialState(),
                    r.effectivePriority(), count));
        }

        @Override
        public void newMaster(VrrpRouter r, InetAddress master, int priority) {
            Instant t = clock.instant();
            boolean self = master.equals(r.settings().primaryAddress()) && r.state() == VrrpState.MASTER;
            bus.publish(seq -> new ManagementEvent.NewMaster(seq, t, routerId, r.name(),
                    r.settings().virtualRouterId(), master, priority, self));
        }

        @Override
        public void effectivePriorityChanged(VrrpRouter r, int oldPriority, int newPriority) {
            Instant t = clock.instant();
            bus.publish(seq -> new ManagementEvent.EffectivePriorityChanged(seq, t, routerId, r.name(),
                    r.settings().virtualRouterId(), oldPriority, newPriority, r.basePriority(), r.state()));
        }

        @Override
        public void advertRejected(VrrpRouter r, RejectReason reason, InetAddress source) {
            Instant t = clock.instant();
            bus.publish(seq -> new ManagementEvent.ProtocolError(seq, t, routerId, r.name(),
                    r.settings().virtualRouterId(), reason, reason.authErrorType(), source));
        }

        @Override
        public String toString() {
            return "management listener of " + managed.router().name();
        }
    }
}
