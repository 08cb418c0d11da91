package org.keepalived4j.vrrp.runtime;

/** The VRRP runtime cannot start (missing interface, missing privileges): a one-line message for the log. */
public final class VrrpStartException extends Exception {
    public VrrpStartException(String message) {
        super(message);
    }
}
