package dev.postmortem.query.postmortem;

import dev.postmortem.api.event.CountermeasureAssigned;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.query.stream.EventEnvelope;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A history entry is written as a document built by hand ({@link HistoryEntry#toDocument()}), no longer through the
 * template's converter; entries already stored were written by the converter and are still read by it. So the hand-built
 * document must be the converter's, byte for byte in BSON, and read back by the converter as the same entry.
 */
class HistoryEntryTest {

    private final MappingMongoConverter converter = converter();

    @Test
    void theBuiltDocumentIsWhatTheConverterWroteAndReadsBackTheSame() {
        List<EventEnvelope> events = List.of(
                new EventEnvelope("e-0", "postmortem.PostMortemCreated.v2", "pm-1", 0, Instant.parse("2026-01-05T08:00:00Z"), "dana",
                        null, "trace-1", new PostMortemCreated("pm-1", "Checkout outage", List.of("dana"), List.of("sre"))),
                new EventEnvelope("e-1", "postmortem.TimelineEntryAdded.v1", "pm-1", 1, Instant.parse("2026-01-05T08:01:00.123456Z"), "dana",
                        "backfilled from the chat log", null,
                        new TimelineEntryAdded("pm-1", "t-1", Instant.parse("2026-01-05T07:59:00Z"), TimelineEntryKind.DETECTION, "Pager fired", null, "on call")),
                new EventEnvelope("e-2", "postmortem.CountermeasureAssigned.v1", "pm-1", 2, null, null, null, null,
                        new CountermeasureAssigned("pm-1", "cm-1", "sam", LocalDate.parse("2026-02-01"))));
        for (EventEnvelope event : events) {
            HistoryEntry entry = HistoryEntry.of(event);
            Document written = new Document();
            converter.write(entry, written);
            written.remove("_class");

            Document built = entry.toDocument();

            assertThat(built.toBsonDocument()).as("version %d", event.sequence()).isEqualTo(written.toBsonDocument());
            // A BSON date holds milliseconds, whichever way it was written.
            assertThat(converter.read(HistoryEntry.class, built)).isEqualTo(converter.read(HistoryEntry.class, written))
                                                                 .extracting(HistoryEntry::data).isEqualTo(entry.data());
        }
    }

    @Test
    void anEntryWithItsChangesIsNeverStored() {
        HistoryEntry entry = HistoryEntry.of(new EventEnvelope("e-0", "postmortem.PostMortemCreated.v2", "pm-1", 0,
                Instant.parse("2026-01-05T08:00:00Z"), "dana", null, null, new PostMortemCreated("pm-1", "Outage")));

        assertThatThrownBy(() -> entry.withChanges(List.of(new ViewChanges.Change("title", null, "Outage"))).toDocument())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never stored");
    }

    @Test
    void paddingIsWhatTheFormatterGave() {
        LongStream.of(0, 7, 15, 16, 999_999, 1_000_000, 9_999_999_999L, 10_000_000_000L, Long.MAX_VALUE).forEach(number -> {
            assertThat(HistoryEntry.padded(number, 10)).isEqualTo(String.format("%010d", number));
            assertThat(HistoryEntry.padded(number, 6)).isEqualTo(String.format("%06d", number));
        });
        assertThat(HistoryBuckets.bucketId("pm-1", 33)).isEqualTo("pm-1#000002");
        assertThat(HistoryEntry.idOf("pm-1", 33)).isEqualTo("pm-1:0000000033");
    }

    /** The converter as Spring Boot configures the template's (no custom conversions in this service). */
    private static MappingMongoConverter converter() {
        MongoCustomConversions conversions = new MongoCustomConversions(List.of());
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return converter;
    }
}
