package org.keepalived4j.config.model.lvs;

import java.util.Optional;

/** Layer 4 protocol of an address/port virtual service. */
public enum Protocol {
    TCP, UDP, SCTP;

    public static Optional<Protocol> fromKeyword(String text) {
        for (Protocol p : values()) {
            if (p.name().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
