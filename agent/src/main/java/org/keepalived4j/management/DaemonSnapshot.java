package org.keepalived4j.management;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The daemon as a whole.
 *
 * @param version keepalived4j version
 * @param routerId global_defs router_id (host name when not configured)
 * @param started when the daemon started
 * @param uptime time since then
 * @param configFile the keepalived.conf in use
 * @param configLoaded when it was last (re)loaded successfully
 * @param reloads successful reloads since start
 * @param settings global_defs settings of the loaded configuration; null when not known
 */
public record DaemonSnapshot(String version, String routerId, Instant started, Duration uptime, Path configFile,
                             Instant configLoaded, long reloads, GlobalSettings settings) {
    /** A snapshot without global settings (sources that have no configuration model). */
    public DaemonSnapshot(String version, String routerId, Instant started, Duration uptime, Path configFile,
                          Instant configLoaded, long reloads) {
        this(version, routerId, started, uptime, configFile, configLoaded, reloads, null);
    }
}
