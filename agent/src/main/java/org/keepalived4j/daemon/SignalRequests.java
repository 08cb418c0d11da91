package org.keepalived4j.daemon;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sun.misc.Signal;

/**
 * Turns keepalived's control signals into daemon requests: TERM and INT stop, HUP reloads. Uses
 * {@code sun.misc.Signal} (module jdk.unsupported, kept by the JDK for exactly this), since the standard API has
 * only shutdown hooks, which cannot tell SIGHUP from SIGTERM nor keep the process alive after one.
 */
public final class SignalRequests {
    private static final Logger LOG = LogManager.getLogger();

    private SignalRequests() {}

    public static void install(Daemon daemon) {
        route("TERM", daemon, Daemon.Request.STOP);
        route("INT", daemon, Daemon.Request.STOP);
        route("HUP", daemon, Daemon.Request.RELOAD);
    }

    private static void route(String signal, Daemon daemon, Daemon.Request request) {
        try {
            // the handler only enqueues: the daemon's own thread does the work
            Signal.handle(new Signal(signal), s -> daemon.post(request));
        } catch (IllegalArgumentException e) {
            // the JVM reserves it (e.g. run with -Xrs): say so rather than silently ignore the signal
            LOG.warn("Cannot handle SIG{}: {}", signal, e.getMessage());
        }
    }
}
