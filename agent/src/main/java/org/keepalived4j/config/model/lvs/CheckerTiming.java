package org.keepalived4j.config.model.lvs;

import java.time.Duration;

/**
 * When and how patiently a checker runs, every value effective (inherited from the real server, which
 * inherits from the virtual server, else the checker type's default).
 *
 * @param alpha start in the failed state until the first success
 * @param delayLoop interval between checks
 * @param warmup maximum random delay before the first check (zero: none)
 * @param retry additional attempts after a failure before the server is declared down
 * @param delayBeforeRetry pause between those attempts
 * @param connectTimeout connection (or, for MISC_CHECK, unused) timeout
 */
public record CheckerTiming(boolean alpha, Duration delayLoop, Duration warmup, int retry, Duration delayBeforeRetry,
        Duration connectTimeout) {}
