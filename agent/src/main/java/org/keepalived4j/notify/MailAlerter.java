package org.keepalived4j.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * keepalived's SMTP alerts (smtp_alert): subject {@code [router_id] VRRP Instance VI_1 - Entering MASTER state},
 * one body line, headers From, To (all notification_email addresses), Subject, {@code X-Mailer: Keepalived}; plain
 * HELO with smtp_helo_name. Sent by one sender thread from a bounded queue: callers never wait, an unreachable
 * server only delays the alerts behind the one being retried, none is lost unless the queue overflows (oldest
 * dropped, logged). Each alert is tried {@code attempts} times, {@code retryDelay} apart.
 */
public final class MailAlerter implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(MailAlerter.class);

    /** Where and how to send; {@code connectTimeout} is smtp_connect_timeout. */
    public record Settings(List<String> to, String from, String host, int port, Duration connectTimeout,
                           String heloName, String routerId) {
        public Settings {
            to = List.copyOf(to);
        }
    }

    /** One alert as it will be sent. */
    public record Alert(String subject, String body) {}

    private final Settings settings;
    private final int attempts;
    private final Duration retryDelay;
    private final int capacity;
    private final LinkedBlockingDeque<Alert> queue = new LinkedBlockingDeque<>();
    private final Thread sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    public MailAlerter(Settings settings, int capacity, int attempts, Duration retryDelay) {
        this.settings = settings;
        this.capacity = capacity;
        this.attempts = Math.max(1, attempts);
        this.retryDelay = retryDelay;
        this.sender = new Thread(this::sendLoop, "k4j-smtp-alert");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** keepalived's VRRP instance alert wording for a state word (MASTER, BACKUP, FAULT, STOP). */
    public static Alert instanceAlert(String routerId, String instance, String state) {
        return switch (state) {
            case "MASTER" -> new Alert(subject(routerId, "VRRP Instance", instance, "Entering MASTER state"),
                    "=> VRRP Instance is now owning VRRP VIPs <=");
            case "BACKUP" -> new Alert(subject(routerId, "VRRP Instance", instance, "Entering BACKUP state"),
                    "=> VRRP Instance is no longer owning VRRP VIPs <=");
            case "FAULT" -> new Alert(subject(routerId, "VRRP Instance", instance, "Entering FAULT state"),
                    "=> VRRP Instance is no longer owning VRRP VIPs <=");
            case "STOP" -> new Alert(subject(routerId, "VRRP Instance", instance, "Stopping"),
                    "=> VRRP Instance stopping <=");
            default -> throw new IllegalArgumentException(state);
        };
    }

    /** keepalived's sync group alert wording. */
    public static Alert groupAlert(String routerId, String group, String state) {
        return switch (state) {
            case "MASTER", "BACKUP", "FAULT" -> new Alert(subject(routerId, "VRRP Group", group,
                    "Entering " + state + " state"), "=> All VRRP group instances are now in " + state + " state <=");
            case "STOP" -> new Alert(subject(routerId, "VRRP Group", group, "Stopping"),
                    "=> All VRRP group instances are now stopping <=");
            default -> throw new IllegalArgumentException(state);
        };
    }

    private static String subject(String routerId, String what, String name, String text) {
        return "[" + routerId + "] " + what + " " + name + " - " + text;
    }

    public Settings settings() {
        return settings;
    }

    public long sentCount() {
        return sent.get();
    }

    public long failedCount() {
        return failed.get();
    }

    /** Queues an alert; returns at once. */
    public void send(Alert alert) {
        if (closed) {
            return;
        }
        while (queue.size() >= capacity) {
            Alert dropped = queue.pollFirst();
            if (dropped != null) {
                LOG.warn("SMTP alert queue full ({}) - dropping oldest alert: {}", capacity, dropped.subject());
            }
        }
        queue.offerLast(alert);
    }

    private void sendLoop() {
        while (!closed) {
            Alert alert;
            try {
                alert = queue.takeFirst();
            } catch (InterruptedException e) {
                return;
            }
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    deliver(alert);
                    sent.incrementAndGet();
                    LOG.info("SMTP alert successfully sent: {}", alert.subject());
                    break;
                } catch (MessagingException | RuntimeException e) {
                    LOG.warn("Error sending SMTP alert \"{}\" to [{}]:{} (attempt {}/{}): {}", alert.subject(),
                            settings.host(), settings.port(), attempt, attempts, e.getMessage());
                    if (attempt == attempts) {
                        failed.incrementAndGet();
                        LOG.error("SMTP alert \"{}\" given up after {} attempts", alert.subject(), attempts);
                    } else if (!sleep(retryDelay)) {
                        return;
                    }
                }
            }
        }
    }

    private static boolean sleep(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void deliver(Alert alert) throws MessagingException {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(settings.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.localhost", settings.heloName());
        p.setProperty("mail.smtp.ehlo", "false"); // keepalived says HELO
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(settings.from()));
        for (String to : settings.to()) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        m.setSubject(alert.subject());
        m.setSentDate(new Date());
        m.setHeader("X-Mailer", "Keepalived");
        m.setText(alert.body() + "\r\n", "US-ASCII");
        Transport.send(m);
    }

    /** Gives queued alerts up to {@code drain} to go out, then stops the sender; the rest are logged as not sent. */
    public void close(Duration drain) {
        long deadline = System.nanoTime() + drain.toNanos();
        while (!queue.isEmpty() && deadline - System.nanoTime() > 0) {
            if (!sleep(Duration.ofMillis(50))) {
                break;
            }
        }
        close();
    }

    /** Stops the sender; alerts still queued are logged as not sent. */
    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        queue.forEach(a -> LOG.warn("SMTP alert not sent (shutting down): {}", a.subject()));
        queue.clear();
    }
}
