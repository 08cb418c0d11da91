package org.keepalived4j.management;

/**
 * A management front end (JMX, SNMP) loaded with {@link java.util.ServiceLoader} from the class path, so the agent
 * never depends on the modules that implement it. Register in
 * {@code META-INF/services/org.keepalived4j.management.ManagementPlugin}.
 */
public interface ManagementPlugin {
    /** For the log, e.g. "JMX". */
    String name();

    /**
     * Starts serving; called once after the VRRP subsystem started. Should return promptly. A plugin whose settings
     * say it is off simply does nothing. Throwing stops the daemon's start, so only throw for a configured but
     * unusable front end (bad port, missing password file).
     */
    void start(ManagementApi api, ManagementSettings settings) throws Exception;

    /** Stops serving and releases ports and threads. */
    void stop();
}
