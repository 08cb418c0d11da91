package org.keepalived4j.vrrp.runtime;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.vrrp.SyncGroup;
import org.keepalived4j.notify.ScriptPolicy;
import org.keepalived4j.notify.ScriptRunner;
import org.keepalived4j.notify.VrrpNotifications;
import org.keepalived4j.track.PriorityTracker;
import org.keepalived4j.track.TrackTarget;
import org.keepalived4j.track.VrrpTracking;
import org.keepalived4j.codec.netlink.Macs;
import org.keepalived4j.sys.Interfaces;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.RawIpSocket;
import org.keepalived4j.sys.Rtnl;
import org.keepalived4j.vrrp.AddressFamily;
import org.keepalived4j.vrrp.AdvertSender;
import org.keepalived4j.vrrp.AuthType;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.ForwardingVrrpListener;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.VirtualAddressActions;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.loop.ThreadEventLoop;
import org.keepalived4j.vrrp.net.AdvertChannel;
import org.keepalived4j.vrrp.net.AnnouncePacer;
import org.keepalived4j.vrrp.net.KernelRoutes;
import org.keepalived4j.vrrp.net.KernelWorker;
import org.keepalived4j.vrrp.net.LinkWatcher;
import org.keepalived4j.vrrp.net.NetlinkAddressActions;
import org.keepalived4j.vrrp.net.Vmac;
import org.keepalived4j.vrrp.sync.ListenerChain;
import org.keepalived4j.vrrp.sync.SyncGroupCoordinator;

/**
 * A running set of VRRP instances on real sockets: one event loop, one kernel worker, one advert channel per
 * (interface, family, multicast group / unicast), one router per instance, one link watcher. Everything is opened
 * by {@link #start} on the calling thread, whose network namespace it all then lives in (threads started here
 * inherit it).
 * <p>
 * Given the configuration model it also runs the instances' tracking (vrrp_script, track_interface, track_file,
 * vrrp_track_process), notifications (notify scripts, FIFOs, SMTP) and sync groups: each router reports to
 * {@code ListenerChain(own listener, notifier, its group's coordinator)}; trackers and link faults of group members
 * go through the coordinator; routers start once their tracker has its initial state.
 * <p>
 * {@link #reload} applies a new configuration per instance, as keepalived 2.2.7's reload does (see there).
 */
