package org.keepalived4j.vrrp.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.codec.ah.IpsecAh;
import org.keepalived4j.codec.ip.Ipv4Header;
import org.keepalived4j.codec.ip.Ipv4HeaderCodec;
import org.keepalived4j.codec.vrrp.AdvertDecodeCache;
import org.keepalived4j.codec.vrrp.ReceivedVrrp;
import org.keepalived4j.codec.vrrp.V3Checksum;
import org.keepalived4j.codec.vrrp.VrrpCodec;
import org.keepalived4j.codec.vrrp.VrrpDecodeResult;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.RawIpSocket;
import org.keepalived4j.sys.ReceiveBuffer;
import org.keepalived4j.vrrp.AddressFamily;
import org.keepalived4j.vrrp.AdvertSender;
import org.keepalived4j.vrrp.AhVerdict;
import org.keepalived4j.vrrp.AuthType;
import org.keepalived4j.vrrp.MalformedKind;
import org.keepalived4j.vrrp.RateLimitedLog;
import org.keepalived4j.vrrp.ReceivedAdvert;
import org.keepalived4j.vrrp.VrrpDispatcher;
import org.keepalived4j.vrrp.VrrpRouter;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.VrrpState;
import org.keepalived4j.vrrp.loop.ThreadEventLoop;

/**
 * The adverts of one (interface, family, multicast or unicast): a raw protocol-112 socket bound to the interface
 * (plus a protocol-51 socket when an instance uses AH), the multicast membership and the {@link VrrpDispatcher} of
 * the VRIDs on it. The VRRP loop thread watches the sockets and reads, decodes, AH-checks and delivers each packet
 * itself (keepalived's model: no receive thread, no hand-off). Undecodable packets are counted through
 * {@link VrrpDispatcher#reportMalformed}, never thrown.
 */
