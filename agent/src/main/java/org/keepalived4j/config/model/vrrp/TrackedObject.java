package org.keepalived4j.config.model.vrrp;

/**
 * A tracked interface, script, file or process as listed in track_* of an instance or sync group.
 *
 * @param weight effective weight (for scripts/files/processes the object's own weight when the
 *     line gives none; forced to 0 for members of a sync group as keepalived does)
 * @param reverse the priority adjustment direction is reversed
 */
public record TrackedObject(String name, int weight, boolean reverse) {}
