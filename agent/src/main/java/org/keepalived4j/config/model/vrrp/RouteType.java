package org.keepalived4j.config.model.vrrp;

import java.util.Locale;

/** The route type word that may start a route line; UNICAST when none is written. */
public enum RouteType {
    UNICAST,
    BLACKHOLE,
    UNREACHABLE,
    PROHIBIT,
    THROW;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
