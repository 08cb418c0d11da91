package org.keepalived4j.config.model.vrrp;

import java.util.Locale;
import java.util.Optional;

/** {@code scope} of an address or route, as {@code ip address}/{@code ip route} name them. */
public enum AddressScope {
    GLOBAL(0),
    SITE(200),
    LINK(253),
    HOST(254),
    NOWHERE(255);

    private final int kernelValue;

    AddressScope(int kernelValue) {
        this.kernelValue = kernelValue;
    }

    /** The rtnetlink scope number (RT_SCOPE_*). */
    public int kernelValue() {
        return kernelValue;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AddressScope> parse(String text) {
        for (AddressScope s : values()) {
            if (s.keyword().equals(text) || String.valueOf(s.kernelValue).equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
