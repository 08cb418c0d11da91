package org.keepalived4j.codec.netlink;

import java.util.HexFormat;

/** MAC address text form. */
public final class Macs {
    private Macs() {
    }

    public static String format(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    /** Parses aa:bb:cc:dd:ee:ff; IllegalArgumentException naming the text otherwise. */
    public static byte[] parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address (aa:bb:cc:dd:ee:ff): " + text);
        }
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (!parts[i].matches("[0-9a-fA-F]{1,2}")) {
                throw new IllegalArgumentException("not a MAC address (aa:bb:cc:dd:ee:ff): " + text);
            }
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }
}
