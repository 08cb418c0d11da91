package org.keepalived4j.config.model;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * global_defs (and the global keywords the man page lists with it), every value effective:
 * keepalived 2.2.7's defaults (see {@link Defaults.Global}) filled in.
 *
 * @param routerId empty: keepalived uses the host name
 * @param scriptUser empty: keepalived_script if that user exists, else the daemon's user
 * @param includeCheck options of {@code include_check} as written (applied by the reader)
 */
public record GlobalDefs(
        Optional<String> routerId,
        Email email,
        boolean enableScriptSecurity,
        Optional<String> scriptUser,
        Optional<String> scriptGroup,
        Snmp snmp,
        VrrpGlobals vrrp,
        LvsGlobals lvs,
        ProcessSettings process,
        Optional<NotifyFifo> notifyFifo,
        Optional<NotifyFifo> vrrpNotifyFifo,
        Optional<NotifyFifo> lvsNotifyFifo,
        DynamicInterfaces dynamicInterfaces,
        Optional<ReloadCheck> reloadCheckConfig,
        Optional<String> includeCheck,
        Optional<Firewall> firewall,
        boolean enableDbus,
        boolean rsInitNotifies) {

    /** notification_email, smtp_* and the alert switches. Empty switches mean "not set" (they cascade). */
    public record Email(
            List<String> notificationEmails,
            Optional<String> from,
            Optional<SmtpServer> smtpServer,
            Optional<String> heloName,
            Duration connectTimeout,
            Optional<Boolean> smtpAlert,
            Optional<Boolean> smtpAlertVrrp,
            Optional<Boolean> smtpAlertChecker,
            boolean checkerLogAllFailures,
            boolean noEmailFaults) {
        public Email {
            notificationEmails = List.copyOf(notificationEmails);
        }

        /** The effective default of smtp_alert for vrrp instances and sync groups. */
        public boolean vrrpAlertDefault() {
            return smtpAlertVrrp.orElse(smtpAlert.orElse(false));
        }
    }

    /** {@code smtp_server HOST [PORT]}: HOST is an address or a name (resolved when mail is sent). */
    public record SmtpServer(String host, int port) {}

    /** enable_snmp_* / enable_traps / snmp_socket. */
    public record Snmp(boolean vrrp, boolean checker, boolean rfcV2, boolean rfcV3, boolean traps, String socket) {}

    /** The vrrp_* globals; those an instance can override are copied into each instance. */
    public record VrrpGlobals(
            InetAddress mcastGroup4,
            InetAddress mcastGroup6,
            Duration garpMasterDelay,
            int garpMasterRepeat,
            Duration garpMasterRefresh,
            int garpMasterRefreshRepeat,
            Duration garpLowerPrioDelay,
            int garpLowerPrioRepeat,
            Duration garpInterval,
            Duration gnaInterval,
            boolean minGarp,
            Optional<GarpExtraIf> garpExtraIf,
            boolean lowerPrioNoAdvert,
            boolean higherPrioSendAdvert,
            int version,
            boolean checkUnicastSrc,
            boolean skipCheckAdvAddr,
            boolean strict,
            Optional<Duration> startupDelay,
            String defaultInterface) {}

    /** {@code vrrp_garp_extra_if [all] SECS}. */
    public record GarpExtraIf(Duration interval, boolean all) {}

    /** lvs_sync_daemon, lvs_timeouts, lvs_flush, lvs_flush_on_stop. */
    public record LvsGlobals(
            Optional<LvsSyncDaemon> syncDaemon,
            Optional<Duration> timeoutTcp,
            Optional<Duration> timeoutTcpFin,
            Optional<Duration> timeoutUdp,
            boolean flush,
            FlushOnStop flushOnStop) {}

    /** {@code lvs_sync_daemon IF [[inst] VI] [id N] [maxlen N] [port N] [ttl N] [group IP]}. */
    public record LvsSyncDaemon(
            String interfaceName,
            Optional<String> vrrpInstance,
            Optional<Integer> syncId,
            Optional<Integer> maxLength,
            Optional<Integer> port,
            Optional<Integer> ttl,
            Optional<InetAddress> group) {}

    public enum FlushOnStop {
        NONE,
        ALL,
        VS
    }

    /** Scheduling of the keepalived processes: nice values, real-time priorities, mlockall. */
    public record ProcessSettings(
            Optional<Integer> maxAutoPriority,
            Optional<Integer> vrrpPriority,
            Optional<Integer> checkerPriority,
            boolean vrrpNoSwap,
            boolean checkerNoSwap,
            Optional<Integer> vrrpRtPriority,
            Optional<Integer> checkerRtPriority,
            boolean processNames) {}

    /** {@code *notify_fifo FIFO [user [group]]} with its optional {@code *notify_fifo_script}. */
    public record NotifyFifo(Path fifo, Optional<String> user, Optional<String> group, Optional<ScriptCommand> script) {}

    public enum DynamicInterfaces {
        OFF,
        ON,
        ALLOW_IF_CHANGES
    }

    /** {@code reload_check_config [LOG_FILE]}. */
    public record ReloadCheck(Optional<Path> logFile) {}

    /** {@code vrrp_iptables [IN [OUT]]} or {@code nftables [TABLE]}. */
    public record Firewall(Kind kind, Optional<String> inChainOrTable, Optional<String> outChain) {
        public enum Kind {
            IPTABLES,
            NFTABLES
        }
    }
}
