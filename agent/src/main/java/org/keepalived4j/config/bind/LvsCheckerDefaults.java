package org.keepalived4j.config.bind;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The checker timing a virtual_server or real_server block may set (delay_loop, connect_timeout, retry,
 * delay_before_retry, warmup), read alike in both; a checker takes its own value, else its real server's, else its
 * virtual server's, else keepalived's default.
 */
final class LvsCheckerDefaults {
    Optional<Duration> delayLoop = Optional.empty();
    Optional<Duration> connectTimeout = Optional.empty();
    OptionalInt retry = OptionalInt.empty();
    Optional<Duration> delayBeforeRetry = Optional.empty();
    Optional<Duration> warmup = Optional.empty();

    /**
     * Adds the keywords to a block's grammar as one run (the README's keyword table keeps registration order);
     * {@code of} finds the defaults in the block's spec.
     */
    static <S> void keywords(BlockGrammar<S> g, Function<S, LvsCheckerDefaults> of) {
        g.on("delay_loop", (s, n, c) -> LvsArgs.timer(c, n, LvsArgs.MIN_TIMER, LvsArgs.MAX_TIMER)
                .ifPresent(v -> of.apply(s).delayLoop = Optional.of(v)));
        g.on("connect_timeout", (s, n, c) -> LvsArgs.timer(c, n, LvsArgs.MIN_TIMER, LvsArgs.MAX_CONNECT_TIMEOUT)
                .ifPresent(v -> of.apply(s).connectTimeout = Optional.of(v)));
        g.on("retry", (s, n, c) -> {
            if (c.arity(n, 1, 1)) {
                c.intArg(n, 0, 1, Integer.MAX_VALUE).ifPresent(v -> of.apply(s).retry = OptionalInt.of(v));
            }
        });
        g.on("nb_get_retry", LvsVirtualServerSpec::removedNbGetRetry);
        g.on("delay_before_retry", (s, n, c) -> LvsArgs.timer(c, n, BigDecimal.ZERO, LvsArgs.MAX_TIMER)
                .ifPresent(v -> of.apply(s).delayBeforeRetry = Optional.of(v)));
        g.on("warmup", (s, n, c) -> LvsArgs.timer(c, n, BigDecimal.ZERO, LvsArgs.MAX_TIMER)
                .ifPresent(v -> of.apply(s).warmup = Optional.of(v)));
    }
}
