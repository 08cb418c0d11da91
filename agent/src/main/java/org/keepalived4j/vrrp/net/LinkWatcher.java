package org.keepalived4j.vrrp.net;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.codec.netlink.AddressMessage;
import org.keepalived4j.codec.netlink.LinkMessage;
import org.keepalived4j.codec.netlink.Netlink;
import org.keepalived4j.codec.netlink.RtnlMessage;
import org.keepalived4j.sys.Errno;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.NetlinkMonitor;
import org.keepalived4j.sys.Rtnl;
import org.keepalived4j.sys.Wakeup;
import org.keepalived4j.track.LinkStateSource;
import org.keepalived4j.track.TrackTarget;
import org.keepalived4j.vrrp.VrrpRouter;

/**
 * Turns kernel link events into router faults, as keepalived's netlink reflector does: the instance's interface
 * going down (not UP or not RUNNING, or deleted) and the loss of the address its adverts come from raise a fault;
 * their return clears it. One thread reads an rtnetlink monitor socket; events reach the router within
 * milliseconds (setFault hands over to the loop thread).
 * <p>
 * It is also the {@link LinkStateSource} of track_interface: the state of every link by name (up = IFF_UP and
 * IFF_RUNNING), kept from a dump at open and the events since, so readers never touch the netlink socket.
 */
