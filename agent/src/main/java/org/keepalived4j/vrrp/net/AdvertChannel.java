package org.keepalived4j.vrrp.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.codec.ah.IpsecAh;
import org.keepalived4j.codec.ip.Ipv4Header;
import org.keepalived4j.codec.ip.Ipv4HeaderCodec;
import org.keepalived4j.codec.vrrp.ReceivedVrrp;
import org.keepalived4j.codec.vrrp.V3Checksum;
import org.keepalived4j.codec.vrrp.VrrpCodec;
import org.keepalived4j.codec.vrrp.VrrpDecodeResult;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.RawIpSocket;
import org.keepalived4j.sys.ReceivedPacket;
import org.keepalived4j.sys.Wakeup;
import org.keepalived4j.vrrp.AddressFamily;
import org.keepalived4j.vrrp.AdvertSender;
import org.keepalived4j.vrrp.AhVerdict;
import org.keepalived4j.vrrp.AuthType;
import org.keepalived4j.vrrp.MalformedKind;
import org.keepalived4j.vrrp.ReceivedAdvert;
import org.keepalived4j.vrrp.VrrpDispatcher;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.loop.EventLoop;

/**
 * The adverts of one (interface, family, multicast or unicast): a raw protocol-112 socket bound to the interface
 * (plus a protocol-51 socket when an instance uses AH), the multicast membership, one receive thread per socket
 * and the {@link VrrpDispatcher} of the VRIDs on it. Received packets are decoded and AH-checked on the receive
 * thread; the replay check and delivery run on the VRRP loop thread. Undecodable packets are counted through
 * {@link VrrpDispatcher#reportMalformed}, never thrown.
 */
