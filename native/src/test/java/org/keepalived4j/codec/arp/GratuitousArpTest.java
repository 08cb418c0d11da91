package org.keepalived4j.codec.arp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keepalived4j.codec.Captures;

class GratuitousArpTest {
    static final byte[] MAC_A = HexFormat.of().parseHex("024b34000001");
    static final byte[] BROADCAST = HexFormat.of().parseHex("ffffffffffff");

    @ParameterizedTest
    @ValueSource(strings = {"v2-noauth-garp-1:10.77.0.100", "v3-ipv4-garp-1:10.77.0.100",
            "v3-ipv4-garp-2:10.77.0.101", "v3-ipv4-garp-3:10.77.0.102"})
    void capturedGarpIsParsedAndRewrittenIdentically(String spec) throws Exception {
        String[] s = spec.split(":");
        byte[] frame = Captures.frame(s[0]);
        Inet4Address vip = (Inet4Address) InetAddress.getByName(s[1]);
        assertThat(frame).hasSize(GratuitousArp.FRAME_LENGTH);
        ArpParseResult r = GratuitousArp.parse(ByteBuffer.wrap(frame), 0, frame.length);
        ArpPacket p = ((ArpParseResult.Parsed) r).packet();
        assertThat(p.ethernetDestination()).isEqualTo(BROADCAST);
        assertThat(p.ethernetSource()).isEqualTo(MAC_A);
        assertThat(p.opcode()).isEqualTo(GratuitousArp.OPCODE_REQUEST);
        assertThat(p.senderMac()).isEqualTo(MAC_A);
        assertThat(p.senderIp()).isEqualTo(vip);
        assertThat(p.targetIp()).isEqualTo(vip);
        assertThat(p.targetMac()).isEqualTo(BROADCAST);
        assertThat(p.isGratuitous()).isTrue();

        ByteBuffer out = ByteBuffer.allocate(GratuitousArp.FRAME_LENGTH);
        GratuitousArp.write(out, MAC_A, vip);
        assertThat(out.position()).isEqualTo(GratuitousArp.FRAME_LENGTH);
        assertThat(out.array()).isEqualTo(frame);
    }

    @Test
    void malformedFramesAreLocated() {
        byte[] frame = Captures.frame("v2-noauth-garp-1");
        for (int len = 0; len < frame.length; len++) {
            assertThat(GratuitousArp.parse(ByteBuffer.wrap(frame), 0, len))
                    .isInstanceOf(ArpParseResult.Malformed.class);
        }
        byte[] ipv6 = frame.clone();
        ipv6[12] = (byte) 0x86;
        assertThat(((ArpParseResult.Malformed) GratuitousArp.parse(ByteBuffer.wrap(ipv6), 0, 42)).offset())
                .isEqualTo(12);
        byte[] hw = frame.clone();
        hw[15] = 6;
        assertThat(((ArpParseResult.Malformed) GratuitousArp.parse(ByteBuffer.wrap(hw), 0, 42)).offset())
                .isEqualTo(14);
    }
}
