package org.keepalived4j.vrrp.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keepalived4j.vrrp.loop.EventLoop;
import org.keepalived4j.vrrp.loop.LoopTimer;

/**
 * vrrp_garp_interval / vrrp_gna_interval: the minimum gap between two gratuitous ARPs (or two unsolicited NAs) on one
 * interface, shared by every instance, as keepalived 2.2.7 paces them ({@code send_gratuitous_arp},
 * {@code vrrp_arp_thread}). A VMAC counts as its parent interface. Each address has one "pending" flag, not a queue:
 * a burst of N messages for an address that has to wait collapses into one delayed message, and delayed messages go
 * out one per interval in configuration order (instances, then their addresses). With both intervals 0 (the
 * default) every message is sent at once. Loop thread only.
 */
public final class AnnouncePacer {
    private final EventLoop loop;
    private final long garpIntervalNanos;
    private final long gnaIntervalNanos;
    /** Earliest loop time of the next message per (base interface, family); absent = nothing sent yet. */
    private final Map<String, Long> nextFree = new HashMap<>();
    private final List<Member> members = new ArrayList<>();
    private final LoopTimer timer;

    /** Where a member's admitted messages go (the instance's packet sockets, through the kernel worker). */
    @FunctionalInterface
    public interface Sender {
        void send(List<InetAddress> addresses);
    }

    public AnnouncePacer(EventLoop loop, Duration garpInterval, Duration gnaInterval) {
        this.loop = loop;
        this.garpIntervalNanos = garpInterval.toNanos();
        this.gnaIntervalNanos = gnaInterval.toNanos();
        this.timer = loop.newTimer(this::sendPending);
    }

    /** No pacing at all: messages go out as requested. */
    public static AnnouncePacer none(EventLoop loop) {
        return new AnnouncePacer(loop, Duration.ZERO, Duration.ZERO);
    }

    /**
     * One instance's addresses, in configuration order, each with the interface whose limit it shares (the VMAC's
     * parent for addresses on a VMAC). Members are served in registration order.
     */
    public Member register(Map<InetAddress, String> baseInterfaceOf, Sender sender) {
        Member m = new Member(baseInterfaceOf, sender);
        members.add(m);
        return m;
    }

    /** The announcements of one instance. */
    public final class Member {
        private final Map<InetAddress, Slot> slots = new LinkedHashMap<>();
        private final Sender sender;

        private Member(Map<InetAddress, String> baseInterfaceOf, Sender sender) {
            baseInterfaceOf.forEach((a, itf) -> slots.put(a, new Slot(a, itf + (a instanceof Inet6Address ? "|na"
                    : "|arp"), a instanceof Inet6Address ? gnaIntervalNanos : garpIntervalNanos)));
            this.sender = sender;
        }

        /**
         * {@code count} rounds over {@code addresses}: what the interface limits allow goes to the sender now (in
         * order, one call), the rest is marked pending.
         */
        public void announce(List<InetAddress> addresses, int count) {
            List<InetAddress> now = new ArrayList<>();
            long t = loop.clock().nanoTime();
            for (int i = 0; i < count; i++) {
                for (InetAddress a : addresses) {
                    Slot s = slots.get(a);
                    if (s != null && admit(s, t)) {
                        now.add(a);
                    }
                }
            }
            if (!now.isEmpty()) {
                sender.send(now);
            }
        }

        /** The addresses left the interface (no longer master): their delayed messages are dropped. */
        public void cancel(List<InetAddress> addresses) {
            for (InetAddress a : addresses) {
                Slot s = slots.get(a);
                if (s != null) {
                    s.pending = false;
                }
            }
        }

        /** True while a delayed message waits for {@code address} (tests, diagnostics). */
        public boolean isPending(InetAddress address) {
            Slot s = slots.get(address);
            return s != null && s.pending;
        }
    }

    private static final class Slot {
        final InetAddress address;
        final String key;
        final long intervalNanos;
        boolean pending;

        Slot(InetAddress address, String key, long intervalNanos) {
            this.address = address;
            this.key = key;
            this.intervalNanos = intervalNanos;
        }
    }

    /** Sends now (booking the interface) or marks the address pending and makes sure the timer will serve it. */
    private boolean admit(Slot s, long now) {
        if (s.intervalNanos == 0) {
            return true;
        }
        Long free = nextFree.get(s.key);
        if (free != null && now < free) {
            s.pending = true;
            if (!timer.isPending() || free < timer.deadline()) {
                timer.armAt(free);
            }
            return false;
        }
        nextFree.put(s.key, now + s.intervalNanos);
        return true;
    }

    /** keepalived's vrrp_arp_thread: every pending address whose interface is free again goes out. */
    private void sendPending() {
        long now = loop.clock().nanoTime();
        long earliest = Long.MAX_VALUE;
        for (Member m : members) {
            List<InetAddress> out = new ArrayList<>();
            for (Slot s : m.slots.values()) {
                if (!s.pending) {
                    continue;
                }
                long free = nextFree.getOrDefault(s.key, now);
                if (now >= free) {
                    s.pending = false;
                    nextFree.put(s.key, now + s.intervalNanos);
                    out.add(s.address);
                } else {
                    earliest = Math.min(earliest, free);
                }
            }
            if (!out.isEmpty()) {
                m.sender.send(out);
            }
        }
        if (earliest != Long.MAX_VALUE) {
            timer.armAt(earliest);
        }
    }
}
