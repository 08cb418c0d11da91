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
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.ForwardingVrrpListener;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpState;
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
 */
public final class VrrpRuntime implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(VrrpRuntime.class);
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final List<VrrpInstanceSpec> specs;
    private final ThreadEventLoop loop;
    /** vrrp_garp_interval / vrrp_gna_interval, shared by all instances (per interface). */
    private final AnnouncePacer pacer;
    private final KernelWorker worker;
    private final Rtnl rtnl;
    private final Map<String, AdvertChannel> channels = new LinkedHashMap<>();
    private final List<RawIpSocket> vmacSockets = new ArrayList<>();
    private final List<NetlinkAddressActions> addressActions = new ArrayList<>();
    private final Map<String, Integer> vmacs = new LinkedHashMap<>();
    private final List<VrrpRouter> routers = new ArrayList<>();
    private final Map<VrrpRouter, DeferredListener> chains = new LinkedHashMap<>();
    private final List<Integer> interfaceIndexes = new ArrayList<>();
    private final Map<String, KernelRoutes> instanceRoutes = new LinkedHashMap<>();
    private KernelRoutes staticRoutes;
    private final Map<String, SyncGroupCoordinator> coordinators = new LinkedHashMap<>();
    private final Map<String, SyncGroupCoordinator> groupOf = new LinkedHashMap<>();
    private final KeepalivedConfig config;
    private ScriptRunner runner;
    private VrrpNotifications notifications;
    private VrrpTracking tracking;
    private LinkWatcher watcher;
    private boolean closed;

    /** Bounds of the script runner: concurrently running scripts and queued runs. */
    private static final int SCRIPTS_CONCURRENT = 8;
    private static final int SCRIPTS_QUEUED = 256;
    /** How long queued notify scripts (STOP) may still run at a graceful stop. */
    private static final java.time.Duration SCRIPT_DRAIN = java.time.Duration.ofSeconds(3);
    private boolean crashed;

    private VrrpRuntime(List<VrrpInstanceSpec> specs, KeepalivedConfig config, Rtnl rtnl) {
        this.specs = List.copyOf(specs);
        this.config = config;
        this.rtnl = rtnl;
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
        VrrpRuntime runtime = new VrrpRuntime(specs, config, rtnl);
        try {
            runtime.build(listener);
            runtime.buildTracking();
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
        runtime.joinGroups();
        runtime.startRouters();
        return runtime;
    }

    /** Last step before the timers start (see {@link AdvertChannel#joinGroup}); a failure stops the start-up. */
    private void joinGroups() throws VrrpStartException {
        for (AdvertChannel channel : channels.values()) {
            try {
                channel.joinGroup();
            } catch (NativeCallException e) {
                crash();
                throw new VrrpStartException("cannot join the VRRP multicast group on " + channel.ifName() + ": "
                        + e.getMessage());
            }
        }
    }

    /**
     * keepalived's order: trackers get their initial state, groups announce theirs, then each router starts once
     * its tracker is initialised (a weight-0 script keeps it in INIT until its first result). All on the loop.
     */
    private void startRouters() {
        if (tracking == null) {
            routers.forEach(VrrpRouter::start);
            return;
        }
        installStatic(true);
        tracking.start();
        coordinators.values().forEach(c -> loop.execute(c::announceStart));
        for (VrrpRouter router : routers) {
            tracking.tracker(router.name()).ifPresentOrElse(t -> t.whenInitialised(router::start), router::start);
        }
    }

    /** Where the faults and weights of one instance go: its group's member handle, or the router itself. */
    private TrackTarget targetOf(String instance) {
        SyncGroupCoordinator group = groupOf.get(instance);
        if (group != null) {
            return group.member(instance);
        }
        return routers.stream().filter(r -> r.name().equals(instance)).findFirst().map(TrackTarget::of)
                .orElseGet(() -> new UnmappedInstance(instance));
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

    private void buildTracking() {
        if (config == null) {
            return;
        }
        runner = new ScriptRunner(ScriptPolicy.fromModel(config, HostEnvironment.system()), SCRIPTS_CONCURRENT,
                SCRIPTS_QUEUED);
        notifications = VrrpNotifications.build(config, runner, hostName(), VrrpNotifications.Options.DEFAULT);
        for (SyncGroup g : config.vrrp().syncGroups()) {
            List<VrrpRouter> members = routers.stream().filter(r -> g.members().contains(r.name())).toList();
            if (members.isEmpty()) {
                continue;
            }
            SyncGroupCoordinator c = new SyncGroupCoordinator(g.name(), loop, members, notifications.notifier());
            coordinators.put(g.name(), c);
            members.forEach(r -> groupOf.put(r.name(), c));
        }
        for (int i = 0; i < specs.size(); i++) {
            VrrpInstanceSpec spec = specs.get(i);
            String name = spec.settings().instanceName();
            config.vrrp().instances().stream().filter(vi -> vi.name().equals(name)).findFirst()
                    .map(vi -> new KernelRoutes("(" + name + ")", rtnl, worker, vi.virtualRoutes(), vi.virtualRules(),
                            spec.interfaceName()))
                    .filter(r -> !r.isEmpty()).ifPresent(r -> instanceRoutes.put(name, r));
        }
        for (Map.Entry<VrrpRouter, DeferredListener> e : chains.entrySet()) {
            VrrpRouter router = e.getKey();
            SyncGroupCoordinator c = groupOf.get(router.name());
            List<VrrpEventListener> chain = new ArrayList<>();
            chain.add(e.getValue().own);
            KernelRoutes routes = instanceRoutes.get(router.name());
            if (routes != null) {
                chain.add(new VirtualRoutesFollowMastership(routes));
            }
            chain.add(notifications.notifier());
            if (c != null) {
                chain.add(c);
            }
            e.getValue().target = new ListenerChain(chain);
        }
        staticRoutes = new KernelRoutes("static", rtnl, worker, config.vrrp().staticRoutes(),
                config.vrrp().staticRules(), null);
        for (int i = 0; i < specs.size(); i++) {
            VrrpInstanceSpec spec = specs.get(i);
            if (spec.trackInterface()) {
                VrrpRouter router = routers.get(i);
                watcher.watch(targetOf(router.name()), spec.interfaceName(), interfaceIndexes.get(i),
                        spec.watchedAddress());
            }
        }
        tracking = VrrpTracking.build(config.vrrp(), loop, runner, watcher, this::targetOf,
                VrrpTracking.Options.DEFAULT);
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

    /** static_ipaddress (on its dev, else default_interface; with brd, scope, label) and static_routes/rules, for the daemon's lifetime. */
    private void installStatic(boolean add) {
        if (config == null) {
            return;
        }
        String defaultInterface = config.global().vrrp().defaultInterface();
        List<org.keepalived4j.config.model.vrrp.VirtualAddress> addresses = config.vrrp().staticAddresses();
        if (!add && staticRoutes != null) {
            staticRoutes.remove();
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
        if (add && staticRoutes != null) {
            staticRoutes.install();
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

    private void build(VrrpEventListener listener) throws VrrpStartException {
        try {
            watcher = LinkWatcher.open(rtnl);
        } catch (NativeCallException e) {
            throw new VrrpStartException("cannot watch links: " + e.getMessage());
        }
        for (VrrpInstanceSpec spec : specs) {
            VrrpRouterSettings s = spec.settings();
            String where = "(" + s.instanceName() + ") ";
            try {
                int ifIndex = Interfaces.index(spec.interfaceName());
                AdvertChannel channel = channel(spec, ifIndex);
                String vipDevice = spec.interfaceName();
                RawIpSocket sendSocket = null;
                int sendIfIndex = ifIndex;
                if (spec.vmacName() != null) {
                    byte[] mac = spec.vmacAddress() != null ? Macs.parse(spec.vmacAddress())
                            : Vmac.mac(s.family(), s.virtualRouterId());
                    int vmacIndex = Vmac.create(rtnl, spec.vmacName(), spec.interfaceName(), mac,
                            s.family() == AddressFamily.IPV6);
                    vmacs.put(spec.vmacName(), vmacIndex);
                    vipDevice = spec.vmacName();
                    if (!spec.vmacTransmitOnBase()) {
                        sendSocket = s.family() == AddressFamily.IPV4 ? Vmac.ipv4SendSocket(spec.vmacName(), vmacIndex)
                                : Vmac.ipv6SendSocket(rtnl, spec.vmacName(), vmacIndex, s.primaryAddress());
                        vmacSockets.add(sendSocket);
                        sendIfIndex = vmacIndex;
                    }
                }
                List<org.keepalived4j.vrrp.net.VirtualAddress> placed = new ArrayList<>(spec.addresses());
                placed.addAll(spec.excludedAddresses());
                NetlinkAddressActions actions = new NetlinkAddressActions(s.instanceName(), rtnl, worker,
                        placed, vipDevice, spec.vmacName() != null ? spec.interfaceName() : null, pacer);
                addressActions.add(actions);
                AdvertSender sender = channel.senderFor(s, sendSocket, sendIfIndex);
                DeferredListener chain = new DeferredListener(withAhHook(listener, channel));
                VrrpRouter router = new VrrpRouter(s, loop, sender, WithExcludedAddresses.of(actions,
                        spec.excludedAddresses().stream().map(org.keepalived4j.vrrp.net.VirtualAddress::address)
                                .toList()), chain);
                chains.put(router, chain);
                interfaceIndexes.add(ifIndex);
                channel.register(router);
                routers.add(router);
                if (spec.trackInterface() && config == null) {
                    watcher.watch(router, spec.interfaceName(), ifIndex, spec.watchedAddress());
                }
            } catch (NativeCallException e) {
                throw new VrrpStartException(where + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new VrrpStartException(where + e.getMessage());
            }
        }
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

    private AdvertChannel channel(VrrpInstanceSpec spec, int ifIndex) throws NativeCallException {
        VrrpRouterSettings s = spec.settings();
        InetAddress group = s.isUnicast() ? null : spec.multicastGroup();
        String key = spec.interfaceName() + "|" + s.family() + "|" + (group == null ? "unicast" : group.getHostAddress())
                + (s.family() == AddressFamily.IPV6 ? "|" + s.primaryAddress().getHostAddress() : "");
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
        return List.copyOf(routers);
    }

    public List<VrrpInstanceSpec> specs() {
        return specs;
    }

    /** The configuration this runtime was started with (null when started from specs only). */
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
        routers.forEach(VrrpRouter::stop);
        awaitLoop();
        installStatic(false);
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

    private void awaitLoop() {
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(done::countDown);
        try {
            if (!done.await(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("VRRP loop did not finish stopping within {} ms", STOP_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeAll() {
        closed = true;
        closeTrackingAndNotify();
        if (watcher != null) {
            watcher.close();
        }
        channels.values().forEach(AdvertChannel::close);
        vmacSockets.forEach(RawIpSocket::close);
        addressActions.forEach(NetlinkAddressActions::close);
        loop.close();
        vmacs.forEach((name, index) -> Vmac.delete(rtnl, name, index));
        rtnl.close();
    }

    @Override
    public void close() {
        stop();
    }
}
