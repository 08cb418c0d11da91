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
    }
}
