package dev.postmortem.query.postmortem;

import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.query.stream.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.util.List;
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
}
