package org.keepalived4j.config.model.vrrp;

import java.time.Duration;
import java.util.Optional;
import org.keepalived4j.config.model.ScriptCommand;

/**
 * {@code vrrp_script NAME}.
 *
 * @param timeout empty: keepalived uses the interval
 * @param weight -253..253; 0 = failure puts the tracking instances into FAULT
 */
public record VrrpScript(
        String name,
        ScriptCommand script,
        Duration interval,
        Optional<Duration> timeout,
        int weight,
        boolean weightReverse,
        int rise,
        int fall,
        boolean initFail) {}
