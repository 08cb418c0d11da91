package org.keepalived4j.config.model.lvs;

import java.util.Optional;

/** DNS_CHECK query type. */
public enum DnsQueryType {
    A, NS, CNAME, SOA, MX, TXT, AAAA;

    public static Optional<DnsQueryType> fromKeyword(String text) {
        for (DnsQueryType t : values()) {
            if (t.name().equalsIgnoreCase(text)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
