package org.keepalived4j.vrrp;

/** Result of an administrative command on a {@link VrrpRouter}: what happened, in words fit for a log or a client. */
public record CommandOutcome(Kind kind, String message) {
    public enum Kind {
        APPLIED, UNCHANGED, REJECTED
    }

    public static CommandOutcome applied(String message) {
        return new CommandOutcome(Kind.APPLIED, message);
    }

    public static CommandOutcome unchanged(String message) {
        return new CommandOutcome(Kind.UNCHANGED, message);
    }

    public static CommandOutcome rejected(String message) {
        return new CommandOutcome(Kind.REJECTED, message);
    }

    public boolean accepted() {
        return kind != Kind.REJECTED;
    }
}
