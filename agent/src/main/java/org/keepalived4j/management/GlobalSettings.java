package org.keepalived4j.management;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.KeepalivedConfig;

/**
 * global_defs settings that the management interfaces show, taken from the loaded configuration model; immutable.
 *
 * @param smtpServer {@code smtp_server} when it is an address literal; null when not set or a host name
 * @param smtpPort its port (25 by default)
 * @param smtpTimeout {@code smtp_connect_timeout}
 * @param emailFrom {@code notification_email_from}, null when not set
 * @param emails {@code notification_email} addresses in configuration order
 * @param emailFaults false with {@code no_email_faults}
 * @param smtpAlert {@code smtp_alert}, null when not set
 * @param smtpAlertVrrp {@code smtp_alert_vrrp}, null when not set
 * @param smtpAlertChecker {@code smtp_alert_checker}, null when not set
 * @param lvsFlush {@code lvs_flush}
 * @param lvsFlushOnStop {@code lvs_flush_onstop}
 * @param dbus {@code enable_dbus}
 * @param dynamicInterfaces {@code dynamic_interfaces} (with or without allow_if_changes)
 * @param vrrp the vrrp objects configured outside instances (static_*, trackers, sync groups)
 */
public record GlobalSettings(InetAddress smtpServer, int smtpPort, Duration smtpTimeout, String emailFrom,
                             List<String> emails, boolean emailFaults, Boolean smtpAlert, Boolean smtpAlertVrrp,
                             Boolean smtpAlertChecker, boolean lvsFlush, GlobalDefs.FlushOnStop lvsFlushOnStop,
                             boolean dbus, boolean dynamicInterfaces, VrrpDefinitions vrrp) {
    public GlobalSettings {
        emails = List.copyOf(emails);
        vrrp = vrrp == null ? VrrpDefinitions.NONE : vrrp;
    }

    /** Settings without vrrp definitions (sources that do not know them). */
    public GlobalSettings(InetAddress smtpServer, int smtpPort, Duration smtpTimeout, String emailFrom,
                          List<String> emails, boolean emailFaults, Boolean smtpAlert, Boolean smtpAlertVrrp,
                          Boolean smtpAlertChecker, boolean lvsFlush, GlobalDefs.FlushOnStop lvsFlushOnStop,
                          boolean dbus, boolean dynamicInterfaces) {
        this(smtpServer, smtpPort, smtpTimeout, emailFrom, emails, emailFaults, smtpAlert, smtpAlertVrrp,
                smtpAlertChecker, lvsFlush, lvsFlushOnStop, dbus, dynamicInterfaces, VrrpDefinitions.NONE);
    }

    public static GlobalSettings of(KeepalivedConfig config) {
        GlobalDefs g = config.global();
        GlobalDefs.Email mail = g.email();
        InetAddress server = mail.smtpServer().map(s -> literal(s.host())).orElse(null);
        return new GlobalSettings(server, mail.smtpServer().map(GlobalDefs.SmtpServer::port).orElse(25),
                mail.connectTimeout(), mail.from().orElse(null), mail.notificationEmails(), !mail.noEmailFaults(),
                mail.smtpAlert().orElse(null), mail.smtpAlertVrrp().orElse(null), mail.smtpAlertChecker().orElse(null),
                g.lvs().flush(), g.lvs().flushOnStop(), g.enableDbus(),
                g.dynamicInterfaces() != GlobalDefs.DynamicInterfaces.OFF, VrrpDefinitions.of(config.vrrp()));
    }

    /** An IPv4/IPv6 literal, without a DNS lookup; null for a host name. */
    private static InetAddress literal(String host) {
        if (!host.matches("[0-9a-fA-F.:]+") || !(host.contains(":") || host.matches("[0-9.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
