package dev.postmortem.command.web;

import dev.postmortem.command.domain.CommandMetaData;
import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a write request says besides its body: who sends it (the authenticated principal), the trace id, an
 * optional reason for the change, and the version the client last saw ({@code If-Match}).
 */
public record WriteContext(String actor, List<String> groups, String traceId, String reason, Long expectedVersion) {

    /** The command's metadata; the groups decide access to a restricted post-mortem and are not copied onto events. */
    MetaData metaData() {
        Map<String, Object> values = new HashMap<>();
        values.put(CommandMetaData.ACTOR, actor);
        values.put(CommandMetaData.GROUPS, groups);
        values.put(CommandMetaData.TRACE_ID, traceId);
        if (reason != null) {
            values.put(CommandMetaData.REASON, reason);
        }
        return MetaData.from(values);
    }
}
