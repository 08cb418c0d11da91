package org.keepalived4j.daemon;

import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.management.ManagementSettings;

/**
 * Whether the SNMP agent runs, from the three places a keepalived user may have said so:
 * <ol>
 *   <li>{@code snmp.enabled} in the management settings file, when present, decides (true or false): it is the
 *       operator's explicit word for keepalived4j and so also lets a shared keepalived.conf keep its
 *       enable_snmp_* lines while the agent stays off;</li>
 *   <li>otherwise the agent runs when keepalived would talk to snmpd: {@code -x/--snmp} on the command line, or any of
 *       global_defs' {@code enable_snmp_vrrp} (alias {@code enable_snmp_keepalived}), {@code enable_snmp_rfc},
 *       {@code enable_snmp_rfcv2}, {@code enable_snmp_rfcv3}, {@code enable_snmp_checker}. One agent serves all
 *       modules, so any of them switches on all;</li>
 *   <li>switched on that way with no community and no v3 user configured, it answers the read-only community
 *       {@code public} on {@code snmp.address} (default 127.0.0.1), like Debian's stock snmpd that keepalived's
 *       subagent would have used; every other {@code snmp.*} key keeps its documented default or file value.</li>
 * </ol>
 * {@code snmp_socket} (the AgentX master) does not apply: keepalived4j is its own agent.
 */
public final class SnmpActivation {
    private static final Logger LOG = LogManager.getLogger(SnmpActivation.class);
    static final String ENABLED = "snmp.enabled";

    private SnmpActivation() {}

    /** The effective settings. */
    public static ManagementSettings apply(ManagementSettings file, boolean commandLineSnmp, GlobalDefs.Snmp conf) {
        if (file.get(ENABLED).isPresent()) {
            boolean on = file.getBoolean(ENABLED, false);
            if (!on && (commandLineSnmp || requestedByConfig(conf))) {
                LOG.info("SNMP agent off: {} = false overrides {}", file.where(ENABLED),
                        commandLineSnmp ? "-x" : "enable_snmp_* in global_defs");
            }
            return file;
        }
        if (!commandLineSnmp && !requestedByConfig(conf)) {
            return file;
        }
        Map<String, String> values = new TreeMap<>(file.withPrefix(""));
        values.put(ENABLED, "true");
        boolean anyAccess = file.get("snmp.community.ro").isPresent() || file.get("snmp.community.rw").isPresent()
                || file.get("snmp.v3.users").isPresent();
        if (!anyAccess) {
            values.put("snmp.community.ro", "public");
        }
        LOG.info("SNMP agent on ({}){}", commandLineSnmp ? "-x" : "enable_snmp_* in global_defs",
                anyAccess ? "" : ": read-only community public, no snmp.community/snmp.v3 keys in the settings");
        return new ManagementSettings(file.source().orElse(null), values);
    }

    static boolean requestedByConfig(GlobalDefs.Snmp conf) {
        return conf.vrrp() || conf.checker() || conf.rfcV2() || conf.rfcV3();
    }
}
