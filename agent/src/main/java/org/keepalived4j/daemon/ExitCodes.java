package org.keepalived4j.daemon;

/**
 * Process exit codes outside {@code -t} (see {@link ConfigTestOutcome} for those), as keepalived 2.2.7 returns
 * them (measured by running it).
 */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** Unknown option or missing option argument. */
    public static final int USAGE = 1;
    /**
     * The configuration cannot be run (e.g. its interface does not exist): keepalived's parent exits 2 once its
     * VRRP child stops with a configuration error. Also used when something fails unexpectedly at start.
     */
    public static final int CANNOT_START = 2;
    /** The pid file cannot be written. */
    public static final int PID_FILE = 3;
    /** The configuration file does not exist: keepalived exits 6 at start. */
    public static final int NO_CONFIG_FILE = 6;
}
