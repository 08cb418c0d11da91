package org.keepalived4j.vrrp.sim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.keepalived4j.codec.vrrp.VrrpAdvert;
import org.keepalived4j.vrrp.AhVerdict;
import org.keepalived4j.vrrp.AuthType;
import org.keepalived4j.vrrp.ReceivedAdvert;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.VrrpState;

/**
 * A virtual LAN of VRRP routers sharing one {@link VirtualEventLoop}: every advert reaches every other node after
 * {@link #latency}, unless lost (seeded, so runs repeat exactly), partitioned away, or the receiver is dead / link down.
 */
public final class SimulatedLan {
    /** One advert that arrived at a node's receive path. */
    public record Delivery(long atNanos, SimNode from, SimNode to, VrrpAdvert advert) {
    }

    private final VirtualEventLoop loop = new VirtualEventLoop();
    private final Random random;
    private final List<SimNode> nodes = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private long latencyNanos = 200_000;
    private double lossRate;
    private long lost;

    public SimulatedLan(long seed) {
        this.random = new Random(seed);
    }

    public SimulatedLan() {
        this(1);
    }

    public VirtualEventLoop loop() {
        return loop;
    }

    public SimulatedLan latency(Duration latency) {
        this.latencyNanos = latency.toNanos();
        return this;
    }

    public long latencyNanos() {
        return latencyNanos;
    }

    /** Probability in [0,1) that one advert is lost on its way to one receiver. */
    public SimulatedLan lossRate(double rate) {
        this.lossRate = rate;
        return this;
    }

    public long lostCount() {
        return lost;
    }

    /** Adds a node; it does nothing until {@link SimNode#start()}. */
    public SimNode add(String name, VrrpRouterSettings settings) {
        SimNode node = new SimNode(this, name, settings);
        nodes.add(node);
        return node;
    }

    public List<SimNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public void startAll() {
        nodes.forEach(SimNode::start);
    }

    public void advanceBy(Duration d) {
        loop.advanceBy(d);
    }

    public void advanceTo(long nanos) {
        loop.advanceTo(nanos);
    }

    public long now() {
        return loop.nowNanos();
    }

    /** Running nodes (alive, link up) whose router is MASTER. */
    public List<SimNode> masters() {
        return nodes.stream().filter(n -> n.isAlive() && n.isLinkUp() && n.state() == VrrpState.MASTER).toList();
    }

    /** Splits the LAN: each argument group only hears itself; nodes not named form one more group. */
    public void partition(List<SimNode> first, List<SimNode> second) {
        nodes.forEach(n -> n.group = 0);
        first.forEach(n -> n.group = 1);
        second.forEach(n -> n.group = 2);
    }

    public void heal() {
        nodes.forEach(n -> n.group = 0);
    }

    public List<Delivery> deliveries() {
        return Collections.unmodifiableList(deliveries);
    }

    public List<Delivery> deliveriesTo(SimNode to) {
        return deliveries.stream().filter(d -> d.to() == to).toList();
    }

    /** Puts a crafted advert on the wire as if sent from {@code source}, to all nodes (TTL as given). */
    public void inject(InetAddress source, VrrpAdvert advert, int ttl) {
        for (SimNode to : nodes) {
            loop.schedule(latencyNanos, () -> {
                if (to.isAlive() && to.isLinkUp()) {
                    to.dispatcher().deliver(new ReceivedAdvert(advert, source, ttl, AhVerdict.ABSENT,
                            loop.nowNanos()));
                }
            });
        }
    }

    void transmit(SimNode from, VrrpAdvert advert) {
        for (SimNode to : nodes) {
            if (to == from || to.group != from.group) {
                continue;
            }
            if (lossRate > 0 && random.nextDouble() < lossRate) {
                lost++;
                continue;
            }
            loop.schedule(latencyNanos, () -> {
                if (to.isAlive() && to.isLinkUp()) {
                    deliveries.add(new Delivery(loop.nowNanos(), from, to, advert));
                    to.dispatcher().deliver(new ReceivedAdvert(advert, from.settings().primaryAddress(), 255,
                            ahVerdict(from, to, advert), loop.nowNanos()));
                }
            });
        }
    }

    /** Emulates the AH ICV check: valid when both ends use AH with the same key. */
    private static AhVerdict ahVerdict(SimNode from, SimNode to, VrrpAdvert advert) {
        if (advert.authType() != AuthType.AH.code() || from.settings().authentication().type() != AuthType.AH) {
            return AhVerdict.ABSENT;
        }
        boolean sameKey = from.settings().authentication().equals(to.settings().authentication());
        return sameKey ? AhVerdict.VALID : AhVerdict.INVALID;
    }

    /** Test settings: IPv4 VRID {@code vrid}, primary 10.0.0.{host}, VIP 10.0.0.100. */
    public static VrrpRouterSettings.Builder settings(String name, int vrid, int priority, int host) {
        return VrrpRouterSettings.builder(name, vrid).priority(priority).primaryAddress(ip("10.0.0." + host))
                .virtualAddresses(List.of(ip("10.0.0.100")));
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
