package org.keepalived4j.config.model.lvs;

import java.util.Optional;

/** IPVS forwarding method ({@code lvs_method} / {@code lb_kind}): masquerading, direct routing or tunnelling. */
public enum ForwardingMethod {
    NAT, DR, TUN;

    public static Optional<ForwardingMethod> fromKeyword(String text) {
        for (ForwardingMethod m : values()) {
            if (m.name().equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
