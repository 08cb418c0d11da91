package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses literal IP addresses without ever touching DNS (InetAddress.getByName would resolve names). */
public final class InetAddresses {
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.-]+)?");

    private InetAddresses() {}

    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        byte[] quad = dottedQuad(text);
        if (quad != null) {
            try {
                return Optional.of(InetAddress.getByAddress(quad)); // the common case, without regex or name lookup logic
            } catch (UnknownHostException e) {
                return Optional.empty(); // not reached: four bytes are always a valid length
            }
        }
        if (text.indexOf(':') < 0 || !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The four bytes of a strict dotted quad (four parts 0-255, no leading zeros), or null.
     */
    static byte[] dottedQuad(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        int n = text.length();
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= n || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == n ? out : null;
    }

    /** Canonical text: dotted quad for IPv4, RFC 5952 compressed form for IPv6. */
    public static String format(InetAddress address) {
        if (address instanceof java.net.Inet6Address) {
            return compressV6(address.getAddress());
        }
        return address.getHostAddress();
    }

    private static String compressV6(byte[] b) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(words[i]));
        }
        return sb.toString();
    }
}
