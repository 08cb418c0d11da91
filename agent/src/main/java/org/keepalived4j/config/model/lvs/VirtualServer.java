package org.keepalived4j.config.model.lvs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.keepalived4j.config.model.ScriptCommand;

/**
 * A {@code virtual_server} with every value effective (keepalived's defaults filled in).
 *
 * @param protocol empty for fwmark services (IPVS ignores it there)
 * @param persistenceTimeout empty: not persistent
 * @param persistenceGranularity netmask as a prefix length (-M of ipvsadm)
 * @param quorum minimum total weight of live real servers, as keepalived applies it: at most the total weight
 *     of the real servers, but at least 1 (keepalived 2.2.7 would use 0 when all weights are 0)
 * @param hysteresis flap damper, below the quorum (keepalived resets it to quorum - 1)
 * @param retry explicit value inherited by real servers and checkers; empty: each checker type's default
 * @param delayBeforeRetry likewise
 * @param warmup likewise (empty: each checker's delay loop)
 * @param smtpAlert empty: global_defs decides
 * @param ipFamily explicit {@code ip_family} (fwmark services whose real servers are all tunnelled)
 */
public record VirtualServer(
        VirtualService service,
        Optional<Protocol> protocol,
        Scheduler scheduler,
        ForwardingMethod forwarding,
        boolean onePacketScheduling,
        Optional<Duration> persistenceTimeout,
        OptionalInt persistenceGranularity,
        Duration delayLoop,
        Duration connectTimeout,
        OptionalInt retry,
        Optional<Duration> delayBeforeRetry,
        Optional<Duration> warmup,
        boolean haSuspend,
        boolean alpha,
        boolean omega,
        boolean inhibitOnFailure,
        long quorum,
        long hysteresis,
        Optional<ScriptCommand> quorumUp,
        Optional<ScriptCommand> quorumDown,
        Optional<Boolean> smtpAlert,
        Optional<String> virtualhost,
        Optional<String> snmpName,
        Optional<IpFamily> ipFamily,
        Optional<SorryServer> sorryServer,
        List<RealServer> realServers) {
    public VirtualServer {
        realServers = List.copyOf(realServers);
    }

    /** Sum of the real servers' configured weights (what the quorum is measured against). */
    public long totalWeight() {
        return realServers.stream().mapToLong(RealServer::weight).sum();
    }
}
