package org.keepalived4j.config.model.lvs;

import java.util.Optional;

/** Address family as written in {@code ip_family} and {@code fwmark N inet|inet6}. */
public enum IpFamily {
    INET("inet"), INET6("inet6");

    private final String keyword;

    IpFamily(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Optional<IpFamily> fromKeyword(String text) {
        for (IpFamily f : values()) {
            if (f.keyword.equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public static IpFamily of(java.net.InetAddress address) {
        return address instanceof java.net.Inet4Address ? INET : INET6;
    }
}
