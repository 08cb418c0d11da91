package org.keepalived4j.management;

/**
 * Outcome of a {@link Command}: applied, nothing to change, or rejected with a message naming what and why.
 * {@link Status} maps onto SNMP errors: WRONG_VALUE → wrongValue, INCONSISTENT → inconsistentValue,
 * NO_SUCH_TARGET → noCreation/noSuchInstance, FAILED → commitFailed.
 */
public record CommandResult(Status status, String message) {
    public enum Status {
        APPLIED, UNCHANGED, WRONG_VALUE, INCONSISTENT, NO_SUCH_TARGET, FAILED;

        public boolean ok() {
            return this == APPLIED || this == UNCHANGED;
        }
    }

    public boolean ok() {
        return status.ok();
    }

    public static CommandResult applied(String message) {
        return new CommandResult(Status.APPLIED, message);
    }

    public static CommandResult unchanged(String message) {
        return new CommandResult(Status.UNCHANGED, message);
    }

    public static CommandResult rejected(Status status, String message) {
        if (status.ok()) {
            throw new IllegalArgumentException("not a rejection: " + status);
        }
        return new CommandResult(status, message);
    }
}
