package org.keepalived4j.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.keepalived4j.management.ManagementSettings;
import org.keepalived4j.vrrp.runtime.VrrpSubsystem;

/**
 * Chooses the subsystems a command line runs ({@code -P} VRRP only, {@code -C} checkers only, {@code -x} SNMP).
 * This is where the VRRP engine, the checkers and the SNMP agent plug in as {@link Subsystem}s; VRRP runs unless
 * {@code -C}.
 */
public final class Subsystems {
    private Subsystems() {}

    /**
     * @param requests where management's {@code reload()} posts its request (the daemon, created after this list)
     */
    public static List<Subsystem> selectedBy(CommandLine commandLine, Consumer<Daemon.Request> requests) {
        List<Subsystem> selected = new ArrayList<>();
        if (!commandLine.checkOnly()) {
            VrrpSubsystem vrrp = new VrrpSubsystem();
            selected.add(vrrp);
            // after VRRP: reloads run in start order, so management attaches the routers VRRP just restarted.
            // JMX and SNMP (-x, see SnmpActivation) are plugins of this one subsystem.
            selected.add(new ManagementWiring(commandLine, ManagementSettings.defaultPath(), vrrp, requests));
        }
        // issue n:  if (!commandLine.vrrpOnly()) selected.add(new CheckerSubsystem(...));
        return selected;
    }
}
