package org.keepalived4j.vrrp.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.codec.ah.IpsecAh;
import org.keepalived4j.codec.ip.Ipv4HeaderCodec;
import org.keepalived4j.codec.ip.Ipv4IdSequence;
import org.keepalived4j.codec.vrrp.V3Checksum;
import org.keepalived4j.codec.vrrp.VrrpAdvert;
import org.keepalived4j.codec.vrrp.VrrpCodec;
import org.keepalived4j.codec.vrrp.VrrpIpv4PacketWriter;
import org.keepalived4j.sys.NativeCallException;
import org.keepalived4j.sys.RawIpSocket;
import org.keepalived4j.vrrp.AddressFamily;
import org.keepalived4j.vrrp.AdvertSender;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.loop.ThreadEventLoop;

/**
 * The {@link AdvertSender} of one instance: builds each advert as keepalived does (IPv4: IP_HDRINCL header with
 * TOS 0xc0, TTL 255 (unicast: unicast_ttl) and a per-instance IP ID, AH when configured; IPv6: VRRP message only, checksum and hop limit
 * from the socket) and sends it without blocking to the multicast group or to every unicast peer. A periodic advert
 * sent on the loop thread is queued on the socket and flushed before the loop sleeps, together with the other
 * instances' adverts of the same turn (one sendmmsg); any other leaves at once.
 */
final class InstanceSender implements AdvertSender {
    private static final Logger LOG = LogManager.getLogger(InstanceSender.class);
    private static final long ERROR_LOG_PERIOD_NANOS = 5_000_000_000L;

    private final VrrpRouterSettings settings;
    private final RawIpSocket socket;
    private final int scopeId;
    private final List<InetAddress> destinations;
    private final Ipv4IdSequence ipIds = new Ipv4IdSequence();
    private final AhState ah;
    private final ThreadEventLoop loop;
    /** What logs a send the kernel refused at the flush (made once: no allocation per advert). */
    private final RawIpSocket.SendFailure failureLog = this::logSendError;
    private final Runnable flush;
    private volatile V3Checksum ipv4Checksum = V3Checksum.PSEUDO_HEADER;
    private long lastErrorLog = System.nanoTime() - ERROR_LOG_PERIOD_NANOS;

    InstanceSender(VrrpRouterSettings settings, RawIpSocket socket, int scopeId, InetAddress group, AhState ah,
                   ThreadEventLoop loop) {
        this.settings = settings;
        this.socket = socket;
        this.scopeId = scopeId;
        this.destinations = settings.isUnicast() ? settings.unicastPeers() : List.of(group);
        this.ah = ah;
        this.loop = loop;
        this.flush = socket::flushQueued;
    }

    AhState ah() {
        return ah;
    }

    /**
     * A unicast peer computed its v3 checksum with 224.0.0.18 as pseudo-header destination (keepalived &lt;= 1.3.6):
     * answer in kind, as keepalived 2.2.7's old_unicast_checksum auto-detection does.
     */
    void useOldUnicastChecksum() {
        if (ipv4Checksum != V3Checksum.PSEUDO_HEADER_MULTICAST_DESTINATION) {
            ipv4Checksum = V3Checksum.PSEUDO_HEADER_MULTICAST_DESTINATION;
            LOG.info("({}) peer uses the old unicast checksum; sending it too", settings.instanceName());
        }
    }

    @Override
    public void send(VrrpAdvert advert, InetAddress source) {
        transmit(advert, source, false);
    }

    @Override
    public void sendPeriodic(VrrpAdvert advert, InetAddress source) {
        transmit(advert, source, loop.inLoop());
    }

    /**
     * Queues the advert for each destination; {@code batched}: the loop flushes the socket before it sleeps, else
     * it is flushed here (with anything queued before it, so adverts never overtake each other).
     */
    private void transmit(VrrpAdvert advert, InetAddress source, boolean batched) {
        for (int i = 0; i < destinations.size(); i++) { // no iterator per advert (C1 does not elide it)
            InetAddress destination = destinations.get(i);
            try {
                byte[] packet = settings.family() == AddressFamily.IPV4
                        ? ipv4Packet(advert, (Inet4Address) source, (Inet4Address) destination)
                        : ipv6Message(advert, source, destination);
                int scope = destination instanceof Inet6Address d && needsScope(d) ? scopeId : 0;
                if (socket.queue(packet, destination, scope, failureLog) && batched) {
                    loop.runBeforeSleep(flush);
                }
            } catch (NativeCallException | RuntimeException e) {
                logSendError(destination, e);
            }
        }
        if (!batched) {
            socket.flushQueued();
        }
    }

    private static boolean needsScope(Inet6Address a) {
        return a.isLinkLocalAddress() || a.isMulticastAddress();
    }

    private byte[] ipv4Packet(VrrpAdvert advert, Inet4Address source, Inet4Address destination) {
        int room = 20 + IpsecAh.HEADER_LENGTH + VrrpCodec.length(advert, false);
        ByteBuffer out = ByteBuffer.allocate(room);
        IpsecAh signer = ah == null ? null : ah.signer;
        long sequence = ah == null ? 0 : ah.counter.nextForSend();
        int ttl = settings.isUnicast() ? settings.unicastTtl() : Ipv4HeaderCodec.TTL_VRRP;
        int n = VrrpIpv4PacketWriter.write(out, advert, ipIds.next(), ttl, source, destination, ipv4Checksum, signer,
                sequence, settings.isUnicast());
        return Arrays.copyOf(out.array(), n);
    }

    private static byte[] ipv6Message(VrrpAdvert advert, InetAddress source, InetAddress destination) {
        ByteBuffer out = ByteBuffer.allocate(VrrpCodec.length(advert, true));
        VrrpCodec.encode(out, advert, source, destination, V3Checksum.LEFT_TO_KERNEL);
        return out.array();
    }

    private void logSendError(InetAddress destination, Exception e) {
        long now = System.nanoTime();
        if (now - lastErrorLog >= ERROR_LOG_PERIOD_NANOS) {
            lastErrorLog = now;
            LOG.warn("({}) cannot send advert to {}: {}", settings.instanceName(), destination.getHostAddress(),
                    e.getMessage());
        }
    }
}
