package org.keepalived4j.management;

import java.time.Instant;
import java.util.List;

/**
 * A tracked object (vrrp_script, track_file, track_process, tracked interface) and its effect; placeholder shape until
 * the engine has trackers.
 *
 * @param kind what is tracked
 * @param name its configured name
 * @param up script/process/interface healthy (for files: value within range)
 * @param value last value (script exit code, file number), 0 when not meaningful
 * @param weight configured weight; 0 means failure puts instances in FAULT
 * @param instances instances that track it
 * @param lastChange when {@code up} last changed; null if never
 */
public record TrackerSnapshot(Kind kind, String name, boolean up, long value, int weight, List<String> instances,
                              Instant lastChange) {
    public enum Kind { SCRIPT, FILE, PROCESS, INTERFACE }

    public TrackerSnapshot {
        instances = List.copyOf(instances);
    }
}
