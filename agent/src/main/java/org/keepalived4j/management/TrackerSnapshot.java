package org.keepalived4j.management;

import java.time.Instant;
import java.util.List;

/**
 * A configured tracked object (vrrp_script, track_file, vrrp_track_process, track_interface) and its state.
 *
 * @param kind what is tracked
 * @param name its configured name
 * @param up script/process/interface healthy (false for a script that has not returned yet); for files: the value
 *     does not put an instance into FAULT at the file's own weight
 * @param value file: the number read; script: last exit status (-1 timed out, 0 before the first run); process:
 *     matching processes at the last scan; interface: 0
 * @param weight the object's configured weight (0 for interfaces); 0 means failure puts instances in FAULT
 * @param instances instances that track it
 * @param lastChange when its state last changed while running; null if never
 */
public record TrackerSnapshot(Kind kind, String name, boolean up, long value, int weight, List<String> instances,
                              Instant lastChange) {
    public enum Kind { SCRIPT, FILE, PROCESS, INTERFACE }

    public TrackerSnapshot {
        instances = List.copyOf(instances);
    }
}
