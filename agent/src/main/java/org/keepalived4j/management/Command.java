package org.keepalived4j.management;

/** What a management client can ask for. Commands on an instance run on the VRRP loop thread. */
public sealed interface Command {
    /** Instance name, or "" for daemon-wide commands. */
    String target();

    /** Live base priority: 1..254, 255 only (and unchanged) for the address owner. Kept in the overlay. */
    record SetBasePriority(String target, int priority) implements Command {
    }

    /** Live preempt (false = nopreempt). Kept in the overlay. */
    record SetPreempt(String target, boolean preempt) implements Command {
    }

    /** Send a burst of gratuitous ARPs / unsolicited NAs for the VIPs now (MASTER only). */
    record SendGarp(String target) implements Command {
    }

    /**
     * Give up mastership (priority 0 advert, VIPs removed) and do not become master for {@code seconds} (1..86400);
     * as BACKUP, do not take over for that long.
     */
    record Resign(String target, int seconds) implements Command {
    }

    /** Zero the counters (the discontinuity time moves to now). */
    record ResetStatistics(String target) implements Command {
    }

    /** Re-read the configuration file (as SIGHUP); the overlay is re-applied. */
    record Reload() implements Command {
        @Override
        public String target() {
            return "";
        }
    }
}
