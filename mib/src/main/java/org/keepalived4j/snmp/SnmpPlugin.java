package org.keepalived4j.snmp;

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
        service = SnmpService.start(api, snmp, SnmpService::sysfsIfIndex);
    }

    @Override
    public synchronized void stop() {
        if (service != null) {
            service.close();
            service = null;
        }
    }
}
