package dev.postmortem.query.failclosed;

import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemRestricted;
import dev.postmortem.api.event.PostMortemUnrestricted;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.query.postmortem.PostMortemFold;
import dev.postmortem.query.postmortem.PostMortemView;
import dev.postmortem.query.security.Viewer;
import dev.postmortem.query.stream.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Fail closed: a refused event hides its post-mortem, a refused restriction holds at once, and both settle once caught up. */
class QuarantineTest {

    static final String ID = "pm-1";
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    final Viewer reader = new Viewer("bob", List.of(), false);
    final Viewer admin = new Viewer("root", List.of(), true);
    final Viewer named = new Viewer("ana", List.of(), false);

    static EventEnvelope envelope(long version, dev.postmortem.api.event.PostMortemEvent event) {
        return new EventEnvelope("e" + version, "t", ID, version, NOW, "ana", null, null, event);
    }

    PostMortemView openAtVersion1() {
        return PostMortemFold.fold(List.of(envelope(0, new PostMortemCreated(ID, "Outage")), envelope(1, new TitleChanged(ID, "Outage 2"))));
    }

    @Test
    void aRefusedEventHidesThePostMortemFromEveryoneButAdminsWithTheReason() {
        PostMortemView view = openAtVersion1();
        Quarantine.refuse(view, new Refusal(ID, 2L, "e2", new TitleChanged(ID, "x"), "IllegalArgumentException: year 999999999"), "views", NOW);

        assertThat(reader.maySee(view.visibleTo, view.stuck)).isFalse();
        assertThat(admin.maySee(view.visibleTo, view.stuck)).isTrue();
        assertThat(view.stuck.reason).contains("999999999");
        assertThat(view.stuck.upTo).isEqualTo(2);
        assertThat(view.stuck.since).isEqualTo(NOW);
        assertThat(view.version).as("nothing of the refused event applied").isEqualTo(1);
    }

    @Test
    void laterGapsRaiseTheMarkAndItClearsOnlyOnceEveryRefusedVersionIsApplied() {
        PostMortemView view = openAtVersion1();
        Quarantine.refuse(view, new Refusal(ID, 2L, "e2", null, "first"), "views", NOW);
        Quarantine.refuse(view, new Refusal(ID, 3L, "e3", null, "gap"), "views", NOW.plusSeconds(5));
        assertThat(view.stuck.reason).as("the first reason is kept").isEqualTo("first");
        assertThat(view.stuck.upTo).isEqualTo(3);
        assertThat(view.stuck.refusals).isEqualTo(2);

        PostMortemFold.applyInPlace(view, envelope(2, new TitleChanged(ID, "retried")));
        Quarantine.settle(view);
        assertThat(view.stuck).as("version 3 is still missing").isNotNull();
        PostMortemFold.applyInPlace(view, envelope(3, new TitleChanged(ID, "retried too")));
        Quarantine.settle(view);
        assertThat(view.stuck).isNull();
        assertThat(reader.maySee(view.visibleTo, view.stuck)).isTrue();
    }

    @Test
    void aRefusedRestrictionHoldsAtOnceEvenForAdminsAndOlderEventsCannotOpenItAgain() {
        PostMortemView view = PostMortemFold.fold(List.of(envelope(0, new PostMortemCreated(ID, "Breach"))));
        // version 1 (lifting an earlier restriction, say) is missing; version 2 restricts it.
        Quarantine.refuse(view, new Refusal(ID, 2L, "e2", new PostMortemRestricted(ID, List.of("ana"), List.of()), "gap"), "views", NOW);
        assertThat(admin.maySee(view.visibleTo, view.stuck)).as("an admin it does not name").isFalse();
        assertThat(view.restriction.people).containsExactly("ana");

        PostMortemFold.applyInPlace(view, envelope(1, new PostMortemUnrestricted(ID)));
        Quarantine.settle(view);
        assertThat(view.visibleTo).as("the older event does not open it").containsExactly("user:ana");
        assertThat(reader.maySee(view.visibleTo, view.stuck)).isFalse();

        PostMortemFold.applyInPlace(view, envelope(2, new PostMortemRestricted(ID, List.of("ana"), List.of())));
        Quarantine.settle(view);
        assertThat(view.stuck).isNull();
        assertThat(view.pendingRestriction).isNull();
        assertThat(named.maySee(view.visibleTo, view.stuck)).isTrue();
        assertThat(reader.maySee(view.visibleTo, view.stuck)).isFalse();
    }

    @Test
    void aRefusedLiftingOpensItOnlyOnceItIsNoLongerStuck() {
        PostMortemView view = PostMortemFold.fold(List.of(envelope(0, new PostMortemCreated(ID, "Breach", List.of("ana"), List.of()))));
        Quarantine.refuse(view, new Refusal(ID, 2L, "e2", new PostMortemUnrestricted(ID), "gap"), "views", NOW);
        assertThat(view.visibleTo).isNull();
        assertThat(reader.maySee(view.visibleTo, view.stuck)).as("still stuck").isFalse();
        assertThat(admin.maySee(view.visibleTo, view.stuck)).isTrue();
    }

    @Test
    void anUnreadableRecordOfUnknownVersionHoldsUntilTheNextVersionApplies() {
        PostMortemView view = openAtVersion1();
        Quarantine.refuse(view, new Refusal(ID, null, null, null, "UnreadableEventException: broken JSON"), "views", NOW);
        assertThat(view.stuck.upTo).isEqualTo(2);
        PostMortemFold.applyInPlace(view, envelope(2, new TitleChanged(ID, "next")));
        Quarantine.settle(view);
        assertThat(view.stuck).isNull();
    }

    @Test
    void aRefusalOfAVersionAlreadyAppliedChangesNothing() {
        PostMortemView view = openAtVersion1();
        Quarantine.refuse(view, new Refusal(ID, 1L, "e1", new PostMortemRestricted(ID, List.of("ana"), List.of()), "late"), "views", NOW);
        assertThat(view.stuck).isNull();
        assertThat(view.visibleTo).isNull();
    }

    @Test
    void aPostMortemWithNoViewYetGetsAnEmptyOneThatCarriesTheMark() {
        PostMortemView stub = new PostMortemView();
        stub.id = ID;
        Quarantine.refuse(stub, new Refusal(ID, 1L, "e1", null, "gap"), "views", NOW);
        assertThat(stub.version).isEqualTo(-1);
        assertThat(stub.stuck.upTo).isEqualTo(1);
        PostMortemFold.applyInPlace(stub, envelope(0, new PostMortemCreated(ID, "Late creation")));
        Quarantine.settle(stub);
        assertThat(stub.stuck).as("version 1 still missing").isNotNull();
        assertThat(stub.title).isEqualTo("Late creation");
    }
}
