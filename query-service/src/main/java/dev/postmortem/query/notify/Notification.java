package dev.postmortem.query.notify;

import org.springframework.data.annotation.Id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One message to one recipient over one channel, as the outbox ({@code notify_outbox}) keeps it: what to send, and how
 * its delivery went. Its id is derived from what caused it and where it goes ({@link #idOf}), so that the same event
 * read twice — the stream is at-least-once — makes the same message, stored once and sent once.
 */
public class Notification {

    public enum Channel { EMAIL, WEBHOOK }

    public enum Status { PENDING, SENT, DEAD }

    @Id
    public String id;
    /** The event (or, for a digest, the day and owner) that caused it. */
    public String cause;
    public String postMortemId;
    /** announcement, review-requested, review-comment, review-approved, changes-requested, countermeasure-assigned, digest */
    public String kind;
    public Channel channel;
    /** An e-mail address, or the webhook's URL. */
    public String recipient;
    /** For an e-mail: who it is for, by user name, if known. */
    public String person;
    public String subject;
    public String text;
    public String html;
    /** For a webhook: the body as sent, and its content type. */
    public String body;
    public String contentType;

    /** The post-mortem's restriction when the message was made (as {@code visibleTo} of the views): the outbox listing shows what it says only to those who may see it. */
    public List<String> visibleTo;

    public Status status = Status.PENDING;
    public int attempts;
    public Instant createdAt;
    public Instant nextAttemptAt;
    public Instant sentAt;
    public String lastError;
    /** When an operator sent a dead letter again, and who. */
    public List<Resend> resends = new ArrayList<>();

    public record Resend(String by, Instant at) {
    }

    /** A stable id: the same cause, channel and recipient give the same id. */
    public static String idOf(String cause, Channel channel, String recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                                         .digest((cause + "\n" + channel + "\n" + recipient).getBytes(StandardCharsets.UTF_8));
            return "n-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    static Notification email(String cause, String postMortemId, String kind, String address, String person, String subject,
                              String text, String html) {
        Notification n = of(cause, postMortemId, kind, Channel.EMAIL, address, address.toLowerCase(Locale.ROOT));
        n.person = person;
        n.subject = subject;
        n.text = text;
        n.html = html;
        return n;
    }

    static Notification webhook(String cause, String postMortemId, String kind, String url, String body, String contentType) {
        Notification n = of(cause, postMortemId, kind, Channel.WEBHOOK, url, url);
        n.body = body;
        n.contentType = contentType;
        return n;
    }

    /** @param identity the recipient as it counts for the id (an address in lower case: one mailbox, one message) */
    private static Notification of(String cause, String postMortemId, String kind, Channel channel, String recipient, String identity) {
        Notification n = new Notification();
        n.id = idOf(cause, channel, identity);
        n.cause = cause;
        n.postMortemId = postMortemId;
        n.kind = kind;
        n.channel = channel;
        n.recipient = recipient;
        return n;
    }
}
