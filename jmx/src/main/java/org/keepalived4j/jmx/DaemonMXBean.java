package org.keepalived4j.jmx;

import java.util.Date;

/** The daemon: {@code keepalived4j:type=Daemon}. */
public interface DaemonMXBean {
    String getVersion();

    String getRouterId();

    Date getStartTime();

    long getUptimeSeconds();

    String getConfigFile();

    Date getConfigLoadTime();

    long getReloads();

    String[] getInstanceNames();

    /** Re-read the configuration (as SIGHUP); the live overlay is kept. */
    String reload();

    /** The running configuration as keepalived.conf text. */
    String dumpConfiguration();
}
