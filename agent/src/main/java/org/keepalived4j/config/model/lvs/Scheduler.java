package org.keepalived4j.config.model.lvs;

import java.util.Locale;
import java.util.Optional;

/** IPVS scheduler ({@code lvs_sched} / {@code lb_algo}); the keyword is the kernel module suffix. */
public enum Scheduler {
    RR, WRR, LC, WLC, LBLC, SH, MH, DH, FO, OVF, LBLCR, SED, NQ, TWOS;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scheduler> fromKeyword(String text) {
        for (Scheduler s : values()) {
            if (s.keyword().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
