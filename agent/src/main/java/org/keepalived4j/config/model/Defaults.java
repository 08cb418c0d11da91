package org.keepalived4j.config.model;

import java.time.Duration;

/**
 * Every default keepalived 2.2.7 applies, in one place (names follow the keywords). The binders and
 * the dumper read them from here and nowhere else.
 */
public final class Defaults {
    private Defaults() {}

    /** global_defs. */
    public static final class Global {
        private Global() {}

        public static final Duration SMTP_CONNECT_TIMEOUT = Duration.ofSeconds(30);
        public static final int SMTP_PORT = 25;
        public static final String SNMP_SOCKET = "unix:/var/agentx/master";
        public static final String VRRP_MCAST_GROUP4 = "224.0.0.18";
        public static final String VRRP_MCAST_GROUP6 = "ff02::12";
        public static final Duration VRRP_GARP_MASTER_DELAY = Duration.ofSeconds(5);
        public static final int VRRP_GARP_MASTER_REPEAT = 5;
        /** 0 = no periodic refresh. */
        public static final Duration VRRP_GARP_MASTER_REFRESH = Duration.ZERO;
        public static final int VRRP_GARP_MASTER_REFRESH_REPEAT = 1;
        public static final Duration VRRP_GARP_INTERVAL = Duration.ZERO;
        public static final Duration VRRP_GNA_INTERVAL = Duration.ZERO;
        public static final int VRRP_VERSION = 2;
        public static final String DEFAULT_INTERFACE = "eth0";
        public static final String NFTABLES_TABLE = "keepalived";
        public static final String IPTABLES_IN_CHAIN = "INPUT";
        public static final String IPTABLES_OUT_CHAIN = "OUTPUT";
    }

    /** vrrp_instance, vrrp_script, track_file, vrrp_track_process, vrrp_sync_group. */
    public static final class Vrrp {
        private Vrrp() {}

        public static final int PRIORITY = 100;
        public static final Duration ADVERT_INT = Duration.ofSeconds(1);
        public static final Duration PREEMPT_DELAY = Duration.ZERO;
        public static final boolean PREEMPT = true;
        public static final int UNICAST_TTL = 255;
        public static final boolean ACCEPT = true;
        /** VMAC name is this prefix + "." + VRID. */
        public static final String VMAC_PREFIX = "vrrp";
        public static final String VMAC_MAC_V4_PREFIX = "00:00:5e:00:01:";
        public static final String VMAC_MAC_V6_PREFIX = "00:00:5e:00:02:";

        public static final Duration SCRIPT_INTERVAL = Duration.ofSeconds(1);
        public static final int SCRIPT_WEIGHT = 0;
        public static final int SCRIPT_RISE = 1;
        public static final int SCRIPT_FALL = 1;

        public static final int TRACK_FILE_WEIGHT = 1;
        public static final int TRACK_PROCESS_WEIGHT = 1;
        public static final int TRACK_PROCESS_QUORUM = 1;
        public static final Duration TRACK_PROCESS_DELAY = Duration.ZERO;
        public static final int TRACK_INTERFACE_WEIGHT = 0;
    }

    /** virtual_server, real_server and checkers. */
    public static final class Lvs {
        private Lvs() {}

        public static final java.time.Duration DELAY_LOOP = java.time.Duration.ofSeconds(60);
        public static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(5);
        /** keepalived 2.2.7 -t: "no scheduler set, setting default 'wlc'". */
        public static final org.keepalived4j.config.model.lvs.Scheduler SCHEDULER = org.keepalived4j.config.model.lvs.Scheduler.WLC;
        public static final org.keepalived4j.config.model.lvs.ForwardingMethod FORWARDING = org.keepalived4j.config.model.lvs.ForwardingMethod.NAT;
        /** keepalived 2.2.7 -t: "no protocol set - defaulting to UDP" (and the service then prints as :udp:). */
        public static final org.keepalived4j.config.model.lvs.Protocol PROTOCOL = org.keepalived4j.config.model.lvs.Protocol.UDP;
        /** {@code persistence_timeout} without a value: 6 minutes. */
        public static final java.time.Duration PERSISTENCE_TIMEOUT = java.time.Duration.ofSeconds(360);
        public static final long PERSISTENCE_TIMEOUT_MAX_SECONDS = 2_678_400;
        public static final long QUORUM = 1;
        public static final long HYSTERESIS = 0;
        public static final long WEIGHT = 1;
        public static final long WEIGHT_MAX = 2_147_483_647L;
        public static final int RETRY = 1;
        public static final int RETRY_DNS = 3;
        public static final int RETRY_MISC = 0;
        /** delay_before_retry for HTTP_GET/SSL_GET; DNS_CHECK uses its delay loop, the others 1 s. */
        public static final java.time.Duration DELAY_BEFORE_RETRY_HTTP = java.time.Duration.ofSeconds(3);
        public static final java.time.Duration DELAY_BEFORE_RETRY = java.time.Duration.ofSeconds(1);
        public static final org.keepalived4j.config.model.lvs.HttpProtocol HTTP_PROTOCOL = org.keepalived4j.config.model.lvs.HttpProtocol.HTTP_1_0;
        public static final org.keepalived4j.config.model.lvs.StatusCodeRange STATUS_CODES = new org.keepalived4j.config.model.lvs.StatusCodeRange(200, 299);
        public static final org.keepalived4j.config.model.lvs.DnsQueryType DNS_TYPE = org.keepalived4j.config.model.lvs.DnsQueryType.SOA;
        public static final String DNS_NAME = ".";

        public static int retry(org.keepalived4j.config.model.lvs.CheckerType type) {
            return switch (type) {
                case DNS_CHECK -> RETRY_DNS;
                case MISC_CHECK -> RETRY_MISC;
                default -> RETRY;
            };
        }

        public static java.time.Duration delayBeforeRetry(org.keepalived4j.config.model.lvs.CheckerType type, java.time.Duration delayLoop) {
            return switch (type) {
                case HTTP_GET, SSL_GET -> DELAY_BEFORE_RETRY_HTTP;
                case DNS_CHECK -> delayLoop;
                default -> DELAY_BEFORE_RETRY;
            };
        }
    }
}
