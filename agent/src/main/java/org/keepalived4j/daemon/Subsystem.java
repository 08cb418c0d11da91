package org.keepalived4j.daemon;

import org.keepalived4j.config.model.KeepalivedConfig;

/**
 * A part of the daemon that runs from the configuration: the VRRP engine, the health checkers, the SNMP agent.
 * The {@link Daemon} calls these from its one control thread, in order, so implementations need no locking
 * against each other's lifecycle calls.
 */
public interface Subsystem {
    /** For the log. */
    String name();

    /** Begin work with the configuration the daemon started with. */
    void start(KeepalivedConfig config);

    /** Switch to a newly read configuration (SIGHUP); only called between {@link #start} and {@link #stop}. */
    void reload(KeepalivedConfig config);

    /** Release everything (addresses, sockets, threads); called once, also after a failed start of a later subsystem. */
    void stop();
}
