package org.keepalived4j.vrrp.sim;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.keepalived4j.codec.vrrp.VrrpAdvert;
import org.keepalived4j.vrrp.AdvertSender;
import org.keepalived4j.vrrp.AnnounceReason;
import org.keepalived4j.vrrp.RejectReason;
import org.keepalived4j.vrrp.StateChangeReason;
import org.keepalived4j.vrrp.VirtualAddressActions;
import org.keepalived4j.vrrp.VrrpDispatcher;
import org.keepalived4j.vrrp.VrrpEventListener;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.VrrpState;

/**
 * One host on a {@link SimulatedLan} running one VRRP instance, recording everything it does with virtual
 * timestamps. {@link #kill()} is kill -9 (silence, VIPs stay); {@link #restart()} starts a fresh process.
 */
public final class SimNode {
    public record Sent(long atNanos, VrrpAdvert advert) {
    }

    public record Transition(long atNanos, VrrpState from, VrrpState to, StateChangeReason reason) {
    }

    public record Announcement(long atNanos, int count, AnnounceReason reason) {
    }

    public record Rejection(long atNanos, RejectReason reason, InetAddress source) {
    }

    /** One call to the VIP port: {@code add} true for install, false for remove. */
    public record AddressOp(long atNanos, boolean add, List<InetAddress> addresses) {
    }

    public record PriorityChange(long atNanos, int from, int to) {
    }

    private final SimulatedLan lan;
    private final String name;
    private VrrpRouterSettings settings;
    private final VrrpDispatcher dispatcher;
    private final Set<InetAddress> installedAddresses = new LinkedHashSet<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final List<Announcement> announcements = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<PriorityChange> priorityChanges = new ArrayList<>();
    private final List<AddressOp> addressOps = new ArrayList<>();
    private Incarnation incarnation;
    private boolean alive;
    private boolean linkUp = true;
    private final List<VrrpEventListener> extraListeners = new ArrayList<>();
    int group;

    SimNode(SimulatedLan lan, String name, VrrpRouterSettings settings) {
        this.lan = lan;
        this.name = name;
        this.settings = settings;
        this.dispatcher = new VrrpDispatcher(lan.loop());
        this.incarnation = new Incarnation();
    }

    public String name() {
        return name;
    }

    public VrrpRouterSettings settings() {
        return settings;
    }

    public VrrpRouter router() {
        return incarnation.router;
    }

    public VrrpDispatcher dispatcher() {
        return dispatcher;
    }

    public VrrpState state() {
        return incarnation.router.state();
    }

    public boolean isAlive() {
        return alive;
    }

    public boolean isLinkUp() {
        return linkUp;
    }

    public void start() {
        alive = true;
        incarnation.router.start();
    }

    /** kill -9: the process vanishes without a word; its VIPs stay configured. */
    public void kill() {
        alive = false;
        incarnation.active = false;
        incarnation.router.stop(); // only to cancel its timers; nothing it does reaches the LAN any more
    }

    /** SIGTERM: priority 0 as master, VIPs removed, then gone. */
    public void stopGracefully() {
        incarnation.router.stop();
        alive = false;
        incarnation.active = false;
    }

    /** A new process after kill()/stopGracefully(). */
    public void restart() {
        dispatcher.unregister(incarnation.router);
        incarnation = new Incarnation();
        start();
    }

    /**
     * A configuration reload of this running process: the router takes {@code next} in place (keepalived's reload
     * of a surviving instance); the VIP diff is by address.
     */
    public void reload(VrrpRouterSettings next) {
        List<InetAddress> removed = settings.virtualAddresses().stream()
                .filter(a -> !next.virtualAddresses().contains(a)).toList();
        List<InetAddress> added = next.virtualAddresses().stream()
                .filter(a -> !settings.virtualAddresses().contains(a)).toList();
        settings = next;
        incarnation.router.reconfigure(next, incarnation, incarnation, removed, added);
    }

    /** Every install/remove call on the VIP port, in order. */
    public List<AddressOp> addressOps() {
        return Collections.unmodifiableList(addressOps);
    }

    /** Also tells {@code listener} what the router reports (after the node recorded it), e.g. a sync group. */
    public void addListener(VrrpEventListener listener) {
        extraListeners.add(listener);
    }

    public void linkDown() {
        linkUp = false;
        incarnation.router.setFault("link", true);
    }

    public void linkUp() {
        linkUp = true;
        incarnation.router.setFault("link", false);
    }

    public Set<InetAddress> installedAddresses() {
        return Collections.unmodifiableSet(installedAddresses);
    }

    public List<Sent> sent() {
        return Collections.unmodifiableList(sent);
    }

    public List<Transition> transitions() {
        return Collections.unmodifiableList(transitions);
    }

    public List<Transition> transitionsTo(VrrpState to) {
        return transitions.stream().filter(t -> t.to() == to).toList();
    }

    public List<Announcement> announcements() {
        return Collections.unmodifiableList(announcements);
    }

    public List<Rejection> rejections() {
        return Collections.unmodifiableList(rejections);
    }

    public List<PriorityChange> priorityChanges() {
        return Collections.unmodifiableList(priorityChanges);
    }

    @Override
    public String toString() {
        return name + "[" + settings.primaryAddress().getHostAddress() + ", " + state() + "]";
    }

    /** The ports of one process lifetime; a killed incarnation's output goes nowhere. */
    private final class Incarnation implements AdvertSender, VirtualAddressActions, VrrpEventListener {
        final VrrpRouter router;
        boolean active = true;

        Incarnation() {
            router = new VrrpRouter(settings, lan.loop(), this, this, this);
            dispatcher.register(router);
        }

        private long now() {
            return lan.now();
        }

        @Override
        public void send(VrrpAdvert advert, InetAddress source) {
            if (active && alive && linkUp) {
                sent.add(new Sent(now(), advert));
                lan.transmit(SimNode.this, advert);
            }
        }

        @Override
        public void install(List<InetAddress> addresses) {
            if (active) {
                installedAddresses.addAll(addresses);
                addressOps.add(new AddressOp(now(), true, List.copyOf(addresses)));
            }
        }

        @Override
        public void remove(List<InetAddress> addresses, boolean atStartup) {
            if (active) {
                addresses.forEach(installedAddresses::remove);
                addressOps.add(new AddressOp(now(), false, List.copyOf(addresses)));
            }
        }

        @Override
        public void announce(List<InetAddress> addresses, int count, AnnounceReason reason) {
            if (active && linkUp) {
                announcements.add(new Announcement(now(), count, reason));
            }
        }

        @Override
        public void stateChanged(VrrpRouter r, VrrpState from, VrrpState to, StateChangeReason reason) {
            if (active) {
                transitions.add(new Transition(now(), from, to, reason));
                extraListeners.forEach(l -> l.stateChanged(r, from, to, reason));
            }
        }

        @Override
        public void effectivePriorityChanged(VrrpRouter r, int oldPriority, int newPriority) {
            if (active) {
                priorityChanges.add(new PriorityChange(now(), oldPriority, newPriority));
                extraListeners.forEach(l -> l.effectivePriorityChanged(r, oldPriority, newPriority));
            }
        }

        @Override
        public void advertRejected(VrrpRouter r, RejectReason reason, InetAddress source) {
            if (active) {
                rejections.add(new Rejection(now(), reason, source));
            }
        }

        @Override
        public void masterReceivedLowerPriority(VrrpRouter r, InetAddress source, int priority) {
            if (active) {
                extraListeners.forEach(l -> l.masterReceivedLowerPriority(r, source, priority));
            }
        }
    }
}
