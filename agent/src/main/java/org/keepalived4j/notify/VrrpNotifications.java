package org.keepalived4j.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.vrrp.SyncGroup;
import org.keepalived4j.config.model.vrrp.VrrpInstance;

/**
 * The notification side of a configuration, built from the model: the notify FIFOs (notify_fifo and
 * vrrp_notify_fifo, each with its script), the SMTP alerter (when smtp_server and notification_email are set) and
 * the {@link VrrpNotifier} that every router's listener chain and every sync group report to.
 * keepalived's defaults: router_id, smtp_helo_name = the host name; notification_email_from = keepalived@host.
 */
public final class VrrpNotifications implements AutoCloseable {
    /** Bounds: queued FIFO lines, queued mails, mail attempts and their spacing, notify-script serial wait. */
    public record Options(int fifoCapacity, int mailQueue, int mailAttempts, Duration mailRetryDelay,
                          Duration serialWait, Duration mailDrainOnClose) {
        public static final Options DEFAULT = new Options(4096, 256, 5, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    private final List<NotifyFifo> fifos;
    private final Optional<MailAlerter> mail;
    private final VrrpNotifier notifier;
    private final Options options;

    private VrrpNotifications(List<NotifyFifo> fifos, Optional<MailAlerter> mail, VrrpNotifier notifier, Options options) {
        this.fifos = fifos;
        this.mail = mail;
        this.notifier = notifier;
        this.options = options;
    }

    public static VrrpNotifications build(KeepalivedConfig config, ScriptRunner runner, String hostName, Options options) {
        GlobalDefs global = config.global();
        List<NotifyFifo> fifos = new ArrayList<>();
        global.notifyFifo().flatMap(f -> NotifyFifo.open(f, runner, options.fifoCapacity())).ifPresent(fifos::add);
        global.vrrpNotifyFifo().flatMap(f -> NotifyFifo.open(f, runner, options.fifoCapacity())).ifPresent(fifos::add);
        String routerId = global.routerId().orElse(hostName);
        GlobalDefs.Email email = global.email();
        Optional<MailAlerter> mail = email.smtpServer().filter(s -> !email.notificationEmails().isEmpty())
                .map(s -> new MailAlerter(new MailAlerter.Settings(email.notificationEmails(),
                        email.from().orElse("keepalived@" + hostName), s.host(), s.port(), email.connectTimeout(),
                        email.heloName().orElse(hostName), routerId), options.mailQueue(), options.mailAttempts(),
                        options.mailRetryDelay()));
        Map<String, VrrpNotifier.Subject> instances = new HashMap<>();
        for (VrrpInstance vi : config.vrrp().instances()) {
            instances.put(vi.name(), new VrrpNotifier.Subject(vi.notifyScripts(), vi.smtpAlert(), vi.notifyPriorityChanges()));
        }
        Map<String, VrrpNotifier.Subject> groups = new HashMap<>();
        for (SyncGroup g : config.vrrp().syncGroups()) {
            groups.put(g.name(), new VrrpNotifier.Subject(g.notifyScripts(), g.smtpAlert(), false));
        }
        VrrpNotifier notifier = new VrrpNotifier(runner, fifos, mail, routerId, email.noEmailFaults(), instances, groups,
                options.serialWait());
        return new VrrpNotifications(fifos, mail, notifier, options);
    }

    public VrrpNotifier notifier() {
        return notifier;
    }

    public List<NotifyFifo> fifos() {
        return List.copyOf(fifos);
    }

    public Optional<MailAlerter> mail() {
        return mail;
    }

    @Override
    public void close() {
        fifos.forEach(NotifyFifo::close);
        mail.ifPresent(m -> m.close(options.mailDrainOnClose()));
    }
}
