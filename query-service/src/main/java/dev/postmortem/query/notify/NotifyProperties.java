package dev.postmortem.query.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * {@code postmortem.notify.*}: where announcements and reminders go. None is shipped: the notifier runs once a webhook
 * ({@code webhooks[0].url}) or an SMTP server ({@code spring.mail.host}) is configured (see {@link NotifierEnabled}).
 *
 * @param enabled          false turns the notifier off even when channels are configured
 * @param webhooks         receivers of announcements of published (open) post-mortems
 * @param webUiUrl         where the web UI answers, for links in messages
 * @param mailFrom         the sender of e-mails
 * @param groupId          the notifier's consumer group: it reads the stream on its own, as an analytics consumer does
 * @param maxAge           events older than this when the notifier reads them are folded in but announce nothing: a
 *                         notifier turned on for an existing organisation does not announce its whole past
 * @param dispatchInterval how often due messages are looked for
 * @param retry            how a message that could not be delivered is tried again, and when it becomes a dead letter
 * @param digest           when the daily digest of overdue countermeasures and revisits goes out
 * @param resurfaceCron    when the monthly "this month in earlier years" goes to the chat webhooks (09:00 on the 1st)
 */
@ConfigurationProperties("postmortem.notify")
public record NotifyProperties(@DefaultValue("true") boolean enabled,
                               @DefaultValue List<Webhook> webhooks,
                               @DefaultValue("http://127.0.0.1:8080") URI webUiUrl,
                               @DefaultValue("postmortem@localhost") String mailFrom,
                               @DefaultValue("query-service-notifier") String groupId,
                               @DefaultValue("7d") Duration maxAge,
                               @DefaultValue("1s") Duration dispatchInterval,
                               @DefaultValue Retry retry,
                               @DefaultValue Digest digest,
                               @DefaultValue("0 0 9 1 * *") String resurfaceCron) {

    /** The shortest secret a signed webhook takes: a guessable one would let anyone forge announcements. */
    static final int MIN_SECRET_LENGTH = 16;

    public NotifyProperties {
        for (int i = 0; i < webhooks.size(); i++) {
            webhooks.get(i).check("postmortem.notify.webhooks[" + i + "]");
        }
        if (webhooks.stream().map(Webhook::url).distinct().count() < webhooks.size()) {
            throw new IllegalArgumentException("postmortem.notify.webhooks names the same URL twice: each receiver once");
        }
        String scheme = webUiUrl.getScheme() == null ? "" : webUiUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || webUiUrl.getHost() == null) {
            throw new IllegalArgumentException("postmortem.notify.web-ui-url must be an http(s) URL: " + webUiUrl);
        }
        if (dispatchInterval.isNegative() || dispatchInterval.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("postmortem.notify.dispatch-interval must be positive and max-age not negative");
        }
    }

    /** The web UI's page of a post-mortem. */
    public String linkTo(String postMortemId) {
        String base = webUiUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/postmortems/" + postMortemId;
    }

    public enum Format { CLOUDEVENTS, SLACK }

    /**
     * A receiver of announcements.
     *
     * @param url    where to POST
     * @param secret the HMAC-SHA256 key the body is signed with ({@code X-Postmortem-Signature-256: sha256=<hex>});
     *               required for {@code cloudevents}, optional for {@code slack} (Slack's incoming webhooks carry
     *               their secret in the URL)
     * @param format {@code cloudevents} (the event as it is on Kafka) or {@code slack} ({@code text} + {@code blocks})
     */
    public record Webhook(URI url, String secret, @DefaultValue("cloudevents") Format format) {

        void check(String key) {
            String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException(key + ".url must be an http(s) URL: " + url);
            }
            if (format == Format.CLOUDEVENTS && (secret == null || secret.length() < MIN_SECRET_LENGTH)) {
                throw new IllegalArgumentException(key + ".secret is required for the cloudevents format, at least "
                        + MIN_SECRET_LENGTH + " characters: receivers check the signature to know the call came from here");
            }
            if (secret != null && !secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(key + ".secret must be at least " + MIN_SECRET_LENGTH + " characters");
            }
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", format=" + format + ", secret=" + (secret == null ? "none" : "(set)") + "]";
        }
    }

    /**
     * Delivery attempts: the first retry after {@code first}, each next one twice as long after, at most {@code max}
     * apart; after {@code attempts} failed attempts the message is a dead letter, to be listed and resent by an
     * operator. The defaults try for about 40 minutes.
     */
    public record Retry(@DefaultValue("2s") Duration first, @DefaultValue("10m") Duration max,
                        @DefaultValue("12") int attempts, @DefaultValue("10s") Duration timeout) {

        public Retry {
            if (attempts < 1 || first.isNegative() || first.isZero() || max.compareTo(first) < 0 || timeout.isNegative()
                    || timeout.isZero()) {
                throw new IllegalArgumentException("postmortem.notify.retry: attempts ≥ 1, 0 < first ≤ max, timeout > 0");
            }
        }

        /** How long after the {@code failed}-th failed attempt the next one is made. */
        Duration after(int failed) {
            Duration wait = first;
            for (int i = 1; i < failed && wait.compareTo(max) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(max) > 0 ? max : wait;
        }
    }

    /** The daily digest: a Spring cron expression (default 08:00 every day) in {@code zone}. */
    public record Digest(@DefaultValue("0 0 8 * * *") String cron, @DefaultValue("UTC") ZoneId zone) {
    }
}
