package org.keepalived4j.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Frames captured from keepalived 2.2.7 by src/test/resources/captures/capture.sh (one hex file per frame). */
public final class Captures {
    public static final int ETHERNET_HEADER = 14;
    public static final int IPV6_HEADER = 40;

    private Captures() {
    }

    /** The whole Ethernet frame of e.g. {@code v2-noauth-advert-1}. */
    public static byte[] frame(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/captures/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame without its Ethernet header: what a raw IPv4 socket returns. */
    public static byte[] ipPacket(String name) {
        byte[] f = frame(name);
        return java.util.Arrays.copyOfRange(f, ETHERNET_HEADER, f.length);
    }
}
