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
import org.keepalived4j.codec.ip.Ipv4HeaderCodec;
import org.keepalived4j.codec.netlink.Macs;
import org.keepalived4j.sys.Interfaces;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.RawIpSocket;
import org.keepalived4j.sys.Rtnl;
import org.keepalived4j.vrrp.AddressFamily;
import org.keepalived4j.vrrp.AdvertSender;
import org.keepalived4j.vrrp.RejectReason;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.loop.ThreadEventLoop;
import org.keepalived4j.vrrp.net.AdvertChannel;
import org.keepalived4j.vrrp.net.KernelWorker;
import org.keepalived4j.vrrp.net.LinkWatcher;
import org.keepalived4j.vrrp.net.NetlinkAddressActions;
import org.keepalived4j.vrrp.net.Vmac;

/**
 * A running set of VRRP instances on real sockets: one event loop, one kernel worker, one advert channel per
 * (interface, family, multicast group / unicast), one router per instance, one link watcher. Everything is opened
 * by {@link #start} on the calling thread, whose network namespace it all then lives in (threads started here
 * inherit it).
 */
public final class VrrpRuntime implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(VrrpRuntime.class);
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final List<VrrpInstanceSpec> specs;
    private final ThreadEventLoop loop;
    private final KernelWorker worker;
    private final Rtnl rtnl;
    private final Map<String, AdvertChannel> channels = new LinkedHashMap<>();
    private final List<RawIpSocket> vmacSockets = new ArrayList<>();
    private final List<NetlinkAddressActions> addressActions = new ArrayList<>();
    private final Map<String, Integer> vmacs = new LinkedHashMap<>();
    private final List<VrrpRouter> routers = new ArrayList<>();
    private LinkWatcher watcher;
    private boolean closed;

    private VrrpRuntime(List<VrrpInstanceSpec> specs, Rtnl rtnl) {
        this.specs = List.copyOf(specs);
        this.rtnl = rtnl;
        this.worker = new KernelWorker("vrrp-kernel");
        this.loop = new ThreadEventLoop("vrrp");
    }

    /** Opens everything in the calling thread's network namespace and starts the routers. */
    public static VrrpRuntime start(List<VrrpInstanceSpec> specs, VrrpEventListener listener)
            throws VrrpStartException {
        Rtnl rtnl;
        try {
            rtnl = Rtnl.open();
        } catch (NativeCallException e) {
            throw new VrrpStartException("cannot open rtnetlink: " + e.getMessage());
        }
        VrrpRuntime runtime = new VrrpRuntime(specs, rtnl);
        try {
            runtime.build(listener);
        } catch (VrrpStartException e) {
            runtime.crash();
            throw e;
        } catch (RuntimeException e) {
            runtime.crash();
            throw new VrrpStartException("VRRP start failed: " + e);
        }
        runtime.loop.start();
        runtime.channels.values().forEach(AdvertChannel::start);
        runtime.watcher.start();
        runtime.routers.forEach(VrrpRouter::start);
        return runtime;
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
                if (spec.vmacName() != null) {
                    byte[] mac = spec.vmacAddress() != null ? Macs.parse(spec.vmacAddress())
                            : Vmac.mac(s.family(), s.virtualRouterId());
                    vmacs.put(spec.vmacName(), Vmac.create(rtnl, spec.vmacName(), spec.interfaceName(), mac));
                    vipDevice = spec.vmacName();
                    if (s.family() == AddressFamily.IPV4) {
                        sendSocket = vmacSendSocket(spec.vmacName());
                    }
                }
                NetlinkAddressActions actions = new NetlinkAddressActions(s.instanceName(), rtnl, worker,
                        spec.addresses(), vipDevice);
                addressActions.add(actions);
                AdvertSender sender = channel.senderFor(s, sendSocket);
                VrrpRouter router = new VrrpRouter(s, loop, sender, actions, withAhHook(listener, channel));
                channel.register(router);
                routers.add(router);
                if (spec.trackInterface()) {
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
        return new VrrpEventListener() {
            @Override
            public void stateChanged(VrrpRouter router, VrrpState from, VrrpState to, StateChangeReason reason) {
                if (to == VrrpState.MASTER) {
                    channel.becameMaster(router.settings().virtualRouterId());
                }
                listener.stateChanged(router, from, to, reason);
            }

            @Override
            public void newMaster(VrrpRouter router, InetAddress master, int priority) {
                listener.newMaster(router, master, priority);
            }

            @Override
            public void effectivePriorityChanged(VrrpRouter router, int oldPriority, int newPriority) {
                listener.effectivePriorityChanged(router, oldPriority, newPriority);
            }

            @Override
            public void advertRejected(VrrpRouter router, RejectReason reason, InetAddress source) {
                listener.advertRejected(router, reason, source);
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

    /** Adverts of a use_vmac instance leave from the VMAC (source MAC 00:00:5e:00:01:VRID), as keepalived's do. */
    private RawIpSocket vmacSendSocket(String vmac) throws NativeCallException {
        RawIpSocket s = RawIpSocket.open(false, 112);
        vmacSockets.add(s);
        s.bindToDevice(vmac);
        s.setHeaderIncluded(true);
        s.setMulticastAll(false);
        s.setMulticastLoop(false);
        s.setMulticastInterface(Interfaces.index(vmac));
        s.setMulticastTtl(Ipv4HeaderCodec.TTL_VRRP);
        return s;
    }

    /** The routers, in configuration order (read-only view for the management layer). */
    public List<VrrpRouter> routers() {
        return List.copyOf(routers);
    }

    public List<VrrpInstanceSpec> specs() {
        return specs;
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
        worker.drainAndClose(STOP_WAIT_MILLIS);
        closeAll();
    }

    /** As after kill -9: the loop and sockets just go away; VIPs stay where they are (tests). */
    public synchronized void crash() {
        if (closed) {
            return;
        }
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
