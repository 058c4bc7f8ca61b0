package dev.postmortem.command.web;

import dev.postmortem.command.postmortem.PostMortem;
import dev.postmortem.command.config.AuditMetaData;
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
        values.put(AuditMetaData.ACTOR, actor);
        values.put(PostMortem.GROUPS, groups);
        values.put(AuditMetaData.TRACE_ID, traceId);
        if (reason != null) {
            values.put(AuditMetaData.REASON, reason);
        }
        return MetaData.from(values);
    }
}
