package dev.postmortem.query.notify;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotifyPropertiesTest {

    private static final NotifyProperties.Retry RETRY = new NotifyProperties.Retry(Duration.ofSeconds(2), Duration.ofMinutes(10), 12,
            Duration.ofSeconds(10));

    private static NotifyProperties with(List<NotifyProperties.Webhook> webhooks) {
        return new NotifyProperties(true, webhooks, URI.create("https://pm.example.org/"), "pm@example.org", "g", Duration.ofDays(7),
                Duration.ofSeconds(1), RETRY, new NotifyProperties.Digest("0 0 8 * * *", ZoneOffset.UTC), "0 0 9 1 * *");
    }

    private static NotifyProperties.Webhook hook(String url, String secret, NotifyProperties.Format format) {
        return new NotifyProperties.Webhook(URI.create(url), secret, format);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheLongestWait() {
        assertThat(List.of(RETRY.after(1), RETRY.after(2), RETRY.after(3), RETRY.after(9), RETRY.after(10), RETRY.after(11)))
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(512),
                        Duration.ofMinutes(10), Duration.ofMinutes(10));
        Duration total = Duration.ZERO;
        for (int failed = 1; failed < RETRY.attempts(); failed++) {
            total = total.plus(RETRY.after(failed));
        }
        assertThat(total).as("the documented 'about 40 minutes'").isBetween(Duration.ofMinutes(35), Duration.ofMinutes(45));
    }

    @Test
    void aSignedWebhookNeedsALongEnoughSecretAndAnHttpUrl() {
        assertThatThrownBy(() -> with(List.of(hook("https://h.example.org", null, NotifyProperties.Format.CLOUDEVENTS))))
                .hasMessageContaining("webhooks[0].secret is required");
        assertThatThrownBy(() -> with(List.of(hook("https://h.example.org", "short", NotifyProperties.Format.SLACK))))
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> with(List.of(hook("ftp://h.example.org", "0123456789abcdef", NotifyProperties.Format.CLOUDEVENTS))))
                .hasMessageContaining("webhooks[0].url must be an http(s) URL");
        assertThatThrownBy(() -> with(List.of(hook("https://h.example.org", null, NotifyProperties.Format.SLACK),
                hook("https://h.example.org", null, NotifyProperties.Format.SLACK)))).hasMessageContaining("same URL twice");
        NotifyProperties fine = with(List.of(hook("https://h.example.org/x", "0123456789abcdef", NotifyProperties.Format.CLOUDEVENTS),
                hook("https://hooks.slack.example/T/B/X", null, NotifyProperties.Format.SLACK)));
        assertThat(fine.webhooks().get(0).toString()).as("the secret is never printed").doesNotContain("0123456789abcdef");
        assertThat(fine.linkTo("pm-1")).isEqualTo("https://pm.example.org/postmortems/pm-1");
    }

    @Test
    void theSignatureIsHmacSha256InHex() {
        // RFC 4231-style known answer (the Wikipedia HMAC example)
        assertThat(Dispatcher.signature("key", "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void theSameCauseAndRecipientGiveTheSameIdAndNothingElseDoes() {
        String id = Notification.idOf("event-1", Notification.Channel.EMAIL, "ana@example.org");
        assertThat(Notification.idOf("event-1", Notification.Channel.EMAIL, "ana@example.org")).isEqualTo(id);
        assertThat(List.of(Notification.idOf("event-2", Notification.Channel.EMAIL, "ana@example.org"),
                Notification.idOf("event-1", Notification.Channel.WEBHOOK, "ana@example.org"),
                Notification.idOf("event-1", Notification.Channel.EMAIL, "ben@example.org"))).doesNotContain(id).doesNotHaveDuplicates();
    }
}