public final class LinkWatcher implements LinkStateSource, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LinkWatcher.class);
    /** Pause after a failed receive, and the unit of close()'s bounded wait for the event thread. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final Rtnl rtnl;
    private final NetlinkMonitor monitor;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> linkUp = new ConcurrentHashMap<>();
    private final Map<Integer, String> linkNames = new ConcurrentHashMap<>();
    private final List<LinkListener> linkListeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    /** The event thread sleeps in poll() with no timeout (no idle wake-ups); close() signals this to stop it. */
    private final Wakeup stop;
    private volatile boolean running = true;

    /** One router's dependency on an interface and (optionally) one of its addresses. */
    private record Watch(TrackTarget router, String ifName, int ifIndex, InetAddress address) {
        String linkFault() {
            return "interface " + ifName;
        }

        String addressFault() {
            return "address " + address.getHostAddress() + " on " + ifName;
        }
    }

    private LinkWatcher(Rtnl rtnl, NetlinkMonitor monitor, Wakeup stop) {
        this.rtnl = rtnl;
        this.monitor = monitor;
        this.stop = stop;
        this.thread = new Thread(this::run, "vrrp-link-watcher");
        this.thread.setDaemon(true);
    }

    /** Subscribes to link and address events in the calling thread's namespace. */
    public static LinkWatcher open(Rtnl rtnl) throws NativeCallException {
        NetlinkMonitor monitor = NetlinkMonitor.open(Netlink.RTNLGRP_LINK, Netlink.RTNLGRP_IPV4_IFADDR,
                Netlink.RTNLGRP_IPV6_IFADDR);
        Wakeup stop = null;
        try {
            stop = Wakeup.open();
            LinkWatcher w = new LinkWatcher(rtnl, monitor, stop);
            for (LinkMessage link : rtnl.links().all()) {
                w.remember(link);
            }
            return w;
        } catch (NativeCallException | RuntimeException e) {
            monitor.close();
            if (stop != null) {
                stop.close();
            }
            throw e;
        }
    }

    @Override
    public Optional<Boolean> isUp(String interfaceName) {
        return Optional.ofNullable(linkUp.get(interfaceName));
    }

    @Override
    public void addListener(LinkListener listener) {
        linkListeners.add(listener);
    }

    /** Records a link's state; true when it changed (or is new). */
    private boolean remember(LinkMessage link) {
        String name = link.name() != null ? link.name() : linkNames.get(link.index());
        if (name == null) {
            return false;
        }
        if (link.isDeleted()) {
            linkNames.remove(link.index());
            return linkUp.remove(name) != null;
        }
        String previousName = linkNames.put(link.index(), name);
        if (previousName != null && !previousName.equals(name)) {
            linkUp.remove(previousName);
        }
        Boolean before = linkUp.put(name, link.isUp() && link.isRunning());
        return before == null || before != (link.isUp() && link.isRunning());
    }

    /** Watches {@code ifName} for {@code router} (see {@link #watch(TrackTarget, String, int, InetAddress)}). */
    public void watch(VrrpRouter router, String ifName, int ifIndex, InetAddress address) {
        watch(TrackTarget.of(router), ifName, ifIndex, address);
    }

    /**
     * Watches {@code ifName} for {@code router}; {@code address} (the interface's primary address the adverts come
     * from, or null) is watched too. Raises the faults that hold right now, so call before the router starts.
     */
    public void watch(TrackTarget router, String ifName, int ifIndex, InetAddress address) {
        Watch w = new Watch(router, ifName, ifIndex, address);
        watches.add(w);
        resync(w);
    }

    /**
     * Reload: stops watching for the instance named {@code instance}; returns the fault sources those watches set
     * (raised or not), so the caller can clear the ones a new watch does not take over.
     */
    public List<String> unwatch(String instance) {
        List<String> sources = new ArrayList<>();
        for (Watch w : watches) {
            if (w.router.name().equals(instance)) {
                watches.remove(w);
                sources.addAll(faultSources(w.ifName, w.address));
            }
        }
        return sources;
    }

    /** The fault sources a watch of {@code ifName} (and {@code address}, may be null) raises on its router. */
    public static List<String> faultSources(String ifName, InetAddress address) {
        Watch w = new Watch(null, ifName, 0, address);
        return address == null ? List.of(w.linkFault()) : List.of(w.linkFault(), w.addressFault());
    }

    /** Starts the event thread (it inherits the caller's namespace, though the socket already has one). */
    public void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            List<RtnlMessage> events;
            try {
                events = monitor.poll(stop);
            } catch (NativeCallException e) {
                if (!running) {
                    return;
                }
                if (e.errno() == Errno.ENOBUFS) {
                    LOG.warn("netlink events lost; re-reading interface state");
                    watches.forEach(this::resync);
                    try {
                        rtnl.links().all().forEach(this::onLink);
                    } catch (NativeCallException again) {
                        LOG.warn("cannot re-read links: {}", again.getMessage());
                    }
                } else {
                    LOG.warn("netlink monitor: {}", e.getMessage());
                    sleep();
                }
                continue;
            }
            for (RtnlMessage m : events) {
                if (m instanceof LinkMessage link) {
                    onLink(link);
                } else if (m instanceof AddressMessage address) {
                    onAddress(address);
                }
            }
        }
    }

    private void onLink(LinkMessage link) {
        boolean usable = !link.isDeleted() && link.isUp() && link.isRunning();
        String name = link.name() != null ? link.name() : linkNames.get(link.index());
        if (remember(link) && name != null) {
            for (LinkListener l : linkListeners) {
                try {
                    l.linkChanged(name, usable);
                } catch (RuntimeException e) {
                    LOG.error("link listener failed on {}: {}", name, e.toString(), e);
                }
            }
        }
        for (Watch w : watches) {
            if (w.ifIndex == link.index()) {
                w.router.setFault(w.linkFault(), !usable);
            }
        }
    }

    private void onAddress(AddressMessage address) {
        for (Watch w : watches) {
            if (w.address != null && w.ifIndex == address.index() && w.address.equals(address.effectiveAddress())) {
                w.router.setFault(w.addressFault(), address.isDeleted());
            }
        }
    }

    /** Reads the current link and address state of one watch and sets its faults accordingly. */
    private void resync(Watch w) {
        try {
            LinkMessage link = rtnl.links().get(w.ifIndex);
            w.router.setFault(w.linkFault(), !(link.isUp() && link.isRunning()));
        } catch (NativeCallException e) {
            w.router.setFault(w.linkFault(), true);
        }
        if (w.address != null) {
            try {
                int family = w.address instanceof java.net.Inet4Address ? Netlink.AF_INET : Netlink.AF_INET6;
                List<InetAddress> present = new ArrayList<>();
                for (AddressMessage a : rtnl.addresses().list(family)) {
                    if (a.index() == w.ifIndex) {
                        present.add(a.effectiveAddress());
                    }
                }
                w.router.setFault(w.addressFault(), !present.contains(w.address));
            } catch (NativeCallException e) {
                LOG.warn("cannot list addresses of {}: {}", w.ifName, e.getMessage());
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        stop.signal();
        try {
            thread.join(POLL.toMillis() * 20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        monitor.close();
        stop.close();
    }
}
