package org.keepalived4j.snmp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.management.ManagementApi;
import org.keepalived4j.management.ManagementPlugin;
import org.keepalived4j.management.ManagementSettings;

/** The SNMP front end, found by the daemon through ServiceLoader; does nothing unless {@code snmp.enabled}. */
public final class SnmpPlugin implements ManagementPlugin {
    private static final Logger LOG = LogManager.getLogger();
    private SnmpService service;

    @Override
    public String name() {
        return "SNMP";
    }

    @Override
    public synchronized void start(ManagementApi api, ManagementSettings settings) throws Exception {
        SnmpSettings snmp = SnmpSettings.from(settings);
        if (!snmp.enabled()) {
            LOG.debug("SNMP agent disabled (snmp.enabled is not true in {})", settings.source().orElse(null));
            return;
        }
        warnIfTargetsUnreachable(snmp, settings);
        service = SnmpService.start(api, snmp, SnmpService::sysfsIfIndex);
    }

    /**
     * Notifications leave from the agent's own socket (snmp4j), so an agent on a loopback address can reach only
     * loopback targets; the kernel drops the rest silently. Said once at start.
     */
    private static void warnIfTargetsUnreachable(SnmpSettings snmp, ManagementSettings settings) {
        if (!isLoopback(snmp.address())) {
            return;
        }
        List<String> targets = new ArrayList<>(snmp.v2cTrapTargets());
        targets.addAll(snmp.v3InformTargets());
        for (String target : targets) {
            String host = target.substring(0, target.lastIndexOf(':')).replace("[", "").replace("]", "");
            if (!isLoopback(host)) {
                LOG.warn("{}: the agent listens on {} and sends notifications from there, so they cannot reach {};"
                        + " set snmp.address to an address that can", settings.where("snmp.address"), snmp.address(),
                        target);
            }
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        if (service != null) {
            service.close();
            service = null;
        }
    }
}
