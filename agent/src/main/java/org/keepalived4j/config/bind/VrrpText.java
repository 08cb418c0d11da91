package org.keepalived4j.config.bind;

import java.time.Duration;

/** Value formatting the dump writers share with the binders' parsing (seconds with fractions). */
public final class VrrpText {
    private VrrpText() {}

    /** Seconds as keepalived.conf writes them: "5", "0.5", "0.000001". */
    public static String seconds(Duration d) {
        return VrrpArgs.formatSeconds(d);
    }
}
