package org.keepalived4j.config.model.lvs;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.keepalived4j.config.model.ScriptCommand;

/**
 * A {@code real_server} with effective values (inherited from its virtual server where keepalived does).
 *
 * @param port 0 when written without a port (fwmark services); for DR equal to the virtual server's port
 * @param weight IPVS weight 0..2147483647
 * @param retry explicit retry (own or the virtual server's); empty: each checker's type default
 * @param delayBeforeRetry likewise
 * @param warmup likewise (empty: the checker's delay loop)
 * @param smtpAlert empty: global_defs decides
 */
public record RealServer(
        InetAddress address,
        int port,
        long weight,
        ForwardingMethod forwarding,
        Optional<ScriptCommand> notifyUp,
        Optional<ScriptCommand> notifyDown,
        OptionalLong upperThreshold,
        OptionalLong lowerThreshold,
        Optional<Boolean> smtpAlert,
        Optional<String> virtualhost,
        Optional<String> snmpName,
        boolean alpha,
        boolean inhibitOnFailure,
        Duration delayLoop,
        Duration connectTimeout,
        OptionalInt retry,
        Optional<Duration> delayBeforeRetry,
        Optional<Duration> warmup,
        List<Checker> checkers) {
    public RealServer {
        checkers = List.copyOf(checkers);
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }
}
