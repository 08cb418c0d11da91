package org.keepalived4j.snmp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.keepalived4j.management.Actor;
import org.keepalived4j.management.Command;
import org.keepalived4j.management.CommandResult;
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
import org.keepalived4j.vrrp.NewMasterReason;
import org.keepalived4j.vrrp.ProtocolErrorReason;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.VrrpStatistics;

/**
 * An in-memory management source for the SNMP tests: instances that tests change directly, commands validated with
 * the API's documented rules (priority 1..254, 255 only for the address owner), events delivered in order on one
 * dispatcher thread per subscriber. SnmpOverSimulatedLanTest runs the agent over the real service.
 */
final class FakeManagement implements ManagementApi {
    final List<InstanceSnapshot> instances = new CopyOnWriteArrayList<>();
    final List<SyncGroupSnapshot> groups = new CopyOnWriteArrayList<>();
    final List<TrackerSnapshot> trackers = new CopyOnWriteArrayList<>();
    final List<Actor> actors = new CopyOnWriteArrayList<>();
    private final List<ManagementListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ExecutorService> dispatchers = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    final Instant started = Instant.parse("2026-11-23T00:00:00Z");
    /** global_defs settings served by daemon(); null like a source without a configuration model. */
    volatile GlobalSettings globalSettings;

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static VrrpStatistics.Snapshot stats(long becomeMaster, long received) {
        return new VrrpStatistics.Snapshot(becomeMaster, 0, received, 10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                ProtocolErrorReason.NO_ERROR, NewMasterReason.PRIORITY);
    }

    static InstanceSnapshot instance(String name, int vrid, String ifName, int version, VrrpState state, int priority,
                                     boolean preempt, String primary, String... vips) {
        List<InstanceSnapshot.VirtualAddress> va = new ArrayList<>();
        for (String v : vips) {
            va.add(new InstanceSnapshot.VirtualAddress(ip(v), state == VrrpState.MASTER));
        }
        return new InstanceSnapshot(name, vrid, ifName, version, state, VrrpState.BACKUP, priority, priority, priority,
                priority == 255, preempt, 100, ip(primary), state == VrrpState.MASTER ? ip(primary) : null, 0, va,
                Instant.parse("2026-11-23T00:00:05Z"), StateChangeReason.STARTUP, 1, null, stats(1, 42),
                Instant.parse("2026-11-23T00:00:00Z"), List.of(), true);
    }

    void replace(InstanceSnapshot s) {
        for (int i = 0; i < instances.size(); i++) {
            if (instances.get(i).name().equals(s.name())) {
                instances.set(i, s);
                return;
            }
        }
        instances.add(s);
    }

    Optional<InstanceSnapshot> find(String name) {
        return instances.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    void publish(java.util.function.LongFunction<ManagementEvent> event) {
        ManagementEvent e = event.apply(sequence.incrementAndGet());
        for (int i = 0; i < listeners.size(); i++) {
            ManagementListener l = listeners.get(i);
            dispatchers.get(i).execute(() -> l.onEvent(e));
        }
    }

    @Override
    public DaemonSnapshot daemon() {
        return new DaemonSnapshot("0.1.0-test", "LAB", started, Duration.ofSeconds(5), Path.of("/etc/keepalived.conf"),
                started, 0, globalSettings);
    }

    @Override
    public List<InstanceSnapshot> instances() {
        return List.copyOf(instances);
    }

    @Override
    public Optional<InstanceSnapshot> instance(String name) {
        return find(name);
    }

    @Override
    public List<SyncGroupSnapshot> syncGroups() {
        return List.copyOf(groups);
    }

    @Override
    public List<TrackerSnapshot> trackers() {
        return List.copyOf(trackers);
    }

    @Override
    public String dumpConfiguration() {
        return "";
    }

    @Override
    public CommandResult validate(Command command) {
        Optional<InstanceSnapshot> target = find(command.target());
        if (target.isEmpty()) {
            return CommandResult.rejected(CommandResult.Status.NO_SUCH_TARGET, "no instance " + command.target());
        }
        if (command instanceof Command.SetBasePriority p) {
            boolean owner = target.get().addressOwner();
            if (p.priority() < 1 || p.priority() > 255) {
                return CommandResult.rejected(CommandResult.Status.WRONG_VALUE, "priority " + p.priority());
            }
            if ((p.priority() == 255) != owner) {
                // as VrrpManagementService: a valid number that the instance's role does not allow
                return CommandResult.rejected(CommandResult.Status.INCONSISTENT, "priority " + p.priority());
            }
            return p.priority() == target.get().basePriority() ? CommandResult.unchanged("same")
                    : CommandResult.applied("ok");
        }
        return CommandResult.applied("ok");
    }

    @Override
    public CompletableFuture<CommandResult> execute(Command command, Actor actor) {
        CommandResult r = validate(command);
        if (!r.ok() || r.status() == CommandResult.Status.UNCHANGED) {
            return CompletableFuture.completedFuture(r);
        }
        actors.add(actor);
        InstanceSnapshot s = find(command.target()).orElseThrow();
        String key;
        String old;
        String now;
        if (command instanceof Command.SetBasePriority p) {
            key = LiveOverride.PRIORITY;
            old = Integer.toString(s.basePriority());
            now = Integer.toString(p.priority());
            replace(with(s, p.priority(), s.preempt()));
        } else if (command instanceof Command.SetPreempt p) {
            key = LiveOverride.PREEMPT;
            old = Boolean.toString(s.preempt());
            now = Boolean.toString(p.preempt());
            replace(with(s, s.basePriority(), p.preempt()));
        } else {
            return CompletableFuture.completedFuture(CommandResult.rejected(CommandResult.Status.FAILED, "n/a"));
        }
        publish(seq -> new ManagementEvent.LiveSettingChanged(seq, Instant.now(), "LAB", s.name(), key, old, now,
                actor));
        return CompletableFuture.completedFuture(r);
    }

    private static InstanceSnapshot with(InstanceSnapshot s, int priority, boolean preempt) {
        return new InstanceSnapshot(s.name(), s.virtualRouterId(), s.interfaceName(), s.version(), s.state(),
                s.initialState(), s.configuredPriority(), priority, priority, s.addressOwner(), preempt,
                s.advertIntervalCentis(), s.primaryAddress(), s.masterAddress(), s.masterPriority(),
                s.virtualAddresses(), s.lastTransition(), s.lastTransitionReason(), s.transitionCount(),
                s.resignedUntil(), s.statistics(), s.statisticsDiscontinuity(), s.overrides(), s.acceptMode());
    }

    @Override
    public synchronized Subscription subscribe(ManagementListener listener) {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fake-management-events");
            t.setDaemon(true);
            return t;
        });
        listeners.add(listener);
        dispatchers.add(ex);
        return new Subscription() {
            @Override
            public long dropped() {
                return 0;
            }

            @Override
            public void close() {
                int i = listeners.indexOf(listener);
                if (i >= 0) {
                    listeners.remove(i);
                    dispatchers.remove(i).shutdownNow();
                }
            }
        };
    }
}