public final class AdvertChannel implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(AdvertChannel.class);
    /** Packets read per readiness event before the loop looks at its timers again. */
    private static final int MAX_READS_PER_WAKE = 64;
    /** A failing receive is logged at most once per this interval (the loop calls again while the error lasts). */
    private static final long RECEIVE_WARN_PERIOD_NANOS = 10_000_000_000L;
    private static final int VRRP_CHECKSUM_OFFSET = 6;
    private static final int IPV4_DESTINATION = 16;
    /** A receive time stamp this much older than the clock is not believed (a wall-clock step in between). */
    private static final long MAX_RECEIPT_AGE_NANOS = 100_000_000L;

    private final String ifName;
    private final int ifIndex;
    private final AddressFamily family;
    private final boolean unicast;
    private final InetAddress group;
    private final byte[] groupBytes;
    private final ThreadEventLoop loop;
    private final VrrpDispatcher dispatcher;
    private final RawIpSocket vrrpSocket;
    private final Set<V3Checksum> acceptedChecksums;
    private final InstanceSender[] senders = new InstanceSender[256];
    /** The sockets, each with its watch on the loop once started (null before). */
    private final Map<RawIpSocket, ThreadEventLoop.ReadableWatch> sockets = new LinkedHashMap<>();
    private volatile boolean joined;
    private volatile boolean closed;
    private final RateLimitedLog receiveWarnings;
    /** Loop thread only: the slots one receive call reads into, reused for every call. */
    private final ReceiveBuffer[] batch = new ReceiveBuffer[RawIpSocket.BATCH];
    /** Loop thread only: each VRID's last IPv4 advert, reused while its master repeats it. */
    private final AdvertDecodeCache decodeCache = new AdvertDecodeCache();

    private AdvertChannel(String ifName, int ifIndex, AddressFamily family, boolean unicast, InetAddress group,
                          ThreadEventLoop loop, RawIpSocket vrrpSocket) {
        this.ifName = ifName;
        this.ifIndex = ifIndex;
        this.family = family;
        this.unicast = unicast;
        this.group = group;
        this.groupBytes = group == null ? new byte[0] : group.getAddress();
        this.loop = loop;
        this.dispatcher = new VrrpDispatcher(loop);
        this.receiveWarnings = new RateLimitedLog(LOG, loop.clock(), RECEIVE_WARN_PERIOD_NANOS);
        this.vrrpSocket = vrrpSocket;
        this.sockets.put(vrrpSocket, null);
        for (int i = 0; i < batch.length; i++) {
            batch[i] = new ReceiveBuffer();
        }
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
                                     InetAddress group, InetAddress ipv6Source, ThreadEventLoop loop)
            throws NativeCallException {
        RawIpSocket s = openSocket(ifName, ifIndex, family, unicast, group, VrrpCodec.PROTOCOL_VRRP);
        try {
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
            throw e;
        }
        return new AdvertChannel(ifName, ifIndex, family, unicast, group, loop, s);
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
            if (family == AddressFamily.IPV6) {
                s.enableReceiveInfo(); // IPv4 has TTL and destination in the header it receives
            }
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
                sendSocket != null ? sendIfIndex : ifIndex, group, ah, loop);
        senders[settings.virtualRouterId()] = sender;
        return sender;
    }

    private synchronized void ensureAhSocket() throws NativeCallException {
        if (sockets.size() == 1) {
            RawIpSocket ah = openSocket(ifName, ifIndex, family, unicast, group, Ipv4Header.PROTOCOL_AH);
            if (joined) {
                ah.joinGroup(group, ifIndex);
            }
            sockets.put(ah, null);
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
    public synchronized void joinGroup() throws NativeCallException {
        if (unicast || joined) {
            return;
        }
        for (RawIpSocket s : sockets.keySet()) {
            s.joinGroup(group, ifIndex);
        }
        joined = true;
    }

    /**
     * Has the loop watch every socket not yet watched (a reload may have added the AH socket since the last call).
     * Packets that arrive before are queued by the kernel.
     */
    public synchronized void start() {
        if (closed) {
            return;
        }
        for (Map.Entry<RawIpSocket, ThreadEventLoop.ReadableWatch> e : sockets.entrySet()) {
            if (e.getValue() == null) {
                RawIpSocket socket = e.getKey();
                e.setValue(loop.watchReadable(socket.fd(), () -> drain(socket)));
            }
        }
    }

    /**
     * Loop thread, when the socket is readable: reads what is queued, {@link RawIpSocket#BATCH} packets per system
     * call (bounded per wake-up, so timers are not starved), handling each packet as it comes.
     */
    private void drain(RawIpSocket socket) {
        for (int read = 0; read < MAX_READS_PER_WAKE && !closed; ) {
            int n;
            try {
                n = socket.receiveBatch(batch, batch.length);
            } catch (NativeCallException e) {
                if (!closed && socket.isOpen()) {
                    receiveWarnings.log(Level.WARN, socket, "receive on " + ifName + " failed: " + e.getMessage());
                }
                return;
            }
            // one reading of the two clocks per system call: every packet it returned had arrived before it returned
            long now = loop.clock().nanoTime();
            long wallNow = n > 0 ? wallClockNanos() : 0;
            for (int i = 0; i < n; i++) {
                ReceiveBuffer packet = batch[i];
                try {
                    handle(packet, receiptTime(packet, now, wallNow));
                } catch (RuntimeException e) {
                    LOG.warn("dropped a packet from {} on {}: {}", hostOf(packet.source()), ifName, e.toString());
                }
            }
            if (n < batch.length) {
                return;
            }
            read += n;
        }
    }

    /**
     * When the kernel received the packet, on the loop's clock: the Master_Down timer runs from the advert's arrival
     * (RFC 3768 6.4.2), not from the moment this thread was scheduled to read it, a wake-up later (keepalived counts
     * from the latter). The kernel stamps in wall-clock time; a stamp older than {@link #MAX_RECEIPT_AGE_NANOS} (the
     * wall clock was stepped) is not trusted.
     */
    private static long receiptTime(ReceiveBuffer packet, long now, long wallNow) {
        if (packet.kernelTimeNanos() <= 0) {
            return now;
        }
        long age = wallNow - packet.kernelTimeNanos();
        return age >= 0 && age < MAX_RECEIPT_AGE_NANOS ? now - age : now;
    }

    private static long wallClockNanos() {
        Instant wall = Instant.now();
        return wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
    }

    private void handle(ReceiveBuffer packet, long receivedAt) {
        byte[] data = packet.data();
        int length = packet.length();
        if (!forThisChannel(packet, data, length)) {
            return;
        }
        ByteBuffer buffer = packet.buffer();
        VrrpDecodeResult result;
        if (family == AddressFamily.IPV4) {
            result = VrrpCodec.decodeIpv4(buffer, 0, length, acceptedChecksums, decodeCache);
        } else {
            if (!(packet.source() instanceof Inet6Address src) || !(packet.destination() instanceof Inet6Address dst)) {
                return;
            }
            result = VrrpCodec.decodeIpv6(buffer, 0, length, src, dst, packet.ttl(), false);
        }
        if (result instanceof VrrpDecodeResult.Rejected rejected) {
            reportRejected(rejected, data, length, packet.source());
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
            verdict = ah != null && ah.verifier.verify(buffer, 0, length, unicast) == IpsecAh.Check.VALID
                    ? AhVerdict.VALID : AhVerdict.INVALID;
        }
        InetAddress source = vrrp.source() != null ? vrrp.source() : packet.source();
        ReceivedAdvert in = new ReceivedAdvert(vrrp.advert(), source, vrrp.ttl(), verdict, receivedAt);
        deliver(in, vrrp.ah() == null ? -1 : vrrp.ah().sequence());
    }

    /**
     * Whether the packet's destination is this channel's: multicast vs unicast (the other channel of the interface
     * takes the rest) and, for multicast, our group. IPv4 reads it from the IP header the raw socket delivers (no
     * IP_PKTINFO per packet), IPv6 from IPV6_PKTINFO.
     */
    private boolean forThisChannel(ReceiveBuffer packet, byte[] data, int length) {
        if (family == AddressFamily.IPV4) {
            if (length < Ipv4Header.MIN_LENGTH) {
                return true; // the codec reports it
            }
            boolean multicast = (data[IPV4_DESTINATION] & 0xf0) == 0xe0;
            return multicast != unicast && (unicast
                    || Arrays.equals(data, IPV4_DESTINATION, IPV4_DESTINATION + 4, groupBytes, 0, 4));
        }
        InetAddress destination = packet.destination();
        if (destination == null) {
            return true;
        }
        return destination.isMulticastAddress() != unicast && (unicast || destination.equals(group));
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

    private void reportRejected(VrrpDecodeResult.Rejected rejected, byte[] data, int length, InetAddress source) {
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
        int vrid = vridOf(data, length);
        String detail = rejected.error() + ": " + rejected.detail();
        dispatcher.reportMalformed(vrid, kind, source, detail);
    }

    /** Best effort: the VRID byte of a packet the codec rejected, or -1. */
    private int vridOf(byte[] data, int length) {
        int at = 0;
        if (family == AddressFamily.IPV4) {
            if (length < Ipv4Header.MIN_LENGTH) {
                return -1;
            }
            at = (data[0] & 0x0f) * 4;
            if ((data[9] & 0xff) == Ipv4Header.PROTOCOL_AH) {
                at += IpsecAh.HEADER_LENGTH;
            }
        }
        return length > at + 1 ? data[at + 1] & 0xff : -1;
    }

    private static String hostOf(InetAddress a) {
        return a == null ? "?" : a.getHostAddress();
    }

    /** Takes the sockets off the loop (waiting until it has let go of them), then leaves the group and closes them. */
    @Override
    public void close() {
        List<ThreadEventLoop.ReadableWatch> watches;
        synchronized (this) {
            closed = true;
            watches = sockets.values().stream().filter(Objects::nonNull).toList();
        }
        // outside the lock: cancel waits for the loop thread, which takes the lock in joinGroup()
        watches.forEach(ThreadEventLoop.ReadableWatch::cancel);
        synchronized (this) {
            closeSockets();
        }
    }

    private void closeSockets() {
        if (joined) {
            for (RawIpSocket s : sockets.keySet()) {
                try {
                    s.leaveGroup(group, ifIndex);
                } catch (NativeCallException e) {
                    LOG.debug("leaving {} on {}: {}", group.getHostAddress(), ifName, e.getMessage());
                }
            }
        }
        sockets.keySet().forEach(RawIpSocket::close);
    }
}
