package org.keepalived4j.snmp;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Row indexes that stay with an object (by name) for as long as it exists, also across reloads that add or remove
 * other objects: keepalived numbers rows by configuration position, so its indexes shift. A name that disappears
 * loses its index; a new name gets the next unused number (numbers are not reused while the agent runs). Thread-safe.
 */
public final class RowIndexes {
    private final Map<String, Integer> indexes = new HashMap<>();
    private int next = 1;

    /** The indexes for {@code names}, assigning new ones in the given order; forgets names not listed. */
    public synchronized Map<String, Integer> update(Collection<String> names) {
        Set<String> present = new HashSet<>(names);
        indexes.keySet().retainAll(present);
        Map<String, Integer> out = new HashMap<>();
        for (String n : names) {
            out.put(n, indexes.computeIfAbsent(n, k -> next++));
        }
        return out;
    }

    /** The current index of {@code name}, or 0 when it has none. */
    public synchronized int indexOf(String name) {
        return indexes.getOrDefault(name, 0);
    }
}
