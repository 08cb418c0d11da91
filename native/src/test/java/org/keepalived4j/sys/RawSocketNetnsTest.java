package org.keepalived4j.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keepalived4j.testlab.LabNode;
import org.keepalived4j.testlab.NetnsLab;

/** Raw VRRP sockets, AF_PACKET frames and error messages, between two namespaces on a bridge. */
@Tag("netns")
class RawSocketNetnsTest {
    private static final byte[] PAYLOAD = {0x31, 0x33, 0x64, 0x01, 0x00, 0x64, 0x00, 0x00, 10, 77, 0, 100};
    private static NetnsLab lab;
    private static LabNode a;
    private static LabNode b;

    @BeforeAll
    static void setUp() throws Exception {
        NetnsLab.assumeAvailable();
        lab = NetnsLab.builder("sys-raw").nodes(2).ipv6(true).build();
        a = lab.node(1);
        b = lab.node(2);
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Receiver in B joins the group, then A sends until B has the packet (bounded: 30 sends). */
    private ReceivedPacket sendAndReceive(boolean ipv6, InetAddress group) throws Exception {
        return sendAndReceive(ipv6, group, false);
    }

    private ReceivedPacket sendAndReceive(boolean ipv6, InetAddress group, boolean headerIncluded) throws Exception {
        CountDownLatch joined = new CountDownLatch(1);
        CompletableFuture<ReceivedPacket> received = lab.startInNamespace(b.namespace(), () -> {
            try (RawIpSocket s = RawIpSocket.open(ipv6, Linux.IPPROTO_VRRP)) {
                int idx = Interfaces.index(b.ifName());
                s.bindToDevice(b.ifName());
                s.joinGroup(group, idx);
                s.enableReceiveInfo();
                s.enableReceiveTimestamps();
                if (ipv6) {
                    s.setIpv6ChecksumOffset(6);
                }
                joined.countDown();
                for (int i = 0; i < 100; i++) {
                    ReceivedPacket p = s.receive(Duration.ofMillis(100));
                    if (p != null) {
                        return p;
                    }
                }
                return null;
            }
        });
        assertThat(joined.await(20, TimeUnit.SECONDS)).isTrue();
        lab.runInNamespace(a.namespace(), () -> {
            try (RawIpSocket s = RawIpSocket.open(ipv6, Linux.IPPROTO_VRRP)) {
                int idx = Interfaces.index(a.ifName());
                s.setMulticastInterface(idx);
                s.setMulticastTtl(255);
                s.setMulticastLoop(false);
                s.setTrafficClass(0xc0);
                if (ipv6) {
                    s.setIpv6ChecksumOffset(6);
                }
                byte[] packet = PAYLOAD;
                if (headerIncluded) {
                    s.setHeaderIncluded(true);
                    packet = ipv4Header(InetAddress.getByName(a.ipv4()), group, PAYLOAD);
                }
                for (int i = 0; i < 30 && !received.isDone(); i++) {
                    s.send(packet, group, ipv6 ? idx : 0);
                    Thread.sleep(100);
                }
            }
            return null;
        });
        return received.get(20, TimeUnit.SECONDS);
    }

    @Test
    void queuedPacketsAreReadInBatchesEachWithItsOwnDataAndAncillaryData() throws Exception {
        InetAddress group = InetAddress.getByName("224.0.0.18");
        int count = RawIpSocket.BATCH + 3;
        CountDownLatch joined = new CountDownLatch(1);
        CountDownLatch sent = new CountDownLatch(1);
        CompletableFuture<int[]> received = lab.startInNamespace(b.namespace(), () -> {
            try (RawIpSocket s = RawIpSocket.open(false, Linux.IPPROTO_VRRP)) {
                s.bindToDevice(b.ifName());
                s.joinGroup(group, Interfaces.index(b.ifName()));
                s.enableReceiveInfo();
                ReceivedPacket[] out = new ReceivedPacket[RawIpSocket.BATCH];
                int empty = s.receiveBatch(out, out.length);
                joined.countDown();
                assertThat(sent.await(20, TimeUnit.SECONDS)).isTrue();
                Thread.sleep(200); // let all of them queue
                int[] lastByte = new int[count];
                int got = 0;
                int largestBatch = 0;
                for (int round = 0; round < 100 && got < count; round++) {
                    int n = s.receiveBatch(out, out.length);
                    largestBatch = Math.max(largestBatch, n);
                    for (int i = 0; i < n && got < count; i++) {
                        assertThat(out[i].source()).isEqualTo(InetAddress.getByName(a.ipv4()));
                        assertThat(out[i].destination()).isEqualTo(group);
                        assertThat(out[i].ttl()).isEqualTo(255);
                        byte[] d = out[i].data();
                        lastByte[got++] = d[d.length - 1];
                    }
                    if (n == 0) {
                        s.awaitReadable(Duration.ofMillis(50));
                    }
                }
                return new int[] {empty, got, largestBatch, lastByte[0], lastByte[count - 1]};
            }
        });
        assertThat(joined.await(20, TimeUnit.SECONDS)).isTrue();
        lab.runInNamespace(a.namespace(), () -> {
            try (RawIpSocket s = RawIpSocket.open(false, Linux.IPPROTO_VRRP)) {
                s.setMulticastInterface(Interfaces.index(a.ifName()));
                s.setMulticastTtl(255);
                for (int i = 0; i < count; i++) {
                    byte[] packet = Arrays.copyOf(PAYLOAD, PAYLOAD.length + 1);
                    packet[PAYLOAD.length] = (byte) i;
                    s.send(packet, group, 0);
                }
            }
            return null;
        });
        sent.countDown();
        int[] r = received.get(30, TimeUnit.SECONDS);
        assertThat(r[0]).as("nothing queued: 0, no exception").isZero();
        assertThat(r[1]).as("every packet read").isEqualTo(count);
        assertThat(r[2]).as("one call returned a full batch").isEqualTo(RawIpSocket.BATCH);
        assertThat(r[3]).as("first in order").isZero();
        assertThat(r[4]).as("last in order").isEqualTo(count - 1);
    }

    @Test
    void queuedPacketsLeaveInOrderAtTheFlushAndARefusedOneIsReportedAlone() throws Exception {
        InetAddress group = InetAddress.getByName("224.0.0.18");
        InetAddress unroutable = InetAddress.getByName("10.250.0.1"); // the lab has no default route
        int beforeClose = 2;
        int count = 70 + beforeClose; // more than one sendmmsg's worth
        int refusedAt = 10;
        CountDownLatch joined = new CountDownLatch(1);
        CompletableFuture<List<Integer>> received = lab.startInNamespace(b.namespace(), () -> {
            try (RawIpSocket s = RawIpSocket.open(false, Linux.IPPROTO_VRRP)) {
                s.bindToDevice(b.ifName());
                s.joinGroup(group, Interfaces.index(b.ifName()));
                s.setReceiveBuffer(1 << 20);
                joined.countDown();
                List<Integer> order = new ArrayList<>();
                ReceiveBuffer[] slots = {new ReceiveBuffer(), new ReceiveBuffer()};
                for (int round = 0; round < 200 && order.size() < count - 1; round++) {
                    int n = s.receiveBatch(slots, slots.length);
                    for (int i = 0; i < n; i++) {
                        order.add(slots[i].data()[slots[i].length() - 1] & 0xff);
                    }
                    if (n == 0) {
                        s.awaitReadable(Duration.ofMillis(50));
                    }
                }
                return order;
            }
        });
        assertThat(joined.await(20, TimeUnit.SECONDS)).isTrue();
        List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        int[] outcome = lab.runInNamespace(a.namespace(), () -> {
            RawIpSocket s = RawIpSocket.open(false, Linux.IPPROTO_VRRP);
            s.setMulticastInterface(Interfaces.index(a.ifName()));
            s.setMulticastTtl(255);
            int firsts = 0;
            for (int i = 0; i < count - beforeClose; i++) {
                byte[] packet = Arrays.copyOf(PAYLOAD, PAYLOAD.length + 1);
                packet[PAYLOAD.length] = (byte) i;
                InetAddress to = i == refusedAt ? unroutable : group;
                if (s.queue(packet, to, 0, (dst, e) -> refused.add(dst.getHostAddress() + " " + e.errnoName()))) {
                    firsts++;
                }
            }
            int flushed = s.flushQueued();
            int again = s.flushQueued();
            for (int i = count - beforeClose; i < count; i++) {
                byte[] packet = Arrays.copyOf(PAYLOAD, PAYLOAD.length + 1);
                packet[PAYLOAD.length] = (byte) i;
                s.queue(packet, group, 0, null);
            }
            s.close(); // sends what is still queued
            return new int[] {firsts, flushed, again};
        });
        List<Integer> order = received.get(30, TimeUnit.SECONDS);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i != refusedAt) {
                expected.add(i);
            }
        }
        assertThat(order).as("every packet but the refused one, in queueing order, the last two sent by close()")
                .isEqualTo(expected);
        assertThat(refused).as("the refused packet, reported once with its errno").containsExactly("10.250.0.1 ENETUNREACH");
        assertThat(outcome[0]).as("queue() said 'first in an empty queue' for the first packet and after the automatic flush of a full queue")
                .isEqualTo(2);
        assertThat(outcome[1]).as("the explicit flush sent what was left after the automatic one")
                .isEqualTo(count - beforeClose - SendQueue.CAPACITY);
        assertThat(outcome[2]).as("a flush of an empty queue sends nothing").isZero();
    }

    @Test
    void reusedReceiveSlotsHoldEachPacketUntilTheNextReceiveAndGrowForLargerOnes() throws Exception {
        InetAddress group = InetAddress.getByName("224.0.0.18");
        int[] sizes = {PAYLOAD.length + 1, 1000, PAYLOAD.length + 2};
        CountDownLatch joined = new CountDownLatch(1);
        CompletableFuture<List<String>> received = lab.startInNamespace(b.namespace(), () -> {
            try (RawIpSocket s = RawIpSocket.open(false, Linux.IPPROTO_VRRP)) {
                s.bindToDevice(b.ifName());
                s.joinGroup(group, Interfaces.index(b.ifName()));
                s.enableReceiveInfo();
                joined.countDown();
                ReceiveBuffer[] slots = {new ReceiveBuffer()};
                List<String> seen = new ArrayList<>();
                ReceivedPacket firstCopy = null;
                for (int round = 0; round < 200 && seen.size() < sizes.length; round++) {
                    if (s.receiveBatch(slots, 1) == 0) {
                        s.awaitReadable(Duration.ofMillis(50));
                        continue;
                    }
                    ReceiveBuffer slot = slots[0];
                    // IPv4 raw sockets deliver the IP header: 20 bytes before what was sent
                    seen.add((slot.length() - 20) + ":" + slot.data()[slot.length() - 1] + ":"
                            + slot.source().getHostAddress());
                    if (firstCopy == null) {
                        firstCopy = slot.toPacket();
                    }
                }
                seen.add("copy:" + firstCopy.data().length);
                return seen;
            }
        });
        assertThat(joined.await(20, TimeUnit.SECONDS)).isTrue();
        lab.runInNamespace(a.namespace(), () -> {
            try (RawIpSocket s = RawIpSocket.open(false, Linux.IPPROTO_VRRP)) {
                s.setMulticastInterface(Interfaces.index(a.ifName()));
                s.setMulticastTtl(255);
                for (int i = 0; i < sizes.length; i++) {
                    byte[] packet = Arrays.copyOf(PAYLOAD, sizes[i]);
                    packet[sizes[i] - 1] = (byte) (i + 1);
                    s.send(packet, group, 0);
                }
            }
            return null;
        });
        String from = a.ipv4();
        assertThat(received.get(30, TimeUnit.SECONDS)).containsExactly(
                sizes[0] + ":1:" + from, sizes[1] + ":2:" + from, sizes[2] + ":3:" + from,
                "copy:" + (sizes[0] + 20));
    }

    @Test
    void ipv4VrrpMulticastArrivesWithTtl255AndInterface() throws Exception {
        long before = epochNanos();
        ReceivedPacket p = sendAndReceive(false, InetAddress.getByName("224.0.0.18"));
        long after = epochNanos();
        assertThat(p).as("a VRRP packet from A reached B").isNotNull();
        assertThat(p.kernelTimeNanos()).as("kernel receive time (SO_TIMESTAMPNS)").isBetween(before, after);
        int bIndex = lab.runInNamespace(b.namespace(), () -> Interfaces.index(b.ifName()));
        assertThat(p.source()).isEqualTo(InetAddress.getByName(a.ipv4()));
        assertThat(p.ttl()).isEqualTo(255);
        assertThat(p.ifIndex()).isEqualTo(bIndex);
        assertThat(p.destination()).isEqualTo(InetAddress.getByName("224.0.0.18"));
        byte[] data = p.data();
        // A raw IPv4 socket returns the IP header: protocol 112, TTL 255, TOS 0xc0, then our payload.
        int ihl = (data[0] & 0x0f) * 4;
        assertThat(data[9] & 0xff).isEqualTo(112);
        assertThat(data[8] & 0xff).isEqualTo(255);
        assertThat(data[1] & 0xff).isEqualTo(0xc0);
        assertThat(Arrays.copyOfRange(data, ihl, data.length)).isEqualTo(PAYLOAD);
    }

    /** B's neighbour entry for {@code ip}, polled (at most 5 s) until it names {@code mac}. */
    private static String neighbourOfB(String ip, String mac) throws Exception {
        String neigh = "";
        for (int i = 0; i < 50 && !neigh.contains(mac); i++) {
            neigh = lab.execOk(b.namespace(), "ip", "neigh", "show", ip).stdout();
            if (!neigh.contains(mac)) {
                Thread.sleep(100);
            }
        }
        return neigh;
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** IPv4 header as keepalived writes it: TOS 0xc0, ID 1, DF clear, TTL 255, protocol 112 (kernel fills the checksum). */
    private static byte[] ipv4Header(InetAddress src, InetAddress dst, byte[] payload) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0xc0).putShort((short) (20 + payload.length)).putShort((short) 1).putShort((short) 0)
                .put((byte) 255).put((byte) 112).putShort((short) 0).put(src.getAddress()).put(dst.getAddress()).put(payload);
        return b.array();
    }

    /** receive(Wakeup) sleeps with no timeout: packets wake it, and a signal ends the wait with null. */
    @Test
    void receiveWithWakeupGetsPacketsThenReturnsNullOnceSignalled() throws Exception {
        InetAddress group = InetAddress.getByName("224.0.0.18");
        try (Wakeup stop = Wakeup.open()) {
            CountDownLatch joined = new CountDownLatch(1);
            AtomicInteger received = new AtomicInteger();
            CompletableFuture<ReceivedPacket> first = new CompletableFuture<>();
            CompletableFuture<Integer> receiver = lab.startInNamespace(b.namespace(), () -> {
                try (RawIpSocket s = RawIpSocket.open(false, Linux.IPPROTO_VRRP)) {
                    s.bindToDevice(b.ifName());
                    s.joinGroup(group, Interfaces.index(b.ifName()));
                    s.enableReceiveInfo();
                    joined.countDown();
                    for (int i = 0; i < 10_000; i++) {
                        ReceivedPacket p = s.receive(stop);
                        if (p == null) {
                            return received.get();
                        }
                        first.complete(p);
                        received.incrementAndGet();
                    }
                    return -1;
                }
            });
            assertThat(joined.await(20, TimeUnit.SECONDS)).isTrue();
            lab.runInNamespace(a.namespace(), () -> {
                try (RawIpSocket s = RawIpSocket.open(false, Linux.IPPROTO_VRRP)) {
                    s.setMulticastInterface(Interfaces.index(a.ifName()));
                    s.setMulticastTtl(255);
                    for (int i = 0; i < 30 && !first.isDone(); i++) {
                        s.send(PAYLOAD, group);
                        Thread.sleep(100);
                    }
                }
                return null;
            });
            ReceivedPacket p = first.get(20, TimeUnit.SECONDS);
            assertThat(p.source()).isEqualTo(InetAddress.getByName(a.ipv4()));
            assertThat(receiver).as("still waiting for packets").isNotDone();
            stop.signal();
            assertThat(receiver.get(20, TimeUnit.SECONDS)).as("packets received before the signal").isPositive();
        }
    }

    @Test
    void ipv4HeaderIncludedKeepsOurIdentificationAndTos() throws Exception {
        ReceivedPacket p = sendAndReceive(false, InetAddress.getByName("224.0.0.18"), true);
        assertThat(p).as("a VRRP packet from A reached B").isNotNull();
        byte[] data = p.data();
        assertThat(((data[4] & 0xff) << 8) | (data[5] & 0xff)).as("IP ID").isEqualTo(1);
        assertThat(data[1] & 0xff).isEqualTo(0xc0);
        assertThat(data[6] & 0x40).as("DF").isZero();
        assertThat(p.ttl()).isEqualTo(255);
        assertThat(p.source()).isEqualTo(InetAddress.getByName(a.ipv4()));
        assertThat(Arrays.copyOfRange(data, 20, data.length)).isEqualTo(PAYLOAD);
    }

    @Test
    void ipv6VrrpMulticastArrivesFromLinkLocalWithHopLimit255() throws Exception {
        ReceivedPacket p = sendAndReceive(true, InetAddress.getByName("ff02::12"));
        assertThat(p).as("a VRRP packet from A reached B").isNotNull();
        int bIndex = lab.runInNamespace(b.namespace(), () -> Interfaces.index(b.ifName()));
        Inet6Address aLinkLocal = lab.runInNamespace(a.namespace(), () -> {
            try (Rtnl rtnl = Rtnl.open()) {
                return rtnl.addresses().linkLocalIpv6(a.ifName()).orElseThrow();
            }
        });
        assertThat(p.source()).isInstanceOf(Inet6Address.class);
        assertThat(p.source().getAddress()).isEqualTo(aLinkLocal.getAddress());
        assertThat(p.ttl()).isEqualTo(255);
        assertThat(p.ifIndex()).isEqualTo(bIndex);
        assertThat(p.destination()).isEqualTo(InetAddress.getByName("ff02::12"));
        byte[] data = p.data();
        // IPv6 raw sockets deliver the payload only; the kernel filled the checksum at offset 6 (and verified it).
        assertThat(data).hasSize(PAYLOAD.length);
        assertThat(Arrays.copyOfRange(data, 0, 6)).isEqualTo(Arrays.copyOfRange(PAYLOAD, 0, 6));
        assertThat(Arrays.copyOfRange(data, 8, data.length)).isEqualTo(Arrays.copyOfRange(PAYLOAD, 8, PAYLOAD.length));
        assertThat(data[6] != 0 || data[7] != 0).isTrue();
    }

    @Test
    void gratuitousArpSentOnPacketSocketIsLearnedByPeer() throws Exception {
        lab.sysctlOk(b.namespace(), "net.ipv4.conf.lan0.arp_accept", "1");
        lab.sysctlOk(b.namespace(), "net.ipv4.conf.all.arp_accept", "1");
        byte[] vip = InetAddress.getByName("10.77.0.50").getAddress();
        String aMac = lab.runInNamespace(a.namespace(), () -> {
            try (Rtnl rtnl = Rtnl.open(); PacketSocket ps = PacketSocket.open(Interfaces.index(a.ifName()), a.ifName(),
                    Linux.ETH_P_ARP)) {
                byte[] mac = rtnl.links().mac(a.ifName());
                ps.send(garp(mac, vip));
                return org.keepalived4j.codec.netlink.Macs.format(mac);
            }
        });
        assertThat(neighbourOfB("10.77.0.50", aMac)).contains("lladdr " + aMac);
    }

    /**
     * The daemon's announcement socket: a send-only packet socket delivers a gratuitous ARP to the peer, and the peer's
     * ARP reaching its interface is queued on it nowhere (protocol 0: no copy of the interface's traffic).
     */
    @Test
    void sendOnlyPacketSocketSendsAndQueuesNothing() throws Exception {
        lab.sysctlOk(b.namespace(), "net.ipv4.conf.lan0.arp_accept", "1");
        lab.sysctlOk(b.namespace(), "net.ipv4.conf.all.arp_accept", "1");
        byte[] vipA = InetAddress.getByName("10.77.0.52").getAddress();
        byte[] vipB = InetAddress.getByName("10.77.0.53").getAddress();
        CountDownLatch sent = new CountDownLatch(1);
        CompletableFuture<byte[]> queued = lab.startInNamespace(a.namespace(), () -> {
            try (Rtnl rtnl = Rtnl.open(); PacketSocket ps = PacketSocket.openSender(Interfaces.index(a.ifName()),
                    a.ifName())) {
                ps.send(garp(rtnl.links().mac(a.ifName()), vipA));
                assertThat(sent.await(20, TimeUnit.SECONDS)).isTrue();
                return ps.receive(Duration.ofMillis(500)); // b's ARP arrived meanwhile: nothing may be queued here
            }
        });
        String aMac = lab.runInNamespace(a.namespace(), () -> {
            try (Rtnl rtnl = Rtnl.open()) {
                return org.keepalived4j.codec.netlink.Macs.format(rtnl.links().mac(a.ifName()));
            }
        });
        assertThat(neighbourOfB("10.77.0.52", aMac)).contains("lladdr " + aMac);
        lab.runInNamespace(b.namespace(), () -> {
            try (Rtnl rtnl = Rtnl.open(); PacketSocket ps = PacketSocket.open(Interfaces.index(b.ifName()), b.ifName(),
                    Linux.ETH_P_ARP)) {
                ps.send(garp(rtnl.links().mac(b.ifName()), vipB));
                return null;
            }
        });
        sent.countDown();
        assertThat(queued.get(20, TimeUnit.SECONDS)).as("frame queued on the send-only socket").isNull();
    }

    @Test
    void packetSocketSeesFrameSentByPeer() throws Exception {
        byte[] vip = InetAddress.getByName("10.77.0.51").getAddress();
        CountDownLatch ready = new CountDownLatch(1);
        CompletableFuture<byte[]> seen = lab.startInNamespace(b.namespace(), () -> {
            try (PacketSocket ps = PacketSocket.open(Interfaces.index(b.ifName()), b.ifName(), Linux.ETH_P_ARP)) {
                ready.countDown();
                for (int i = 0; i < 100; i++) {
                    byte[] f = ps.receive(Duration.ofMillis(100));
                    if (f != null && f.length >= 42 && Arrays.equals(Arrays.copyOfRange(f, 28, 32), vip)) {
                        return f;
                    }
                }
                return null;
            }
        });
        assertThat(ready.await(20, TimeUnit.SECONDS)).isTrue();
        byte[] sent = lab.runInNamespace(a.namespace(), () -> {
            try (Rtnl rtnl = Rtnl.open(); PacketSocket ps = PacketSocket.open(Interfaces.index(a.ifName()), a.ifName(),
                    Linux.ETH_P_ARP)) {
                byte[] frame = garp(rtnl.links().mac(a.ifName()), vip);
                for (int i = 0; i < 20 && !seen.isDone(); i++) {
                    ps.send(frame);
                    Thread.sleep(100);
                }
                return frame;
            }
        });
        byte[] got = seen.get(20, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(Arrays.copyOf(got, sent.length)).isEqualTo(sent);
    }

    /** Gratuitous ARP as keepalived sends it: request, sender = target = VIP, target MAC broadcast. */
    private static byte[] garp(byte[] mac, byte[] ip) {
        java.nio.ByteBuffer f = java.nio.ByteBuffer.allocate(42);
        f.put(new byte[] {-1, -1, -1, -1, -1, -1}).put(mac).putShort((short) 0x0806);
        f.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        f.put(mac).put(ip).put(new byte[] {-1, -1, -1, -1, -1, -1}).put(ip);
        return f.array();
    }

    @Test
    void missingInterfaceIsNamedInTheError() throws Exception {
        NativeCallException e = lab.runInNamespace(a.namespace(), () -> {
            try {
                Interfaces.index("nosuch0");
                return null;
            } catch (NativeCallException x) {
                return x;
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("if_nametoindex(nosuch0): ENODEV: No such device - interface nosuch0 does not exist");
        assertThat(e.errnoName()).isEqualTo("ENODEV");

        NativeCallException bind = lab.runInNamespace(a.namespace(), () -> {
            try (RawIpSocket s = RawIpSocket.open(false, Linux.IPPROTO_VRRP)) {
                s.bindToDevice("nosuch0");
                return null;
            } catch (NativeCallException x) {
                return x;
            }
        });
        assertThat(bind.getMessage()).startsWith(
                "setsockopt(raw IPv4 socket (protocol 112), SO_BINDTODEVICE nosuch0): ENODEV: No such device");
    }

    @Test
    void missingNamespaceIsNamed() {
        assertThatThrownBy(() -> NetworkNamespaces.enterCurrentThread("k4j-sys-raw-none"))
                .isInstanceOf(NativeCallException.class)
                .hasMessageContaining("network namespace k4j-sys-raw-none does not exist");
    }

    /** capget/capset: capabilities are per thread on Linux, so one throw-away thread can drop CAP_NET_RAW. */
    public interface Caps {
        int capget(Pointer header, Pointer data);

        int capset(Pointer header, Pointer data);
    }

    @Test
    void missingPrivilegeGivesTheRunAsRootHint() throws Exception {
        Caps caps = LibraryLoader.create(Caps.class).load("c");
        NativeCallException e = lab.runInNamespace(a.namespace(), () -> {
            Pointer hdr = Native.allocate(8);
            hdr.putInt(0, 0x20080522); // _LINUX_CAPABILITY_VERSION_3, pid 0 = this thread
            Pointer data = Native.allocate(24);
            assertThat(caps.capget(hdr, data)).isZero();
            data.putInt(0, data.getInt(0) & ~(1 << 13)); // effective set without CAP_NET_RAW (13)
            assertThat(caps.capset(hdr, data)).isZero();
            try {
                RawIpSocket.open(false, Linux.IPPROTO_VRRP).close();
                return null;
            } catch (NativeCallException x) {
                return x;
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo(
                "socket(AF_INET, SOCK_RAW, 112): EPERM: Operation not permitted - keepalived4j needs CAP_NET_RAW (run as root)");
    }
}
