package dev.postmortem.query.postmortem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.query.stream.EventJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field-by-field differences between two states of a post-mortem, for the history ("who changed what, old → new")
 * and the diff between two versions. Fields are paths such as {@code severity}, {@code times.end},
 * {@code timeline[<entryId>].description}, {@code countermeasures[<id>].owner}, {@code fiveWhys[2].answer};
 * lists of plain values (tags) compare as a whole.
 */
public final class ViewChanges {

    /**
     * Bookkeeping that changes with every event and says nothing about the post-mortem itself, and the projection's own
     * state (stuck, a pending restriction), which no event records.
     */
    private static final Set<String> IGNORED = Set.of("id", "version", "lastChangedAt", "lastChangedBy", "stuck", "pendingRestriction");
    private static final Map<String, String> LIST_KEYS = Map.of(
            "timeline", "id", "stakeholders", "id", "countermeasures", "id", "fiveWhys", "step", "bugTickets", "reference");

    private ViewChanges() {
    }

    /** One changed field: its path and the values before and after (JSON text for lists; null when absent). */
    public record Change(String field, String oldValue, String newValue) {
    }

    public static List<Change> between(PostMortemView before, PostMortemView after) {
        return between(flatten(before), flatten(after));
    }

    /** The same from {@link #flatten flattened} states: a projection folding event after event flattens each state once. */
    public static List<Change> between(Map<String, String> old, Map<String, String> now) {
        List<Change> changes = new ArrayList<>();
        old.forEach((field, value) -> {
            String current = now.get(field);
            if (!value.equals(current)) {
                changes.add(new Change(field, value, current));
            }
        });
        now.forEach((field, value) -> {
            if (!old.containsKey(field)) {
                changes.add(new Change(field, null, value));
            }
        });
        changes.sort(Comparator.comparing(Change::field));
        return changes;
    }

    /** Every field's path and value (see the class comment); empty for no view. */
    public static Map<String, String> flatten(PostMortemView view) {
        Map<String, String> values = new HashMap<>();
        if (view != null) {
            JsonNode tree = EventJson.MAPPER.valueToTree(view);
            Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!IGNORED.contains(field.getKey())) {
                    flatten(field.getKey(), field.getKey(), field.getValue(), values);
                }
            }
        }
        return values;
    }

    private static void flatten(String name, String path, JsonNode node, Map<String, String> values) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(field.getKey(), path + "." + field.getKey(), field.getValue(), values));
        } else if (node.isArray() && LIST_KEYS.containsKey(name)) {
            String key = LIST_KEYS.get(name);
            for (JsonNode element : node) {
                String elementPath = path + "[" + element.path(key).asText() + "]";
                element.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals(key)) {
                        flatten(field.getKey(), elementPath + "." + field.getKey(), field.getValue(), values);
                    }
                });
            }
        } else if (node.isArray()) {
            if (!node.isEmpty()) {
                values.put(path, node.toString());
            }
        } else if (!(node.isTextual() && node.asText().isEmpty())) {
            values.put(path, node.asText());
        }
    }
}
