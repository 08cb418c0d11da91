package org.keepalived4j.management;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The management API shared by JMX and SNMP (and anything else): snapshots, an event stream and commands.
 * All methods are thread-safe; snapshots are immutable and never block the VRRP engine.
 */
public interface ManagementApi {
    DaemonSnapshot daemon();

    /** Instances in configuration order. */
    List<InstanceSnapshot> instances();

    Optional<InstanceSnapshot> instance(String name);

    List<SyncGroupSnapshot> syncGroups();

    List<TrackerSnapshot> trackers();

    /** The running configuration as canonical keepalived.conf text. */
    String dumpConfiguration();

    /**
     * Checks a command without applying it (SNMP's test phase): the result is {@code APPLIED} when
     * {@link #execute} would apply it as things stand, else the rejection it would get.
     */
    CommandResult validate(Command command);

    /**
     * Runs a command on the VRRP loop thread; completes with the result (never exceptionally). Accepted changes are
     * logged with {@code actor}; live settings go into the overlay.
     */
    CompletableFuture<CommandResult> execute(Command command, Actor actor);

    /** Delivery starts with the next event; see {@link ManagementListener} for ordering and overflow. */
    Subscription subscribe(ManagementListener listener);
}
