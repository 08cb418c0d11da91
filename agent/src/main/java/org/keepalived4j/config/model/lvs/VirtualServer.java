package org.keepalived4j.config.model.lvs;

import java.time.Duration;
import java.util.ArrayList;
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

    /** How keepalived names the service in logs and SNMP: {@code [10.0.0.1]:tcp:80}, {@code FWM 5}, {@code [web]:0}. */
    public String describe() {
        if (service instanceof VirtualService.Address a) {
            String ip = a.address() instanceof java.net.Inet6Address
                    ? org.keepalived4j.config.bind.InetAddresses.format(a.address()) : a.address().getHostAddress();
            return "[" + ip + "]:" + protocol.map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).orElse("none") + ":" + a.port();
        }
        if (service instanceof VirtualService.Fwmark f) {
            return "FWM " + f.mark();
        }
        return "[" + ((VirtualService.Group) service).name() + "]:0";
    }

    /** Sum of the real servers' configured weights (what the quorum is measured against). */
    public long totalWeight() {
        return realServers.stream().mapToLong(RealServer::weight).sum();
    }

    /** Every program this virtual server makes keepalived run: quorum scripts, notify_up/down, MISC_CHECK. */
    public List<ScriptCommand> scripts() {
        List<ScriptCommand> out = new ArrayList<>();
        quorumUp.ifPresent(out::add);
        quorumDown.ifPresent(out::add);
        for (RealServer rs : realServers) {
            rs.notifyUp().ifPresent(out::add);
            rs.notifyDown().ifPresent(out::add);
            for (Checker c : rs.checkers()) {
                if (c instanceof Checker.Misc misc) {
                    out.add(misc.script());
                }
            }
        }
        return List.copyOf(out);
    }
}
