package dev.postmortem.query.notify;

import dev.postmortem.query.postmortem.PostMortemView;
import dev.postmortem.query.projection.ProjectionCollections;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly "revisit the past": the post-mortems whose incident started in this month of an earlier year (up to
 * {@value #YEARS} years back, at most {@value #MAX} of them, the most recent first), as one chat message to every
 * Slack-format webhook. Open post-mortems only (a channel is read by anyone), none stuck. One a month per webhook: the
 * month and the webhook are its id.
 */
@Component
public class Resurfacing {

    static final int YEARS = 30;
    static final int MAX = 10;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Letters letters;
    private final NotifyProperties properties;
    private final Clock clock;

    Resurfacing(MongoTemplate mongo, Outbox outbox, Letters letters, NotifyProperties properties, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.letters = letters;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one run did: the month, how many past incidents it found, how many messages were new. */
    public record Run(YearMonth month, int incidents, int queued) {
    }

    public Run run() {
        YearMonth month = YearMonth.from(LocalDate.ofInstant(clock.instant(), properties.digest().zone()));
        List<Criteria> years = new ArrayList<>();
        for (int back = 1; back <= YEARS; back++) {
            YearMonth then = month.minusYears(back);
            years.add(Criteria.where("times.start").gte(then.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                              .lt(then.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        Criteria open = new Criteria().orOperator(Criteria.where("visibleTo").is(null), Criteria.where("visibleTo").size(0));
        Query past = Query.query(new Criteria().andOperator(open, Criteria.where("stuck").is(null),
                                  new Criteria().orOperator(years.toArray(Criteria[]::new))))
                          .with(Sort.by(Sort.Order.desc("times.start"), Sort.Order.asc("_id"))).limit(MAX);
        List<PostMortemView> incidents = mongo.find(past, PostMortemView.class, ProjectionCollections.LIVE.views());
        int queued = 0;
        if (!incidents.isEmpty()) {
            String message = letters.slackResurfacing(month, incidents);
            for (NotifyProperties.Webhook webhook : properties.webhooks()) {
                if (webhook.format() == NotifyProperties.Format.SLACK && outbox.add(Notification.webhook("resurface/" + month,
                        null, "resurface", webhook.url().toString(), message, "application/json"))) {
                    queued++;
                }
            }
        }
        return new Run(month, incidents.size(), queued);
    }
}
