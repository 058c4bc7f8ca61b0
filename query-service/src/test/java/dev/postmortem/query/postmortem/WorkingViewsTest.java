package dev.postmortem.query.postmortem;

import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.query.stream.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.postmortem.query.postmortem.PostMortemFoldTest.ID;
import static dev.postmortem.query.postmortem.PostMortemFoldTest.T0;
import static dev.postmortem.query.postmortem.PostMortemFoldTest.envelopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingViewsTest {

    @Test
    void foldsInPlaceTheSameAsTheCopyingFold() {
        List<EventEnvelope> events = envelopes(new PostMortemCreated(ID, "Checkout down"),
                new TimelineEntryAdded(ID, "late", T0.plusSeconds(300), TimelineEntryKind.ACTION, "Rolled back", "", ""),
                new TimelineEntryAdded(ID, "early", T0, TimelineEntryKind.DETECTION, "Alert", "", "on-call"),
                new TitleChanged(ID, "Checkout unavailable"));
        WorkingViews views = new WorkingViews(id -> null);

        events.forEach(views::fold);

        assertThat(ViewChanges.flatten(views.get(ID))).isEqualTo(ViewChanges.flatten(PostMortemFold.fold(events)));
        assertThat(views.get(ID).version).isEqualTo(3);
    }

    /** A timeline entry without a time fails while sorting, after it was added: the half-changed view must not stay. */
    @Test
    void aFailedFoldLeavesTheViewAsItWasBefore() {
        List<EventEnvelope> events = envelopes(new PostMortemCreated(ID, "Checkout down"),
                new TimelineEntryAdded(ID, "first", T0, TimelineEntryKind.DETECTION, "Alert", "", ""),
                new TimelineEntryAdded(ID, "broken", null, TimelineEntryKind.ACTION, "No time", "", ""),
                new TitleChanged(ID, "Checkout unavailable"));
        AtomicInteger loads = new AtomicInteger();
        WorkingViews views = new WorkingViews(id -> {
            loads.incrementAndGet();
            return null;
        });
        views.fold(events.get(0));
        views.fold(events.get(1));

        assertThatThrownBy(() -> views.fold(events.get(2))).isInstanceOf(NullPointerException.class);

        PostMortemView restored = views.get(ID);
        assertThat(restored.version).isEqualTo(1);
        assertThat(restored.timeline).extracting(entry -> entry.id).containsExactly("first");
        assertThat(loads).hasValue(2);
        views.fold(events.get(3));
        assertThat(views.get(ID).title).isEqualTo("Checkout unavailable");
    }

    /** Preloading reads the batch's post-mortems at once; what the batch already folded stays, and no one is read twice. */
    @Test
    void preloadedViewsAreNotReadAgainAndDoNotReplaceFoldedOnes() {
        AtomicInteger loads = new AtomicInteger();
        WorkingViews views = new WorkingViews(id -> {
            loads.incrementAndGet();
            return null;
        });
        views.fold(envelopes(new PostMortemCreated(ID, "Checkout down")).get(0));
        PostMortemView stored = new PostMortemView();
        stored.id = "stored";
        stored.version = 7;
        PostMortemView staleCopy = new PostMortemView();
        staleCopy.id = ID;
        staleCopy.version = -1;

        assertThat(views.missing(List.of(ID, "stored", "new"))).containsExactly("stored", "new");
        views.preload(List.of(ID, "stored", "new"), Map.of("stored", stored, ID, staleCopy));

        assertThat(views.get(ID).version).as("folded before, kept").isEqualTo(0);
        assertThat(views.get("stored")).isSameAs(stored);
        assertThat(views.get("new").version).as("none stored yet").isEqualTo(-1);
        assertThat(views.missing(List.of(ID, "stored", "new"))).isEmpty();
        assertThat(loads).as("only the first fold read its view").hasValue(1);
    }
}