public final class AdvertChannel implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(AdvertChannel.class);
    /** Pause after a failed receive, and the unit of close()'s bounded wait for the receive threads. */
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int VRRP_CHECKSUM_OFFSET = 6;
    /** A receive time stamp this much older than the clock is not believed (a wall-clock step in between). */
    private static final long MAX_RECEIPT_AGE_NANOS = 100_000_000L;

    private final String ifName;
    private final int ifIndex;
    private final AddressFamily family;
    private final boolean unicast;
    private final InetAddress group;
    private final EventLoop loop;
    private final VrrpDispatcher dispatcher;
    private final RawIpSocket vrrpSocket;
    private final Set<V3Checksum> acceptedChecksums;
    private final InstanceSender[] senders = new InstanceSender[256];
    private final List<RawIpSocket> sockets = new ArrayList<>();
    private final List<Thread> receivers = new ArrayList<>();
    /** Receive threads sleep in poll() with no timeout (no idle wake-ups); close() signals this to stop them. */
    private final Wakeup stop;
    private volatile boolean running;
    private volatile boolean joined;

    private AdvertChannel(String ifName, int ifIndex, AddressFamily family, boolean unicast, InetAddress group,
                          EventLoop loop, RawIpSocket vrrpSocket, Wakeup stop) {
        this.stop = stop;
        this.ifName = ifName;
        this.ifIndex = ifIndex;
        this.family = family;
        this.unicast = unicast;
        this.group = group;
        this.loop = loop;
        this.dispatcher = new VrrpDispatcher(loop);
        this.vrrpSocket = vrrpSocket;
        this.sockets.add(vrrpSocket);
        // keepalived 2.2.7 checks v3 IPv4 with the pseudo-header; unicast also auto-detects the <= 1.3.6 variant
        this.acceptedChecksums = unicast
                ? EnumSet.of(V3Checksum.PSEUDO_HEADER, V3Checksum.PSEUDO_HEADER_MULTICAST_DESTINATION)
                : EnumSet.of(V3Checksum.PSEUDO_HEADER);
    }

    /**
     * Opens the socket(s) in the calling thread's network namespace.
     *
     * @param group 224.0.0.18 / ff02::12 or the configured vrrp_mcast_group; ignored for unicast
     * @param ipv6Source the link-local (or unicast_src_ip) address IPv6 adverts leave from; null for IPv4
     */
    public static AdvertChannel open(String ifName, int ifIndex, AddressFamily family, boolean unicast,
                                     InetAddress group, InetAddress ipv6Source, EventLoop loop)
            throws NativeCallException {
        RawIpSocket s = openSocket(ifName, ifIndex, family, unicast, group, VrrpCodec.PROTOCOL_VRRP);
        Wakeup stop = null;
        try {
            stop = Wakeup.open();
            if (family == AddressFamily.IPV4) {
                s.setHeaderIncluded(true);
            } else {
                s.setIpv6ChecksumOffset(VRRP_CHECKSUM_OFFSET);
                s.setTrafficClass(Ipv4HeaderCodec.TOS_NETWORK_CONTROL);
                s.setMulticastTtl(Ipv4HeaderCodec.TTL_VRRP);
                s.setUnicastTtl(Ipv4HeaderCodec.TTL_VRRP);
                if (ipv6Source != null) {
                    s.bind(ipv6Source, ((Inet6Address) ipv6Source).isLinkLocalAddress() ? ifIndex : 0);
                }
            }
        } catch (NativeCallException | RuntimeException e) {
            s.close();
            if (stop != null) {
                stop.close();
            }
            throw e;
        }
        return new AdvertChannel(ifName, ifIndex, family, unicast, group, loop, s, stop);
    }

    private static RawIpSocket openSocket(String ifName, int ifIndex, AddressFamily family, boolean unicast,
                                          InetAddress group, int protocol) throws NativeCallException {
        RawIpSocket s = RawIpSocket.open(family == AddressFamily.IPV6, protocol);
        try {
            s.bindToDevice(ifName);
            if (family == AddressFamily.IPV4) {
                s.setMulticastAll(false);
            }
            s.setMulticastLoop(false);
            s.enableReceiveInfo();
            s.enableReceiveTimestamps();
            s.setMulticastInterface(ifIndex);
            return s;
        } catch (NativeCallException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * The sender of one instance on this channel; with use_vmac {@code sendSocket} is a socket bound to the VMAC
     * and {@code sendIfIndex} the VMAC's index (else null and this channel's interface). Call before {@link #start()}.
     */
    public AdvertSender senderFor(VrrpRouterSettings settings, RawIpSocket sendSocket, int sendIfIndex)
            throws NativeCallException {
        AhState ah = null;
        if (settings.authentication().type() == AuthType.AH) {
            ensureAhSocket();
            ah = new AhState(settings.authentication().key());
        }
        if (unicast && family == AddressFamily.IPV6 && settings.unicastTtl() != Ipv4HeaderCodec.TTL_VRRP) {
            // the hop limit of IPv6 adverts is a socket option: unicast_ttl applies to the whole channel
            vrrpSocket.setUnicastTtl(settings.unicastTtl());
        }
        InstanceSender sender = new InstanceSender(settings, sendSocket != null ? sendSocket : vrrpSocket,
                sendSocket != null ? sendIfIndex : ifIndex, group, ah);
        senders[settings.virtualRouterId()] = sender;
        return sender;
    }

    private void ensureAhSocket() throws NativeCallException {
        if (sockets.size() == 1) {
            sockets.add(openSocket(ifName, ifIndex, family, unicast, group, Ipv4Header.PROTOCOL_AH));
        }
    }

    /** Routes adverts of the router's VRID to it. Call before {@link #start()}. */
    public void register(VrrpRouter router) {
        dispatcher.register(router);
    }

    /** Loop thread, on the instance's transition to MASTER: a cycled AH counter starts again (keepalived). */
    public void becameMaster(int vrid) {
        InstanceSender sender = senders[vrid];
        if (sender != null && sender.ah() != null) {
            sender.ah().counter.onBecomingMaster();
        }
    }

    public VrrpDispatcher dispatcher() {
        return dispatcher;
    }

    public boolean isUnicast() {
        return unicast;
    }

    public AddressFamily family() {
        return family;
    }

    public String ifName() {
        return ifName;
    }

    /**
     * Joins the multicast group on every socket (unicast: nothing to do). Separate from {@link #open} so that the
     * runtime joins right before its routers start their timers, as keepalived does: a backup hears the master from
     * the moment its down timer runs, and the IGMP report on the wire marks that moment, not the JVM's set-up.
     */
    public void joinGroup() throws NativeCallException {
        if (unicast || joined) {
            return;
        }
        for (RawIpSocket s : sockets) {
            s.joinGroup(group, ifIndex);
        }
        joined = true;
    }

    /** Starts one receive thread per socket (they inherit the caller's network namespace); once (reloads call it again). */
    public void start() {
        if (!receivers.isEmpty()) {
            return;
        }
        running = true;
        for (RawIpSocket s : sockets) {
            String name = "vrrp-rx-" + ifName + "-" + (family == AddressFamily.IPV4 ? "v4" : "v6")
                    + (unicast ? "-ucast" : "") + (s.protocol() == Ipv4Header.PROTOCOL_AH ? "-ah" : "");
            Thread t = new Thread(() -> receiveLoop(s), name);
            t.setDaemon(true);
            receivers.add(t);
            t.start();
        }
    }

    private void receiveLoop(RawIpSocket socket) {
        while (running) {
            ReceivedPacket packet;
            long receivedAt;
            try {
                packet = socket.receive(stop);
                receivedAt = receiptTime(packet);
            } catch (NativeCallException e) {
                if (!running || !socket.isOpen()) {
                    return;
                }
                LOG.warn("receive on {} failed: {}", ifName, e.getMessage());
                pause();
                continue;
            }
            if (packet != null) {
                try {
                    handle(packet, receivedAt);
                } catch (RuntimeException e) {
                    LOG.warn("dropped a packet from {} on {}: {}", hostOf(packet.source()), ifName, e.toString());
                }
            }
        }
    }

    /**
     * When the kernel received the packet, on the loop's clock: the Master_Down timer runs from the advert's arrival
     * (RFC 3768 6.4.2), not from the moment this thread was scheduled to read it, a wake-up later (keepalived counts
     * from the latter). The kernel stamps in wall-clock time; a stamp older than {@link #MAX_RECEIPT_AGE_NANOS} (the
     * wall clock was stepped) is not trusted.
     */
    private long receiptTime(ReceivedPacket packet) {
        long now = loop.clock().nanoTime();
        if (packet == null || packet.kernelTimeNanos() <= 0) {
            return now;
        }
        Instant wall = Instant.now();
        long age = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - packet.kernelTimeNanos();
        return age > 0 && age < MAX_RECEIPT_AGE_NANOS ? now - age : now;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(ReceivedPacket packet, long receivedAt) {
        InetAddress destination = packet.destination();
        if (destination != null && destination.isMulticastAddress() == unicast) {
            return; // the other channel of this interface (multicast vs unicast) takes it
        }
        if (!unicast && destination != null && !destination.equals(group)) {
            return;
        }
        byte[] data = packet.data();
        ByteBuffer buffer = ByteBuffer.wrap(data);
        VrrpDecodeResult result;
        if (family == AddressFamily.IPV4) {
            result = VrrpCodec.decodeIpv4(buffer, 0, data.length, acceptedChecksums);
        } else {
            if (!(packet.source() instanceof Inet6Address src) || !(destination instanceof Inet6Address dst)) {
                return;
            }
            result = VrrpCodec.decodeIpv6(buffer, 0, data.length, src, dst, packet.ttl(), false);
        }
        if (result instanceof VrrpDecodeResult.Rejected rejected) {
            reportRejected(rejected, data, packet.source());
            return;
        }
        ReceivedVrrp vrrp = ((VrrpDecodeResult.Decoded) result).packet();
        int vrid = vrrp.advert().virtualRouterId();
        InstanceSender sender = senders[vrid];
        if (sender != null && unicast && vrrp.checksum() == V3Checksum.PSEUDO_HEADER_MULTICAST_DESTINATION) {
            sender.useOldUnicastChecksum();
        }
        AhVerdict verdict = AhVerdict.ABSENT;
        if (vrrp.ah() != null) {
            AhState ah = sender == null ? null : sender.ah();
            verdict = ah != null && ah.verifier.verify(buffer, 0, data.length, unicast) == IpsecAh.Check.VALID
                    ? AhVerdict.VALID : AhVerdict.INVALID;
        }
        InetAddress source = vrrp.source() != null ? vrrp.source() : packet.source();
        ReceivedAdvert in = new ReceivedAdvert(vrrp.advert(), source, vrrp.ttl(), verdict, receivedAt);
        long sequence = vrrp.ah() == null ? -1 : vrrp.ah().sequence();
        loop.execute(() -> deliver(in, sequence));
    }

    /** Loop thread: the AH replay check needs the instance's counter and state, then the dispatcher. */
    private void deliver(ReceivedAdvert in, long ahSequence) {
        ReceivedAdvert checked = in;
        if (in.ah() == AhVerdict.VALID) {
            VrrpRouter router = dispatcher.router(in.advert().virtualRouterId());
            AhState ah = senders[in.advert().virtualRouterId()].ah();
            boolean backup = router != null && router.state() == VrrpState.BACKUP;
            if (!ah.counter.acceptReceived(ahSequence, backup)) {
                checked = in.withAh(AhVerdict.INVALID);
            } else if (router != null && router.state() == VrrpState.MASTER
                    && in.advert().priority() < router.effectivePriority()) {
                // keepalived: our next advert must carry a sequence number the lower-priority sender accepts
                ah.counter.moveBeyond(ahSequence);
            }
        }
        dispatcher.deliver(checked);
    }

    private void reportRejected(VrrpDecodeResult.Rejected rejected, byte[] data, InetAddress source) {
        MalformedKind kind = switch (rejected.error().counter()) {
            case CHECKSUM -> MalformedKind.CHECKSUM;
            case VERSION -> MalformedKind.VERSION;
            case INVALID_TYPE -> MalformedKind.INVALID_TYPE;
            case PACKET_LENGTH -> MalformedKind.PACKET_LENGTH;
            default -> null;
        };
        if (kind == null) {
            LOG.debug("dropped packet from {} on {}: {}", hostOf(source), ifName, rejected);
            return;
        }
        int vrid = vridOf(data);
        String detail = rejected.error() + ": " + rejected.detail();
        loop.execute(() -> dispatcher.reportMalformed(vrid, kind, source, detail));
    }

    /** Best effort: the VRID byte of a packet the codec rejected, or -1. */
    private int vridOf(byte[] data) {
        int at = 0;
        if (family == AddressFamily.IPV4) {
            if (data.length < Ipv4Header.MIN_LENGTH) {
                return -1;
            }
            at = (data[0] & 0x0f) * 4;
            if ((data[9] & 0xff) == Ipv4Header.PROTOCOL_AH) {
                at += IpsecAh.HEADER_LENGTH;
            }
        }
        return data.length > at + 1 ? data[at + 1] & 0xff : -1;
    }

    private static String hostOf(InetAddress a) {
        return a == null ? "?" : a.getHostAddress();
    }

    /** Stops the receive threads, then closes the sockets (closing under a poll() would race with fd reuse). */
    @Override
    public void close() {
        running = false;
        stop.signal();
        for (Thread t : receivers) {
            try {
                t.join(POLL.toMillis() * 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (joined) {
            for (RawIpSocket s : sockets) {
                try {
                    s.leaveGroup(group, ifIndex);
                } catch (NativeCallException e) {
                    LOG.debug("leaving {} on {}: {}", group.getHostAddress(), ifName, e.getMessage());
                }
            }
        }
        sockets.forEach(RawIpSocket::close);
        stop.close();
    }
}
