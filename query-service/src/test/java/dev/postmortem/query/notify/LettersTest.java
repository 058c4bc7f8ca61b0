package dev.postmortem.query.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.query.postmortem.PostMortemView;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LettersTest {

    private final Letters letters = new Letters(new NotifyProperties(true, List.of(), URI.create("https://pm.example.org"), "pm@example.org",
            "g", Duration.ofDays(7), Duration.ofSeconds(1),
            new NotifyProperties.Retry(Duration.ofSeconds(2), Duration.ofMinutes(10), 12, Duration.ofSeconds(10)),
            new NotifyProperties.Digest("0 0 8 * * *", ZoneOffset.UTC), "0 0 9 1 * *"));

    private static PostMortemView view() {
        PostMortemView view = new PostMortemView();
        view.id = "pm-7";
        view.title = "Payments <down> & out";
        view.severity = "SEV2";
        view.summary = "Card payments failed for <b>20</b> minutes.";
        view.rootCause = "A certificate expired.";
        view.owningTeams.add("payments");
        PostMortemView.Countermeasure countermeasure = new PostMortemView.Countermeasure();
        countermeasure.title = "Alert 30 days before expiry";
        countermeasure.owner = "ana";
        countermeasure.targetDate = LocalDate.of(2027, 1, 15);
        view.countermeasures.add(countermeasure);
        return view;
    }

    @Test
    void theChatAnnouncementIsTextAndBlocksWithTheLinkAndSlackEscaping() throws Exception {
        JsonNode message = new ObjectMapper().readTree(letters.slackAnnouncement(view(), List.of("ana", "@ben")));
        assertThat(message.path("text").asText()).isEqualTo("Post-mortem published: Payments <down> & out (SEV2) https://pm.example.org/postmortems/pm-7");
        JsonNode blocks = message.path("blocks");
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(0).at("/text/text").asText())
                .isEqualTo(":memo: Post-mortem published: *<https://pm.example.org/postmortems/pm-7|Payments &lt;down&gt; &amp; out>* (SEV2)");
        assertThat(blocks.get(1).at("/text/text").asText()).isEqualTo("Card payments failed for &lt;b&gt;20&lt;/b&gt; minutes.");
        assertThat(blocks.get(2).path("type").asText()).isEqualTo("context");
        assertThat(blocks.get(2).at("/elements/0/text").asText()).contains("Teams: payments").contains("1 countermeasure").contains("@ana @ben");
        assertThat(blocks.get(3).at("/elements/0/url").asText()).isEqualTo("https://pm.example.org/postmortems/pm-7");
    }

    @Test
    void anEmailIsPlainTextAndEscapedHtml() {
        Letters.Letter letter = letters.announcement(view());
        assertThat(letter.subject()).isEqualTo("Post-mortem published: Payments <down> & out (SEV2)");
        assertThat(letter.text()).contains("Card payments failed for <b>20</b> minutes.").contains("Alert 30 days before expiry — ana, by 2027-01-15")
                                 .contains("https://pm.example.org/postmortems/pm-7");
        assertThat(letter.html()).contains("Payments &lt;down&gt; &amp; out").contains("&lt;b&gt;20&lt;/b&gt;").doesNotContain("<b>20")
                                 .contains("<a href=\"https://pm.example.org/postmortems/pm-7\">");
    }

    @Test
    void longTextIsCutAtAWholeCharacter() {
        String text = "😀".repeat(Letters.EXCERPT + 10);
        String excerpt = Letters.excerpt(text);
        assertThat(excerpt.codePointCount(0, excerpt.length())).isEqualTo(Letters.EXCERPT);
        assertThat(excerpt).endsWith("😀…");
        assertThat(Letters.excerpt("short")).isEqualTo("short");
    }

    @Test
    void theDigestListsOverdueAndRevisitsApart() {
        Letters.Letter digest = letters.digest(LocalDate.of(2026, 12, 8),
                List.of(new Letters.DigestItem("pm-1", "Disk full", "Alert at 80 %", LocalDate.of(2026, 12, 1))),
                List.of(new Letters.DigestItem("pm-2", "DNS", "Second resolver", null)));
        assertThat(digest.subject()).isEqualTo("Your countermeasures, 2026-12-08: 1 overdue, 1 due for a revisit");
        assertThat(digest.text()).contains("Overdue\n  - Alert at 80 % — due 2026-12-01 (Disk full, https://pm.example.org/postmortems/pm-1)")
                                 .contains("Second resolver (DNS, https://pm.example.org/postmortems/pm-2)");
    }

    @Test
    void thisMonthInEarlierYearsLinksEachWithHowLongAgo() throws Exception {
        PostMortemView old = view();
        old.times.put("start", Instant.parse("2024-12-03T10:00:00Z"));
        JsonNode message = new ObjectMapper().readTree(letters.slackResurfacing(YearMonth.of(2026, 12), List.of(old)));
        assertThat(message.path("text").asText()).isEqualTo("This month in earlier years: 1 post-mortem worth reading again");
        assertThat(message.at("/blocks/0/text/text").asText()).contains("December in earlier years");
        assertThat(message.at("/blocks/1/text/text").asText())
                .isEqualTo("• <https://pm.example.org/postmortems/pm-7|Payments &lt;down&gt; &amp; out> (SEV2) — 2 years ago");
    }
}
