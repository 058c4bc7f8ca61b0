package dev.postmortem.query.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sends what is due in the outbox, one message at a time: webhooks as a POST (signed, when the webhook has a secret,
 * with HMAC-SHA256 over the body in {@value #SIGNATURE_HEADER} as {@code sha256=<hex>} — GitHub's convention — and
 * named by {@value #DELIVERY_HEADER}, the same on every attempt, so that a receiver can drop a repeat), e-mails over
 * SMTP as plain text with an HTML alternative. A 2xx answer or an accepted e-mail is sent; anything else is tried
 * again after back-off, and after the last attempt left as a dead letter.
 */
class Dispatcher {

    static final String SIGNATURE_HEADER = "X-Postmortem-Signature-256";
    static final String DELIVERY_HEADER = "X-Postmortem-Delivery";
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final NotifyProperties properties;
    private final ObjectProvider<JavaMailSender> mail;
    private final HttpClient http;

    Dispatcher(Outbox outbox, NotifyProperties properties, ObjectProvider<JavaMailSender> mail) {
        this.outbox = outbox;
        this.properties = properties;
        this.mail = mail;
        this.http = HttpClient.newBuilder().connectTimeout(properties.retry().timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends every message due now; @return how many were sent. */
    int dispatchDue() {
        int sent = 0;
        for (Optional<Notification> next = outbox.claimNext(); next.isPresent(); next = outbox.claimNext()) {
            if (send(next.get())) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(Notification notification) {
        try {
            switch (notification.channel) {
                case WEBHOOK -> post(notification);
                case EMAIL -> email(notification);
            }
            outbox.sent(notification);
            return true;
        } catch (Undeliverable e) {
            log.warn("Notification {} cannot be delivered and is a dead letter: {}", notification.id, e.getMessage());
            outbox.undeliverable(notification, e.getMessage());
        } catch (IOException | MailException | MessagingException | DeliveryFailed e) {
            log.info("Notification {} to {} failed (attempt {} of {}): {}", notification.id, notification.recipient,
                    notification.attempts, properties.retry().attempts(), e.toString());
            outbox.failed(notification, e.toString(), properties.retry());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outbox.failed(notification, "interrupted", properties.retry());
        }
        return false;
    }

    private void post(Notification notification) throws IOException, InterruptedException {
        NotifyProperties.Webhook webhook = properties.webhooks().stream().filter(w -> w.url().toString().equals(notification.recipient))
                                                     .findFirst().orElseThrow(() -> new Undeliverable("the webhook "
                        + notification.recipient + " is no longer configured"));
        byte[] body = notification.body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(notification.recipient)).timeout(properties.retry().timeout())
                                                 .header("Content-Type", notification.contentType)
                                                 .header("User-Agent", "postmortem-notifier")
                                                 .header(DELIVERY_HEADER, notification.id)
                                                 .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (webhook.secret() != null && !webhook.secret().isEmpty()) {
            request.header(SIGNATURE_HEADER, signature(webhook.secret(), body));
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryFailed("the webhook answered " + response.statusCode());
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body under the secret. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    private void email(Notification notification) throws MessagingException {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new DeliveryFailed("no SMTP server is configured (spring.mail.host)");
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(properties.mailFrom());
        helper.setTo(notification.recipient);
        helper.setSubject(notification.subject);
        // Plain text first, HTML last: a reader shows the last alternative it can (RFC 2046).
        MimeBodyPart text = new MimeBodyPart();
        text.setText(notification.text, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(notification.html, "UTF-8", "html");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        message.setContent(alternatives);
        message.setHeader(DELIVERY_HEADER, notification.id);
        sender.send(message);
    }

    /** A failure worth trying again. */
    static final class DeliveryFailed extends RuntimeException {
        DeliveryFailed(String message) {
            super(message);
        }
    }

    /** A message no retry can deliver. */
    static final class Undeliverable extends RuntimeException {
        Undeliverable(String message) {
            super(message);
        }
    }
}
