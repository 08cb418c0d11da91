package org.keepalived4j.sys;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One reusable slot of {@link RawIpSocket#receiveBatch(ReceiveBuffer[], int)}: a datagram's bytes and ancillary
 * data, overwritten by the next receive into it. A backup reads one advert per instance per interval; reading into
 * slots it keeps costs no allocation and no copy beyond the one out of native memory. {@link ReceivedPacket} is the
 * immutable form for callers that keep what they read ({@link #toPacket()}).
 *
 * <p>Not thread-safe: the thread that receives into it reads it.
 */
public final class ReceiveBuffer {
    private static final int INITIAL_CAPACITY = 256;

    private byte[] data = new byte[INITIAL_CAPACITY];
    private ByteBuffer buffer = ByteBuffer.wrap(data);
    private int length;
    private InetAddress source;
    private InetAddress destination;
    private int ttl = -1;
    private int ifIndex;
    private boolean truncated;
    private long kernelTimeNanos;

    /** The backing array; the datagram is its first {@link #length()} bytes. Valid until the next receive. */
    public byte[] data() {
        return data;
    }

    /** {@link #data()} as a buffer (absolute reads only: its position and limit are not the datagram's). */
    public ByteBuffer buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    /** The sender's address (with scope for IPv6 link-local). */
    public InetAddress source() {
        return source;
    }

    /** IP_PKTINFO / IPV6_PKTINFO destination, or null if not requested. */
    public InetAddress destination() {
        return destination;
    }

    /** TTL or hop limit from ancillary data, or -1 if not reported. */
    public int ttl() {
        return ttl;
    }

    /** Arrival interface from pktinfo, or 0 if not reported. */
    public int ifIndex() {
        return ifIndex;
    }

    /** True when the datagram was longer than the socket's receive buffer. */
    public boolean truncated() {
        return truncated;
    }

    /** SO_TIMESTAMPNS (CLOCK_REALTIME, ns since the epoch), or 0 if not reported. */
    public long kernelTimeNanos() {
        return kernelTimeNanos;
    }

    /** An immutable copy. */
    public ReceivedPacket toPacket() {
        return new ReceivedPacket(Arrays.copyOf(data, length), source, destination, ttl, ifIndex, truncated,
                kernelTimeNanos);
    }

    /** The array to read {@code len} bytes into; grows (never shrinks) when the datagram is larger than before. */
    byte[] prepare(int len) {
        if (len > data.length) {
            data = new byte[Math.max(len, data.length * 2)];
            buffer = ByteBuffer.wrap(data);
        }
        length = len;
        return data;
    }

    void set(InetAddress source, InetAddress destination, int ttl, int ifIndex, boolean truncated,
             long kernelTimeNanos) {
        this.source = source;
        this.destination = destination;
        this.ttl = ttl;
        this.ifIndex = ifIndex;
        this.truncated = truncated;
        this.kernelTimeNanos = kernelTimeNanos;
    }
}
