package org.keepalived4j.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SMTP alerts received by an in-JVM GreenMail server on a free loopback port. */
class MailAlerterTest {
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static MailAlerter.Settings settings(int port) {
        return new MailAlerter.Settings(List.of("ops@example.com", "second@example.com"), "ka@example.com",
                "127.0.0.1", port, Duration.ofSeconds(5), "lb1.example.com", "rtr_trk");
    }

    @Test
    void alertHasKeepalivedsSubjectBodyAndHeaders() throws Exception {
        int port = freePort();
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        MailAlerter alerter = new MailAlerter(settings(port), 16, 3, Duration.ofMillis(200));
        try {
            alerter.send(MailAlerter.instanceAlert("rtr_trk", "VI_1", "MASTER"));
            alerter.send(MailAlerter.groupAlert("rtr_trk", "G1", "FAULT"));
            assertThat(mail.waitForIncomingEmail(30_000, 2)).isTrue();
            MimeMessage[] received = mail.getReceivedMessages();
            MimeMessage first = received[0];
            // wording as keepalived 2.2.7 sent it in a namespace run
            assertThat(first.getSubject()).isEqualTo("[rtr_trk] VRRP Instance VI_1 - Entering MASTER state");
            assertThat(GreenMailUtil.getBody(first).strip()).isEqualTo("=> VRRP Instance is now owning VRRP VIPs <=");
            assertThat(first.getFrom()[0].toString()).isEqualTo("ka@example.com");
            assertThat(Arrays.stream(first.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                    .containsExactly("ops@example.com", "second@example.com");
            assertThat(first.getHeader("X-Mailer")).containsExactly("Keepalived");
            assertThat(Arrays.stream(received).map(m -> {
                try {
                    return m.getSubject();
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            })).contains("[rtr_trk] VRRP Group G1 - Entering FAULT state");
            MimeMessage group = Arrays.stream(received).filter(m -> {
                try {
                    return m.getSubject().contains("Group");
                } catch (jakarta.mail.MessagingException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
            assertThat(GreenMailUtil.getBody(group).strip()).isEqualTo("=> All VRRP group instances are now in FAULT state <=");
            // the server has the message before the sender's SMTP session ends and counts it
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> alerter.sentCount() == 2);
            assertThat(alerter.sentCount()).isEqualTo(2);
        } finally {
            alerter.close();
            mail.stop();
        }
    }

    @Test
    void alertsQueuedWhileTheServerIsUnreachableAreDeliveredInOrderOnceItIsBack() throws Exception {
        int port = freePort(); // nothing listens here yet
        MailAlerter alerter = new MailAlerter(settings(port), 16, 1000, Duration.ofMillis(100));
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            // send() returns at once although every connection attempt fails
            alerter.send(MailAlerter.instanceAlert("rtr_trk", "VI_1", "BACKUP"));
            alerter.send(MailAlerter.instanceAlert("rtr_trk", "VI_1", "MASTER"));
            alerter.send(MailAlerter.instanceAlert("rtr_trk", "VI_1", "FAULT"));
            assertThat(alerter.sentCount()).isZero();
            mail.start();
            assertThat(mail.waitForIncomingEmail(60_000, 3)).isTrue();
            List<String> subjects = Arrays.stream(mail.getReceivedMessages()).map(m -> {
                try {
                    return m.getSubject();
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).distinct().toList();
            assertThat(subjects).containsExactly("[rtr_trk] VRRP Instance VI_1 - Entering BACKUP state",
                    "[rtr_trk] VRRP Instance VI_1 - Entering MASTER state",
                    "[rtr_trk] VRRP Instance VI_1 - Entering FAULT state");
            await().atMost(Duration.ofSeconds(30)).until(() -> alerter.sentCount() == 3);
        } finally {
            alerter.close();
            mail.stop();
        }
    }

    @Test
    void anAlertThatKeepsFailingIsGivenUpAndTheNextOneStillGoesOut() throws Exception {
        int port = freePort();
        MailAlerter dead = new MailAlerter(new MailAlerter.Settings(List.of("ops@example.com"), "ka@example.com",
                "127.0.0.1", port, Duration.ofSeconds(1), "lb1", "r"), 16, 2, Duration.ofMillis(50));
        try {
            dead.send(MailAlerter.instanceAlert("r", "VI_1", "MASTER"));
            dead.send(MailAlerter.instanceAlert("r", "VI_1", "BACKUP"));
            await().atMost(Duration.ofSeconds(60)).until(() -> dead.failedCount() == 2);
            assertThat(dead.sentCount()).isZero();
        } finally {
            dead.close();
        }
    }
}