public final class VrrpRuntime implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(VrrpRuntime.class);
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final ThreadEventLoop loop;
    /** vrrp_garp_interval / vrrp_gna_interval, shared by all instances (per interface). */
    private final AnnouncePacer pacer;
    private final KernelWorker worker;
    private final Rtnl rtnl;
    /** The own listener of every router (the subsystem's), ahead of routes, notifier and sync group. */
    private final VrrpEventListener ownListener;
    private final Map<String, AdvertChannel> channels = new LinkedHashMap<>();
    /** VMACs this runtime created (name to ifindex); the kernel worker deletes those of stopped instances. */
    private final Map<String, Integer> vmacs = new java.util.concurrent.ConcurrentHashMap<>();
    /** The running instances by name, in configuration order; changed only under this object's lock. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private volatile List<VrrpInstanceSpec> specs;
    private volatile KeepalivedConfig config;
    private volatile List<VrrpRouter> routerView = List.of();
    private Map<String, KernelRoutes> instanceRoutes = new LinkedHashMap<>();
    private KernelRoutes staticRoutes;
    private volatile Map<String, SyncGroupCoordinator> coordinators = Map.of();
    private Map<String, SyncGroupCoordinator> groupOf = Map.of();
    private ScriptRunner runner;
    private VrrpNotifications notifications;
    private volatile VrrpTracking tracking;
    private LinkWatcher watcher;
    private boolean closed;

    /** Bounds of the script runner: concurrently running scripts and queued runs. */
    private static final int SCRIPTS_CONCURRENT = 8;
    private static final int SCRIPTS_QUEUED = 256;
    /** How long queued notify scripts (STOP) may still run at a graceful stop. */
    private static final java.time.Duration SCRIPT_DRAIN = java.time.Duration.ofSeconds(3);
    private boolean crashed;

    /**
     * One running instance and its kernel side.
     *
     * @param sendSocket the VMAC send socket (use_vmac, IPv4), else null
     * @param vmacName the macvlan this instance created, else null
     */
    private record Member(VrrpInstanceSpec spec, VrrpRouter router, DeferredListener chain,
                          NetlinkAddressActions actions, AdvertChannel channel, int ifIndex, RawIpSocket sendSocket,
                          int sendIfIndex, String vmacName) {
        String name() {
            return spec.settings().instanceName();
        }
    }

    private VrrpRuntime(List<VrrpInstanceSpec> specs, KeepalivedConfig config, Rtnl rtnl, VrrpEventListener listener) {
        this.specs = List.copyOf(specs);
        this.config = config;
        this.rtnl = rtnl;
        this.ownListener = listener;
        this.worker = new KernelWorker("vrrp-kernel");
        this.loop = new ThreadEventLoop("vrrp");
        this.pacer = config == null ? AnnouncePacer.none(loop) : new AnnouncePacer(loop,
                config.global().vrrp().garpInterval(), config.global().vrrp().gnaInterval());
    }

    /** Opens everything in the calling thread's network namespace and starts the routers (no tracking, no notify). */
    public static VrrpRuntime start(List<VrrpInstanceSpec> specs, VrrpEventListener listener)
            throws VrrpStartException {
        return start(specs, null, listener);
    }

    /**
     * As {@link #start(List, VrrpEventListener)}, with the tracking, notifications and sync groups of {@code config}
     * (null: none). {@code specs} are the instances of {@code config} as the mapper resolved them.
     */
    public static VrrpRuntime start(List<VrrpInstanceSpec> specs, KeepalivedConfig config, VrrpEventListener listener)
            throws VrrpStartException {
        Rtnl rtnl;
        try {
            rtnl = Rtnl.open();
        } catch (NativeCallException e) {
            throw new VrrpStartException("cannot open rtnetlink: " + e.getMessage());
        }
        VrrpRuntime runtime = new VrrpRuntime(specs, config, rtnl, listener);
        try {
            runtime.build();
            runtime.wire(null);
            runtime.attachChains();
        } catch (VrrpStartException e) {
            runtime.crash();
            throw e;
        } catch (RuntimeException e) {
            runtime.crash();
            throw new VrrpStartException("VRRP start failed: " + e);
        }
        TakeoverWarmup.run(runtime.specs);
        runtime.loop.start();
        runtime.channels.values().forEach(AdvertChannel::start);
        runtime.watcher.start();
        runtime.installStatic(runtime.config, true);
        runtime.startTracking();
        runtime.coordinators.values().forEach(c -> runtime.loop.execute(c::announceStart));
        runtime.joinGroupsAndStartRouters();
        return runtime;
    }

    /**
     * The last step: joins the multicast groups (see {@link AdvertChannel#joinGroup}) and starts the routers in one
     * task on the loop thread, so the down timers start right after the join with no thread hand-off in between
     * (in a fresh JVM that hand-off took 1-4 ms, all of it added to the preempt-back). A failed join stops the
     * start-up.
     */
    private void joinGroupsAndStartRouters() throws VrrpStartException {
        String[] failure = new String[1];
        awaitLoop(() -> {
            for (AdvertChannel channel : channels.values()) {
                try {
                    channel.joinGroup();
                } catch (NativeCallException e) {
                    failure[0] = "cannot join the VRRP multicast group on " + channel.ifName() + ": " + e.getMessage();
                    return;
                }
            }
            startRouters(routerView);
        });
        if (failure[0] != null) {
            crash();
            throw new VrrpStartException(failure[0]);
        }
    }

    /** Applies the trackers' initial states to the routers and starts running scripts, polls. */
    private void startTracking() {
        if (tracking != null) {
            tracking.start();
        }
    }

    /**
     * keepalived's order: trackers get their initial state, groups announce theirs, then each router starts once
     * its tracker is initialised (a weight-0 script keeps it in INIT until its first result). All on the loop.
     */
    private void startRouters(List<VrrpRouter> routers) {
        for (VrrpRouter router : routers) {
            if (tracking == null) {
                router.start();
            } else {
                tracking.tracker(router.name()).ifPresentOrElse(t -> t.whenInitialised(router::start), router::start);
            }
        }
    }

    /** Where the faults and weights of one instance go: its group's member handle, or the router itself. */
    private TrackTarget targetOf(String instance) {
        SyncGroupCoordinator group = groupOf.get(instance);
        if (group != null) {
            return group.member(instance);
        }
        Member m = members.get(instance);
        return m != null ? TrackTarget.of(m.router()) : new UnmappedInstance(instance);
    }

    /** An instance of the model the mapper left out: its trackers have nothing to drive. */
    private record UnmappedInstance(String name) implements TrackTarget {
        @Override
        public void setPriorityAdjustment(int adjustment) {
        }

        @Override
        public void setFault(String source, boolean faulty) {
        }
    }

    /**
     * Builds what {@code config} adds around the routers: script runner, notifications, sync groups, virtual and
     * static routes, link watches and tracking; then points each router's listener at its chain. At a reload the
     * previous ones are still running until {@link #reload} swaps them; {@code previous} is then the tracking whose
     * script results and raised faults the new one takes over (null at start).
     */
    private void wire(VrrpTracking previous) {
        if (config == null) {
            for (Member m : members.values()) {
                watcher.unwatch(m.name()); // reload: a kept router is watched once
                if (m.spec().trackInterface()) {
                    watcher.watch(m.router(), m.spec().interfaceName(), m.ifIndex(), m.spec().watchedAddress());
                }
            }
            return;
        }
        runner = new ScriptRunner(ScriptPolicy.fromModel(config, HostEnvironment.system()), SCRIPTS_CONCURRENT,
                SCRIPTS_QUEUED);
        notifications = VrrpNotifications.build(config, runner, hostName(), VrrpNotifications.Options.DEFAULT);
        Map<String, SyncGroupCoordinator> groups = new LinkedHashMap<>();
        Map<String, SyncGroupCoordinator> memberOf = new LinkedHashMap<>();
        for (SyncGroup g : config.vrrp().syncGroups()) {
            List<VrrpRouter> inGroup = members.values().stream().map(Member::router)
                    .filter(r -> g.members().contains(r.name())).toList();
            if (inGroup.isEmpty()) {
                continue;
            }
            SyncGroupCoordinator c = new SyncGroupCoordinator(g.name(), loop, inGroup, notifications.notifier());
            groups.put(g.name(), c);
            inGroup.forEach(r -> memberOf.put(r.name(), c));
        }
        coordinators = groups;
        groupOf = memberOf;
        Map<String, KernelRoutes> routes = new LinkedHashMap<>();
        for (Member m : members.values()) {
            config.vrrp().instances().stream().filter(vi -> vi.name().equals(m.name())).findFirst()
                    .map(vi -> new KernelRoutes("(" + m.name() + ")", rtnl, worker, vi.virtualRoutes(),
                            vi.virtualRules(), m.spec().interfaceName()))
                    .ifPresent(r -> routes.put(m.name(), r));
        }
        instanceRoutes = routes;
        staticRoutes = new KernelRoutes("static", rtnl, worker, config.vrrp().staticRoutes(),
                config.vrrp().staticRules(), null);
        for (Member m : members.values()) {
            List<String> before = previous == null ? List.of() : watcher.unwatch(m.name());
            TrackTarget target = targetOf(m.name());
            List<String> now = new ArrayList<>();
            if (m.spec().trackInterface()) {
                watcher.watch(target, m.spec().interfaceName(), m.ifIndex(), m.spec().watchedAddress());
                now.addAll(LinkWatcher.faultSources(m.spec().interfaceName(), m.spec().watchedAddress()));
            }
            // a watch the new configuration drops (dont_track_primary, another address) leaves no fault behind
            before.stream().filter(f -> !now.contains(f)).forEach(f -> target.setFault(f, false));
        }
        tracking = VrrpTracking.build(config.vrrp(), loop, runner, watcher, this::targetOf,
                VrrpTracking.Options.DEFAULT);
        if (previous != null) {
            inherit(previous, tracking);
        }
    }

    /**
     * At start: each router's events go through its chain from the first event on (a reload swaps the chains on the
     * loop thread instead, together with the rest of the new wiring).
     */
    private void attachChains() {
        if (config != null) {
            members.values().forEach(m -> m.chain().target = chainOf(m));
        }
    }

    /** The router's listener chain under {@code config}: own, virtual routes, notifier, sync group. */
    private VrrpEventListener chainOf(Member m) {
        List<VrrpEventListener> chain = new ArrayList<>();
        chain.add(m.chain().own);
        KernelRoutes routes = instanceRoutes.get(m.name());
        if (routes != null && !routes.isEmpty()) {
            chain.add(new VirtualRoutesFollowMastership(routes));
        }
        chain.add(notifications.notifier());
        SyncGroupCoordinator c = groupOf.get(m.name());
        if (c != null) {
            chain.add(c);
        }
        return new ListenerChain(chain);
    }

    /**
     * Reload: the new scripts start from the results of the old ones of the same name, and each instance's new
     * tracker adopts the faults its old one raised (loop thread, queued before the new tracking starts).
     */
    private void inherit(VrrpTracking previous, VrrpTracking next) {
        loop.execute(() -> {
            next.scripts().forEach((name, tracker) -> {
                org.keepalived4j.track.ScriptTracker old = previous.scripts().get(name);
                if (old != null) {
                    tracker.inherit(old);
                }
            });
            for (Member m : members.values()) {
                previous.tracker(m.name()).ifPresent(old -> next.tracker(m.name())
                        .ifPresent(t -> t.adopt(old.raisedSources())));
            }
        });
    }

    /** virtual_routes / virtual_rules are in the kernel while the instance is MASTER (queued after its VIPs). */
    private record VirtualRoutesFollowMastership(KernelRoutes routes) implements VrrpEventListener {
        @Override
        public void stateChanged(VrrpRouter router, VrrpState from, VrrpState to, StateChangeReason reason) {
            if (to == VrrpState.MASTER && from != VrrpState.MASTER) {
                routes.install();
            } else if (from == VrrpState.MASTER && to != VrrpState.MASTER) {
                routes.remove();
            }
        }
    }

    // ---------------------------------------------------------------- reload

    /**
     * Applies a reloaded configuration as keepalived 2.2.7 does (vrrp_daemon.c reload_vrrp_thread,
     * vrrp.c clear_diff_vrrp / restore_vrrp_state), without stopping the instances that survive it:
     * <ul>
     *   <li>an instance of the same name whose identity ({@link #sameIdentity}) is unchanged keeps running: same
     *       state (a MASTER stays MASTER, no priority-0 advert, no transition, no notify), same statistics, same
     *       router object (the management layer keeps its index and live overlay). Its new settings are applied in
     *       place by {@link VrrpRouter#reconfigure}: VIPs diffed, priority, advert_int, preempt and the rest; as
     *       MASTER its virtual routes/rules are diffed too;</li>
     *   <li>an instance that is gone, or whose identity changed, stops as at shutdown (a MASTER sends priority 0 and
     *       removes its VIPs); a new one (or the changed one) starts from INIT as at start-up;</li>
     *   <li>tracking, notifications and sync groups are rebuilt over the running instances: scripts keep their
     *       results, trackers their raised faults, groups their state (no notify when unchanged);</li>
     *   <li>static addresses/routes/rules are replaced only when they changed.</li>
     * </ul>
     * Router state is only touched on the loop thread (the commands hand themselves to it, in order); this thread
     * opens and closes the kernel side. An instance whose kernel side cannot be opened is left out (logged), as at
     * start-up it would stop the daemon.
     */
    public synchronized void reload(List<VrrpInstanceSpec> nextSpecs, KeepalivedConfig nextConfig) {
        if (closed) {
            throw new IllegalStateException("VRRP runtime is stopped");
        }
        Map<String, VrrpInstanceSpec> wanted = new LinkedHashMap<>();
        nextSpecs.forEach(s -> wanted.put(s.settings().instanceName(), s));
        List<Member> removed = new ArrayList<>();
        for (Member m : members.values()) {
            VrrpInstanceSpec n = wanted.get(m.name());
            if (n == null || !sameIdentity(m.spec(), n)) {
                LOG.info("({}) {} at reload", m.name(),
                        n == null ? "removed" : "restarted (" + identityChange(m.spec(), n) + " changed)");
                removed.add(m);
            }
        }
        // keepalived: removed instances first (a MASTER sends priority 0 and drops its VIPs, routes follow)
        awaitLoop(() -> removed.forEach(m -> {
            m.router().stop(wanted.containsKey(m.name()) ? StateChangeReason.STOPPED : StateChangeReason.REMOVED);
            m.channel().dispatcher().unregister(m.router());
        }));
        removed.forEach(m -> {
            members.remove(m.name());
            closeMember(m);
        });

        Map<String, Member> before = new LinkedHashMap<>(members);
        Map<String, VrrpState> groupStates = new LinkedHashMap<>();
        coordinators.forEach((n, c) -> groupStates.put(n, c.state()));
        List<Member> added = new ArrayList<>();
        List<Runnable> inPlace = new ArrayList<>();
        members.clear();
        for (VrrpInstanceSpec spec : nextSpecs) {
            String name = spec.settings().instanceName();
            Member old = before.get(name);
            try {
                if (old == null) {
                    Member m = buildMember(spec);
                    members.put(name, m);
                    added.add(m);
                } else {
                    Member m = reopen(old, spec);
                    members.put(name, m);
                    inPlace.add(() -> applyInPlace(old, m));
                }
            } catch (VrrpStartException e) {
                LOG.error("VRRP reload: {}", e.getMessage());
                if (old != null) {
                    members.put(name, old); // keeps running with its previous settings
                }
            }
        }
        KeepalivedConfig previousConfig = config;
        VrrpTracking previousTracking = tracking;
        VrrpNotifications previousNotifications = notifications;
        ScriptRunner previousRunner = runner;
        Map<String, KernelRoutes> previousRoutes = instanceRoutes;
        KernelRoutes previousStaticRoutes = staticRoutes;
        List<VrrpRouter> kept = before.values().stream().map(Member::router).toList();
        config = nextConfig;
        wire(previousTracking);
        Map<String, SyncGroupCoordinator> nextGroupOf = groupOf;
        awaitLoop(() -> {
            if (previousTracking != null) {
                previousTracking.stop();
            }
            for (VrrpRouter r : kept) {
                if (!nextGroupOf.containsKey(r.name())) {
                    r.setMasterGate(null);
                    r.setFault(SyncGroupCoordinator.GROUP_FAULT, false, false);
                }
            }
            inPlace.forEach(Runnable::run);
            for (Member m : members.values()) {
                if (config != null) {
                    m.chain().target = chainOf(m);
                }
                if (m.channel().dispatcher().router(m.spec().settings().virtualRouterId()) != m.router()) {
                    try {
                        m.channel().register(m.router());
                    } catch (IllegalArgumentException e) {
                        LOG.error("({}) not started: {}", m.name(), e.getMessage());
                        continue;
                    }
                }
                if (m.router().state() == VrrpState.MASTER && before.containsKey(m.name())) {
                    // virtual routes/rules of a kept MASTER: the gone ones removed, the new ones added
                    KernelRoutes was = previousRoutes.get(m.name());
                    KernelRoutes now = instanceRoutes.get(m.name());
                    if (was != null) {
                        (now == null ? was : was.without(now)).remove();
                    }
                    if (now != null) {
                        (was == null ? now : now.without(was)).install();
                    }
                }
            }
            coordinators.forEach((n, c) -> c.resume(groupStates.get(n)));
        });
        if (!sameStatic(previousConfig, nextConfig)) {
            if (previousStaticRoutes != null) {
                installStatic(previousConfig, false, previousStaticRoutes);
            }
            installStatic(nextConfig, true);
        }
        startTracking();
        channels.values().forEach(AdvertChannel::start);
        for (AdvertChannel channel : channels.values()) {
            try {
                channel.joinGroup(); // new channels only: a joined one returns at once
            } catch (NativeCallException e) {
                LOG.error("VRRP reload: cannot join the VRRP multicast group on {}: {}", channel.ifName(), e.getMessage());
            }
        }
        startRouters(added.stream().map(Member::router).toList());
        specs = List.copyOf(members.values().stream().map(Member::spec).toList());
        routerView = members.values().stream().map(Member::router).toList();
        closeUnusedChannels();
        if (previousTracking != null) {
            previousTracking.close();
        }
        if (previousNotifications != null) {
            previousNotifications.close();
        }
        if (previousRunner != null) {
            previousRunner.close(SCRIPT_DRAIN);
        }
        LOG.info("VRRP reloaded: {} kept, {} stopped, {} started", before.size(), removed.size(), added.size());
    }

    /**
     * What identifies an instance across a reload. keepalived 2.2.7 (vrrp.c vrrp_exist) keeps an instance when its
     * VRID, address family, interface, unicast-or-multicast (and, unicast, its source address) and use_vmac (with or
     * without vmac address) are unchanged; everything else (priority, advert_int, version, VIPs, preempt, auth,
     * tracking, ...) is applied to the running instance. keepalived4j also restarts it when its name changed
     * (management identity: keepalived would keep a renamed instance), when its advert channel changes (multicast
     * group, IPv6 source: keepalived reopens every socket at reload, keepalived4j shares channels) or when AH
     * authentication is switched on or off (the channel's AH socket).
     */
    static boolean sameIdentity(VrrpInstanceSpec a, VrrpInstanceSpec b) {
        return identityChange(a, b) == null;
    }

    /** The first key that differs (for the log), or null. */
    static String identityChange(VrrpInstanceSpec a, VrrpInstanceSpec b) {
        VrrpRouterSettings x = a.settings();
        VrrpRouterSettings y = b.settings();
        if (!x.instanceName().equals(y.instanceName())) {
            return "name";
        }
        if (x.virtualRouterId() != y.virtualRouterId()) {
            return "virtual_router_id";
        }
        if (x.family() != y.family()) {
            return "address family";
        }
        if (!a.interfaceName().equals(b.interfaceName())) {
            return "interface";
        }
        if (x.isUnicast() != y.isUnicast() || x.isUnicast() && !x.primaryAddress().equals(y.primaryAddress())) {
            return "unicast / unicast_src_ip";
        }
        if (!java.util.Objects.equals(a.vmacName(), b.vmacName())
                || !java.util.Objects.equals(a.vmacAddress(), b.vmacAddress())) {
            return "use_vmac";
        }
        if (!channelKey(a).equals(channelKey(b))) {
            return "advert channel (multicast group / IPv6 source)";
        }
        if ((x.authentication().type() == AuthType.AH) != (y.authentication().type() == AuthType.AH)) {
            return "AH authentication";
        }
        return null;
    }

    /** Surviving instance: its new VIP port and sender (same channel, same VMAC socket). */
    private Member reopen(Member old, VrrpInstanceSpec spec) throws VrrpStartException {
        String where = "(" + old.name() + ") ";
        try {
            NetlinkAddressActions actions = addressActions(spec);
            return new Member(spec, old.router(), old.chain(), actions, old.channel(), old.ifIndex(),
                    old.sendSocket(), old.sendIfIndex(), old.vmacName());
        } catch (NativeCallException | IllegalArgumentException e) {
            throw new VrrpStartException(where + "kept with its previous settings: " + e.getMessage());
        }
    }

    /** Loop thread: the new settings into the running router; the old VIP port closes after its queued work. */
    private void applyInPlace(Member old, Member now) {
        // VIPs and excluded addresses are diffed together; the router applies the diff through exact()
        List<org.keepalived4j.vrrp.net.VirtualAddress> was = new ArrayList<>(old.spec().addresses());
        was.addAll(old.spec().excludedAddresses());
        List<org.keepalived4j.vrrp.net.VirtualAddress> will = new ArrayList<>(now.spec().addresses());
        will.addAll(now.spec().excludedAddresses());
        List<InetAddress> removedVips = was.stream().filter(v -> !will.contains(v))
                .map(org.keepalived4j.vrrp.net.VirtualAddress::address).toList();
        List<InetAddress> addedVips = will.stream().filter(v -> !was.contains(v))
                .map(org.keepalived4j.vrrp.net.VirtualAddress::address).toList();
        AdvertSender sender;
        try {
            sender = now.channel().senderFor(now.spec().settings(), now.sendSocket(), now.sendIfIndex());
        } catch (NativeCallException e) {
            LOG.error("({}) kept with its previous settings: {}", now.name(), e.getMessage());
            now.actions().close();
            return;
        }
        now.router().reconfigure(now.spec().settings(), sender, routerPort(now.spec(), now.actions()), removedVips,
                addedVips);
        NetlinkAddressActions oldActions = old.actions();
        worker.submit("(" + old.name() + ") closing the previous VIP sockets", oldActions::close);
    }

    /** Closes what a stopped instance held, after its queued kernel work (VIP removal) is done. */
    private void closeMember(Member m) {
        worker.submit("(" + m.name() + ") closing", () -> {
            m.actions().close();
            if (m.sendSocket() != null) {
                m.sendSocket().close();
            }
            if (m.vmacName() != null) {
                Integer index = vmacs.remove(m.vmacName());
                if (index != null) {
                    Vmac.delete(rtnl, m.vmacName(), index);
                }
            }
        });
    }

    private void closeUnusedChannels() {
        java.util.Set<AdvertChannel> used = new java.util.HashSet<>();
        members.values().forEach(m -> used.add(m.channel()));
        channels.values().removeIf(c -> {
            if (used.contains(c)) {
                return false;
            }
            c.close();
            return true;
        });
    }

    private static boolean sameStatic(KeepalivedConfig a, KeepalivedConfig b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.vrrp().staticAddresses().equals(b.vrrp().staticAddresses())
                && a.vrrp().staticRoutes().equals(b.vrrp().staticRoutes())
                && a.vrrp().staticRules().equals(b.vrrp().staticRules())
                && java.util.Objects.equals(a.global().vrrp().defaultInterface(), b.global().vrrp().defaultInterface());
    }

    /** Runs {@code task} on the loop and waits for it (bounded). */
    private void awaitLoop(Runnable task) {
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                task.run();
            } finally {
                done.countDown();
            }
        });
        try {
            if (!done.await(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("VRRP loop did not finish within {} ms", STOP_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** static_ipaddress (on its dev, else default_interface; with brd, scope, label) and static_routes/rules, for the daemon's lifetime. */
    private void installStatic(KeepalivedConfig cfg, boolean add) {
        installStatic(cfg, add, staticRoutes);
    }

    private void installStatic(KeepalivedConfig cfg, boolean add, KernelRoutes routes) {
        if (cfg == null) {
            return;
        }
        String defaultInterface = cfg.global().vrrp().defaultInterface();
        List<org.keepalived4j.config.model.vrrp.VirtualAddress> addresses = cfg.vrrp().staticAddresses();
        if (!add && routes != null) {
            routes.remove();
        }
        if (!addresses.isEmpty()) {
            worker.submit((add ? "adding" : "removing") + " static addresses", () -> {
                for (org.keepalived4j.config.model.vrrp.VirtualAddress a : addresses) {
                    String dev = a.device().orElse(defaultInterface);
                    if (dev == null) {
                        LOG.error("static_ipaddress {} has no dev and there is no default_interface",
                                a.address().address().getHostAddress());
                        continue;
                    }
                    try {
                        // brd, scope and label as for VIPs (keepalived adds both with one function)
                        org.keepalived4j.codec.netlink.AddressMessage m = VrrpSettingsMapper.vip(a)
                                .message(org.keepalived4j.sys.Interfaces.index(dev));
                        if (add) {
                            rtnl.addresses().add(m, dev);
                        } else {
                            rtnl.addresses().delete(m, dev);
                        }
                    } catch (NativeCallException e) {
                        if (e.errno() != org.keepalived4j.sys.Errno.EEXIST
                                && e.errno() != org.keepalived4j.sys.Errno.EADDRNOTAVAIL) {
                            LOG.error("static_ipaddress {} on {}: {}", a.address().address().getHostAddress(), dev,
                                    e.getMessage());
                        }
                    }
                }
            });
        }
        if (add && routes != null) {
            routes.install();
        }
    }

    private static String hostName() {
        try {
            String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("host name: {}", e.toString());
        }
        return "localhost";
    }

    /**
     * The router's listener, set once the sync groups exist (they need the routers, the routers need a listener).
     * Until then it is the router's own listener.
     */
    private static final class DeferredListener extends ForwardingVrrpListener {
        private final VrrpEventListener own;
        private volatile VrrpEventListener target;

        DeferredListener(VrrpEventListener own) {
            this.own = own;
            this.target = own;
        }

        @Override
        protected VrrpEventListener delegate() {
            return target;
        }
    }

    private void build() throws VrrpStartException {
        try {
            watcher = LinkWatcher.open(rtnl);
        } catch (NativeCallException e) {
            throw new VrrpStartException("cannot watch links: " + e.getMessage());
        }
        for (VrrpInstanceSpec spec : specs) {
            Member m = buildMember(spec);
            m.channel().register(m.router());
            members.put(m.name(), m);
        }
        routerView = members.values().stream().map(Member::router).toList();
    }

    /** The VIP device of an instance: its VMAC with use_vmac, else its interface. */
    private static String vipDevice(VrrpInstanceSpec spec) {
        return spec.vmacName() != null ? spec.vmacName() : spec.interfaceName();
    }

    /** Opens one instance's kernel side and its router (not registered, not started); nothing left open on failure. */
    private Member buildMember(VrrpInstanceSpec spec) throws VrrpStartException {
        VrrpRouterSettings s = spec.settings();
        String where = "(" + s.instanceName() + ") ";
        RawIpSocket sendSocket = null;
        String vmacName = null;
        try {
            int ifIndex = Interfaces.index(spec.interfaceName());
            AdvertChannel channel = channel(spec, ifIndex);
            int sendIfIndex = ifIndex;
            if (spec.vmacName() != null) {
                byte[] mac = spec.vmacAddress() != null ? Macs.parse(spec.vmacAddress())
                        : Vmac.mac(s.family(), s.virtualRouterId());
                int vmacIndex = Vmac.create(rtnl, spec.vmacName(), spec.interfaceName(), mac,
                        s.family() == AddressFamily.IPV6);
                vmacs.put(spec.vmacName(), vmacIndex);
                vmacName = spec.vmacName();
                if (!spec.vmacTransmitOnBase()) {
                    sendSocket = s.family() == AddressFamily.IPV4 ? Vmac.ipv4SendSocket(spec.vmacName(), vmacIndex)
                            : Vmac.ipv6SendSocket(rtnl, spec.vmacName(), vmacIndex, s.primaryAddress());
                    sendIfIndex = vmacIndex;
                }
            }
            NetlinkAddressActions actions = addressActions(spec);
            AdvertSender sender = channel.senderFor(s, sendSocket, sendIfIndex);
            DeferredListener chain = new DeferredListener(withAhHook(ownListener, channel));
            VrrpRouter router = new VrrpRouter(s, loop, sender, routerPort(spec, actions), chain);
            return new Member(spec, router, chain, actions, channel, ifIndex, sendSocket, sendIfIndex, vmacName);
        } catch (NativeCallException | IllegalArgumentException e) {
            if (sendSocket != null) {
                sendSocket.close();
            }
            if (vmacName != null) {
                Vmac.delete(rtnl, vmacName, vmacs.remove(vmacName));
            }
            throw new VrrpStartException(where + e.getMessage());
        }
    }

    /** The kernel side of an instance's VIPs and virtual_ipaddress_excluded (with use_vmac, on the VMAC). */
    private NetlinkAddressActions addressActions(VrrpInstanceSpec spec) throws NativeCallException {
        List<org.keepalived4j.vrrp.net.VirtualAddress> placed = new ArrayList<>(spec.addresses());
        placed.addAll(spec.excludedAddresses());
        return new NetlinkAddressActions(spec.settings().instanceName(), rtnl, worker, placed, vipDevice(spec),
                spec.vmacName() != null ? spec.interfaceName() : null, pacer);
    }

    /** What the router drives: its VIPs, plus the excluded addresses that follow them. */
    private static VirtualAddressActions routerPort(VrrpInstanceSpec spec, NetlinkAddressActions actions) {
        return WithExcludedAddresses.of(actions, excludedOf(spec));
    }

    private static List<InetAddress> excludedOf(VrrpInstanceSpec spec) {
        return spec.excludedAddresses().stream().map(org.keepalived4j.vrrp.net.VirtualAddress::address).toList();
    }

    /** The channel hears of MASTER transitions (AH counter); everything goes on to {@code listener}. */
    private static VrrpEventListener withAhHook(VrrpEventListener listener, AdvertChannel channel) {
        return new ForwardingVrrpListener() {
            @Override
            protected VrrpEventListener delegate() {
                return listener;
            }

            @Override
            public void stateChanged(VrrpRouter router, VrrpState from, VrrpState to, StateChangeReason reason) {
                if (to == VrrpState.MASTER) {
                    channel.becameMaster(router.settings().virtualRouterId());
                }
                listener.stateChanged(router, from, to, reason);
            }
        };
    }

    /** Instances with the same key share one advert channel (sockets watched by the loop, VRID dispatcher). */
    private static String channelKey(VrrpInstanceSpec spec) {
        VrrpRouterSettings s = spec.settings();
        InetAddress group = s.isUnicast() ? null : spec.multicastGroup();
        return spec.interfaceName() + "|" + s.family() + "|" + (group == null ? "unicast" : group.getHostAddress())
                + (s.family() == AddressFamily.IPV6 ? "|" + s.primaryAddress().getHostAddress() : "");
    }

    private AdvertChannel channel(VrrpInstanceSpec spec, int ifIndex) throws NativeCallException {
        VrrpRouterSettings s = spec.settings();
        InetAddress group = s.isUnicast() ? null : spec.multicastGroup();
        String key = channelKey(spec);
        AdvertChannel channel = channels.get(key);
        if (channel == null) {
            channel = AdvertChannel.open(spec.interfaceName(), ifIndex, s.family(), s.isUnicast(),
                    group == null ? spec.multicastGroup() : group,
                    s.family() == AddressFamily.IPV6 ? s.primaryAddress() : null, loop);
            channels.put(key, channel);
        }
        return channel;
    }

    /** The routers, in configuration order (read-only view for the management layer). */
    public List<VrrpRouter> routers() {
        return routerView;
    }

    public List<VrrpInstanceSpec> specs() {
        return specs;
    }

    /** The configuration this runtime runs (null when started from specs only). */
    public KeepalivedConfig config() {
        return config;
    }

    /** The sync groups by name (empty without configuration or groups). */
    public Map<String, SyncGroupCoordinator> syncGroups() {
        return Map.copyOf(coordinators);
    }

    /** The tracking of the instances, or null when started without a configuration. */
    public VrrpTracking tracking() {
        return tracking;
    }

    /**
     * Graceful stop: every master sends one priority-0 advert and its VIPs are removed, then everything closes.
     * No 1 s linger as keepalived has.
     */
    public synchronized void stop() {
        if (closed) {
            return;
        }
        routerView.forEach(VrrpRouter::stop);
        awaitLoop(() -> { });
        installStatic(config, false);
        worker.drainAndClose(STOP_WAIT_MILLIS);
        closeAll();
    }

    /** Tracking first (no more script runs), then the notifications (STOP lines and mails drain), then scripts. */
    private void closeTrackingAndNotify() {
        if (tracking != null) {
            tracking.close();
        }
        if (notifications != null) {
            notifications.close();
        }
        if (runner != null) {
            runner.close(closed && !crashed ? SCRIPT_DRAIN : java.time.Duration.ZERO);
        }
    }

    /** As after kill -9: the loop and sockets just go away; VIPs stay where they are (tests). */
    public synchronized void crash() {
        if (closed) {
            return;
        }
        crashed = true;
        loop.close();
        worker.drainAndClose(STOP_WAIT_MILLIS);
        closeAll();
    }

    private void closeAll() {
        closed = true;
        closeTrackingAndNotify();
        if (watcher != null) {
            watcher.close();
        }
        channels.values().forEach(AdvertChannel::close);
        for (Member m : members.values()) {
            if (m.sendSocket() != null) {
                m.sendSocket().close();
            }
            m.actions().close();
        }
        loop.close();
        vmacs.forEach((name, index) -> Vmac.delete(rtnl, name, index));
        rtnl.close();
    }

    @Override
    public void close() {
        stop();
    }
}
