package dev.postmortem.query.kpis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.query.failclosed.FailsClosed;
import dev.postmortem.query.failclosed.PendingRestriction;
import dev.postmortem.query.failclosed.Stuck;
import dev.postmortem.query.stream.EventJson;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KpiFacts#copy()} is written out by hand, so a field added later could be forgotten: the fixture here sets
 * every field of the facts and of what they hold (checked by reflection, so that a new field fails this test until it
 * is set here and copied), and the copy must read the same as the original and share nothing that can change.
 */
class KpiFactsTest {

    @Test
    void theCopyHoldsEveryFieldAndSharesNothingThatChanges() {
        KpiFacts original = everyFieldSet();
        assertEveryFieldSet(original);

        KpiFacts copy = original.copy();

        JsonNode before = EventJson.MAPPER.valueToTree(original);
        assertThat(EventJson.MAPPER.<JsonNode>valueToTree(copy)).isEqualTo(before);
        copy.times.put("end", Instant.parse("2026-02-01T00:00:00Z"));
        copy.tags.add("another");
        copy.countermeasures.get(0).status = "DECLINED";
        copy.countermeasures.add(new KpiFacts.Countermeasure());
        copy.visibleTo.add("group:everyone");
        copy.stuck.upTo = 99;
        copy.pendingRestriction.people.add("mallory");
        copy.pendingRestriction.groups.add("everyone");
        assertThat(EventJson.MAPPER.<JsonNode>valueToTree(original)).isEqualTo(before);
    }

    @Test
    void absentCollectionsStayAbsentAsTheStoredDocumentHadThem() {
        KpiFacts stored = new KpiFacts();
        stored.times = null;
        stored.tags = null;
        stored.countermeasures = null;

        KpiFacts copy = stored.copy();

        assertThat(copy.times).isNull();
        assertThat(copy.tags).isNull();
        assertThat(copy.countermeasures).isNull();
        assertThat(copy.visibleTo).isNull();
        assertThat(copy.stuck).isNull();
        assertThat(copy.pendingRestriction).isNull();
    }

    private static KpiFacts everyFieldSet() {
        KpiFacts facts = new KpiFacts();
        facts.id = "pm-1";
        facts.title = "Checkout outage";
        facts.status = "PUBLISHED";
        facts.createdAt = Instant.parse("2026-01-05T08:00:00Z");
        facts.times = new TreeMap<>(Map.of("start", Instant.parse("2026-01-05T10:00:00Z")));
        facts.meetingAt = Instant.parse("2026-01-07T10:00:00Z");
        facts.publishedAt = Instant.parse("2026-01-08T10:00:00Z");
        facts.severity = "SEV1";
        facts.severityRegrades = 2;
        facts.tags = new ArrayList<>(List.of("dns"));
        KpiFacts.Countermeasure countermeasure = new KpiFacts.Countermeasure();
        countermeasure.id = "cm-1";
        countermeasure.status = "COMPLETED";
        countermeasure.owner = "dana";
        countermeasure.targetDate = LocalDate.parse("2026-02-01");
        countermeasure.completedAt = Instant.parse("2026-01-20T10:00:00Z");
        facts.countermeasures = new ArrayList<>(List.of(countermeasure));
        facts.visibleTo = new ArrayList<>(List.of("user:dana"));
        facts.version = 41;
        Stuck stuck = new Stuck();
        stuck.since = Instant.parse("2026-01-09T10:00:00Z");
        stuck.reason = "a gap";
        stuck.eventId = "event-7";
        stuck.projection = "kpis";
        stuck.upTo = 42;
        stuck.refusals = 1;
        facts.stuck = stuck;
        PendingRestriction pending = new PendingRestriction();
        pending.version = 43;
        pending.people = new ArrayList<>(List.of("dana"));
        pending.groups = new ArrayList<>(List.of("sre"));
        facts.pendingRestriction = pending;
        return facts;
    }

    /** Every instance field of the facts, their base class and what they hold is set to something other than its default. */
    private static void assertEveryFieldSet(KpiFacts facts) {
        assertSet(facts, Stream.concat(fields(KpiFacts.class), fields(FailsClosed.class)).toList());
        assertSet(facts.countermeasures.get(0), fields(KpiFacts.Countermeasure.class).toList());
        assertSet(facts.stuck, fields(Stuck.class).toList());
        assertSet(facts.pendingRestriction, fields(PendingRestriction.class).toList());
    }

    private static Stream<Field> fields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).filter(field -> !Modifier.isStatic(field.getModifiers()));
    }

    private static void assertSet(Object owner, List<Field> fields) {
        for (Field field : fields) {
            Object value;
            try {
                value = field.get(owner);
            } catch (IllegalAccessException e) {
                throw new AssertionError(field + " is not public: copy() and this test assume public fields", e);
            }
            assertThat(value).as("%s is set in the fixture (a new field must be copied by copy())", field).isNotNull();
            if (value instanceof Number number) {
                assertThat(number.longValue()).as("%s is set in the fixture", field).isNotZero();
            }
            if (value instanceof Collection<?> collection) {
                assertThat(collection).as("%s is set in the fixture", field).isNotEmpty();
            }
            if (value instanceof Map<?, ?> map) {
                assertThat(map).as("%s is set in the fixture", field).isNotEmpty();
            }
        }
    }
}
