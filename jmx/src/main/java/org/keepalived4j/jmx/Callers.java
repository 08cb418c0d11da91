package org.keepalived4j.jmx;

import java.security.AccessController;
import java.security.Principal;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import org.keepalived4j.management.Actor;
import org.keepalived4j.management.CommandResult;

/** Who is calling (the authenticated JMX principal, or "local" for in-process/attach) and how to report results. */
final class Callers {
    private static final long COMMAND_TIMEOUT_SECONDS = 5;

    private Callers() {}

    /** The connector's Subject is only reachable through the access-control context in Java 17. */
    @SuppressWarnings("removal")
    static Actor actor() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            Set<JMXPrincipal> jmx = subject.getPrincipals(JMXPrincipal.class);
            if (!jmx.isEmpty()) {
                return Actor.jmx(jmx.iterator().next().getName());
            }
            Set<Principal> any = subject.getPrincipals();
            if (!any.isEmpty()) {
                return Actor.jmx(any.iterator().next().getName());
            }
        }
        return Actor.jmx("local");
    }

    /** Waits for the loop; a rejection becomes an exception a generic client can show. */
    static String await(CompletableFuture<CommandResult> future) {
        CommandResult r;
        try {
            r = future.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the VRRP loop did not answer within " + COMMAND_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(String.valueOf(e.getCause()));
        }
        return switch (r.status()) {
            case APPLIED, UNCHANGED -> r.message();
            case WRONG_VALUE -> throw new IllegalArgumentException(r.message());
            default -> throw new IllegalStateException(r.message());
        };
    }
}
