package dev.postmortem.command.postmortem;

import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.command.review.ReviewPolicy;
import dev.postmortem.command.severity.SeverityScale;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A post-mortem in Axon's aggregate fixture, with the scale it is graded on and the history most tests start from. */
public abstract class PostMortemFixture {

    protected static final String ID = "pm-1";
    protected static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    protected static final SeverityScale SCALE = new SeverityScale(List.of(
            new SeverityScale.Level("SEV1", "critical"), new SeverityScale.Level("SEV2", "major"),
            new SeverityScale.Level("SEV3", "moderate")));

    /**
     * No approvals needed, approvals withdrawn by a change: review tests set their own ({@link #withPolicy}). The shipped
     * rules need one approval for SEV1 and SEV2; ReviewTest reads them from application.yml.
     */
    protected static final ReviewPolicy POLICY = new ReviewPolicy(Map.of(), true, SCALE);

    protected FixtureConfiguration<PostMortem> fixture;

    @BeforeEach
    protected void setUp() {
        withPolicy(POLICY);
    }

    /** A fresh fixture under these review rules. */
    protected void withPolicy(ReviewPolicy policy) {
        fixture = new AggregateTestFixture<>(PostMortem.class);
        fixture.registerInjectableResource(SCALE);
        fixture.registerInjectableResource(policy);
    }

    protected static Object[] history(Object... more) {
        List<Object> events = new ArrayList<>();
        events.add(new PostMortemCreated(ID, "Checkout outage"));
        events.addAll(Arrays.asList(more));
        return events.toArray();
    }

    protected static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }
}
