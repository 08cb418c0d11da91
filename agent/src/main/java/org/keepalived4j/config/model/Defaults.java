package org.keepalived4j.config.model;

/**
 * Every default keepalived 2.2.7 applies, in one place (names follow the keywords). The binders and
 * the dumper read them from here and nowhere else.
 */
public final class Defaults {
    private Defaults() {}

    /** global_defs. */
    public static final class Global {
        private Global() {}
    }

    /** vrrp_instance, vrrp_script, track_file, vrrp_track_process, vrrp_sync_group. */
    public static final class Vrrp {
        private Vrrp() {}
    }

    /** virtual_server, real_server and checkers. */
    public static final class Lvs {
        private Lvs() {}
    }
}
