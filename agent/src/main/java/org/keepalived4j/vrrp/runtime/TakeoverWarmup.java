package org.keepalived4j.vrrp.runtime;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.keepalived4j.codec.arp.GratuitousArp;
import org.keepalived4j.codec.ip.Ipv4IdSequence;
import org.keepalived4j.codec.nd.UnsolicitedNeighborAdvert;
import org.keepalived4j.codec.vrrp.V3Checksum;
import org.keepalived4j.codec.vrrp.VrrpAdvert;
import org.keepalived4j.codec.vrrp.VrrpCodec;
import org.keepalived4j.codec.vrrp.VrrpIpv4PacketWriter;
import org.keepalived4j.codec.ah.IpsecAh;
import org.keepalived4j.sys.Native;
import org.keepalived4j.vrrp.AddressFamily;
import org.keepalived4j.vrrp.VrrpRouterSettings;
import org.keepalived4j.vrrp.net.VirtualAddress;

/**
 * Runs the code of the first takeover once at start-up, without side effects, so that the first advert of a new
 * MASTER is not late by class loading, linkage and jnr-ffi marshalling set-up (the bench measured the first
 * takeover of a fresh JVM ~780 ms late at advert_int 0.05, later ones on time). Per instance it encodes (never
 * sends) the advert with the real codec, builds the GARP/NA frames and netlink address messages of its VIPs, and
 * calls sendto() on fd -1 (fails with EBADF before the kernel looks at anything) so the native call path is linked.
 */
final class TakeoverWarmup {
    private static final Logger LOG = LogManager.getLogger(TakeoverWarmup.class);
    private static final byte[] ZERO_MAC = new byte[6];

    private TakeoverWarmup() {
    }

    /**
     * Warms every instance's takeover path; never throws (a failure only costs the warm-up).
     *
     * @return whether every step ran (false: something failed, logged at debug)
     */
    static boolean run(List<VrrpInstanceSpec> specs) {
        long start = System.nanoTime();
        int bytes = 0;
        try {
            for (VrrpInstanceSpec spec : specs) {
                bytes += advert(spec.settings());
                for (VirtualAddress vip : spec.addresses()) {
                    bytes += announcement(vip);
                    bytes += vip.message(1).hashCode() & 1;
                }
            }
            nativeSend();
            // the message classes the MASTER transition formats (no event is logged)
            bytes += new ParameterizedMessage("({}) Entering {} STATE", "warm-up", "MASTER")
                    .getFormattedMessage().length() & 1;
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("takeover warm-up incomplete: {}", e.toString());
            return false;
        }
        LOG.debug("takeover warm-up took {} us ({} bytes built)", (System.nanoTime() - start) / 1000, bytes);
        return true;
    }

    /** The advert InstanceSender would send as MASTER, encoded into a scratch buffer (IP IDs and AH untouched). */
    private static int advert(VrrpRouterSettings s) {
        VrrpAdvert advert = s.version() == 2
                ? new VrrpAdvert(2, s.virtualRouterId(), 255, s.authentication().type().code(),
                s.advertIntervalField(), s.virtualAddresses(), s.authentication().wireAuthData())
                : new VrrpAdvert(3, s.virtualRouterId(), 255, 0, s.advertIntervalField(), s.virtualAddresses(),
                new byte[0]);
        InetAddress destination = s.isUnicast() ? s.unicastPeers().get(0) : VrrpInstanceSpec.defaultGroup(s);
        if (s.family() == AddressFamily.IPV4 && destination instanceof Inet4Address d
                && s.primaryAddress() instanceof Inet4Address src) {
            ByteBuffer out = ByteBuffer.allocate(20 + IpsecAh.HEADER_LENGTH + VrrpCodec.length(advert, false));
            return VrrpIpv4PacketWriter.write(out, advert, new Ipv4IdSequence().next(), src, d,
                    V3Checksum.PSEUDO_HEADER, null, 0, s.isUnicast());
        }
        ByteBuffer out = ByteBuffer.allocate(VrrpCodec.length(advert, true));
        return VrrpCodec.encode(out, advert, s.primaryAddress(), destination, V3Checksum.LEFT_TO_KERNEL);
    }

    private static int announcement(VirtualAddress vip) {
        if (vip.address() instanceof Inet4Address v4) {
            ByteBuffer frame = ByteBuffer.allocate(GratuitousArp.FRAME_LENGTH);
            GratuitousArp.write(frame, ZERO_MAC, v4);
            return frame.position();
        }
        ByteBuffer frame = ByteBuffer.allocate(UnsolicitedNeighborAdvert.FRAME_LENGTH);
        UnsolicitedNeighborAdvert.write(frame, ZERO_MAC, (Inet6Address) vip.address(), false);
        return frame.position();
    }

    /** sendto(-1, ...): EBADF, nothing leaves; links the jnr-ffi stub and the Pointer marshalling of the send path. */
    private static void nativeSend() {
        for (int i = 0; i < 2; i++) {
            long n = Native.libc().sendto(-1, Native.copyOf(new byte[40]), 40, 0, Native.allocate(16), 16);
            if (n < 0) {
                Native.errno();
            }
        }
    }
}
