package dev.postmortem.query.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The read side's one JSON mapper: event JSON as the contract writes it (ISO-8601 times, unknown properties
 * tolerated). Views, KPI facts, search documents, dead letters and search cursors are read and written with it too,
 * so that one set of rules holds for every time and every unknown field the read side meets.
 */
public final class EventJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {
    }
}
