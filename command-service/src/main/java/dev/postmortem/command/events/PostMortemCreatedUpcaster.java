package dev.postmortem.command.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postmortem.api.event.PostMortemCreated;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code PostMortemCreated} revision 1 (stored before a post-mortem could be created restricted) as revision 2: the
 * same post-mortem, open — both restriction lists empty. Stored events are never rewritten; they are read through this.
 */
public final class PostMortemCreatedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(PostMortemCreated.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(PostMortemCreated.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, PostMortemCreatedUpcaster::toRevision2);
    }

    static JsonNode toRevision2(JsonNode revision1) {
        ObjectNode revision2 = revision1.deepCopy();
        revision2.putArray("restrictedToPeople");
        revision2.putArray("restrictedToGroups");
        return revision2;
    }
}
