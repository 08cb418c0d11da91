package org.keepalived4j.daemon;

import java.util.ArrayList;
import java.util.List;
import org.keepalived4j.vrrp.runtime.VrrpSubsystem;

/**
 * Chooses the subsystems a command line runs ({@code -P} VRRP only, {@code -C} checkers only, {@code -x} SNMP).
 * This is where the VRRP engine, the checkers and the SNMP agent plug in as {@link Subsystem}s; VRRP runs unless
 * {@code -C}.
 */
public final class Subsystems {
    private Subsystems() {}

    public static List<Subsystem> selectedBy(CommandLine commandLine) {
        List<Subsystem> selected = new ArrayList<>();
        if (!commandLine.checkOnly()) {
            selected.add(new VrrpSubsystem());
        }
        // issue n:  if (!commandLine.vrrpOnly()) selected.add(new CheckerSubsystem(...));
        // issue n:  if (commandLine.snmp()) selected.add(new SnmpSubsystem(...));
        return selected;
    }
}
