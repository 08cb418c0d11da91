package org.keepalived4j.daemon;

/**
 * A subsystem cannot start for a reason the operator must fix (missing interface, missing privileges): the daemon
 * logs the message as one line, without a stack trace, and exits as keepalived would.
 */
public final class StartFailure extends RuntimeException {
    public StartFailure(String message) {
        super(message, null, false, false);
    }
}
