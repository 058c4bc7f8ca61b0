package dev.postmortem.query.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One record of the event topic that the projections could not apply, as an operator sees it. The three projections
 * read the topic in their own consumer groups, so a record none of them can read is parked up to three times: it is
 * shown once, under its place on the event topic ({@code id} = partition-offset there), with each parking.
 *
 * @param eventId      the CloudEvent id, when the record reads as JSON far enough to have one
 * @param eventType    the CloudEvent type, likewise
 * @param revision     the type's revision ({@code 2} for {@code postmortem.X.v2}), likewise
 * @param retryOf      when this record is itself an operator's retry of an earlier dead letter: that one's id
 * @param parkedBy     each projection that parked it, first first
 * @param retry        who retried it and when, or null while it is waiting for an operator
 */
public record DeadLetter(String id, String topic, int partition, long offset, String postMortemId, String eventId,
                         String eventType, String revision, String retryOf, List<Parking> parkedBy, Retry retry) {

    /**
     * @param consumerGroup    the projection's consumer group (views, search or KPIs)
     * @param exception        the class of the error at the root of the failure
     * @param reason           its message
     * @param deadLetterOffset where this parking is on the dead-letter topic
     */
    public record Parking(String consumerGroup, Instant parkedAt, String exception, String reason, long deadLetterOffset) {
    }

    /** @param republishedAs where the retried record went on the event topic (partition-offset) */
    public record Retry(String by, Instant at, String republishedAs) {
    }

    Instant firstParkedAt() {
        return parkedBy.get(0).parkedAt();
    }

    DeadLetter withParking(Parking parking) {
        List<Parking> all = new ArrayList<>(parkedBy);
        all.add(parking);
        return new DeadLetter(id, topic, partition, offset, postMortemId, eventId, eventType, revision, retryOf, List.copyOf(all), retry);
    }

    DeadLetter withRetry(Retry retry) {
        return new DeadLetter(id, topic, partition, offset, postMortemId, eventId, eventType, revision, retryOf, parkedBy, retry);
    }
}
