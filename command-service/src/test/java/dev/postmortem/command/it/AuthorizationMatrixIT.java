package dev.postmortem.command.it;

import dev.postmortem.localstack.junit.AuthorizationMatrixTest;

import java.util.Map;

import static dev.postmortem.localstack.junit.TestUsers.AUTHOR;
import static dev.postmortem.localstack.junit.TestUsers.FACILITATOR;
import static dev.postmortem.localstack.junit.TestUsers.READER;
import static java.util.Map.entry;

/** Every command-service endpoint × anonymous / reader / author / facilitator / admin, over real HTTP. */
class AuthorizationMatrixIT extends AuthorizationMatrixTest {

    static final Map<String, String> REQUIRED = Map.ofEntries(
            entry("GET /api/severities", READER),
            entry("POST /api/postmortems", AUTHOR),
            entry("PUT /api/postmortems/{id}/title", AUTHOR),
            entry("PUT /api/postmortems/{id}/meeting", AUTHOR),
            entry("PUT /api/postmortems/{id}/times/{name}", AUTHOR),
            entry("DELETE /api/postmortems/{id}/times/{name}", AUTHOR),
            entry("PUT /api/postmortems/{id}/severity", AUTHOR),
            entry("PUT /api/postmortems/{id}/description", AUTHOR),
            entry("PUT /api/postmortems/{id}/root-cause", AUTHOR),
            entry("PUT /api/postmortems/{id}/bug-tickets", AUTHOR),
            entry("PUT /api/postmortems/{id}/incident", AUTHOR),
            entry("DELETE /api/postmortems/{id}/incident", AUTHOR),
            entry("PUT /api/postmortems/{id}/tags", AUTHOR),
            entry("PUT /api/postmortems/{id}/affected-services", AUTHOR),
            entry("PUT /api/postmortems/{id}/owning-teams", AUTHOR),
            entry("POST /api/postmortems/{id}/submit-for-review", AUTHOR),
            entry("POST /api/postmortems/{id}/return-to-draft", FACILITATOR),
            entry("POST /api/postmortems/{id}/publish", FACILITATOR),
            entry("PUT /api/postmortems/{id}/restriction", FACILITATOR),
            entry("DELETE /api/postmortems/{id}/restriction", FACILITATOR),
            entry("POST /api/postmortems/{id}/stakeholders", AUTHOR),
            entry("PUT /api/postmortems/{id}/stakeholders/{stakeholderId}", AUTHOR),
            entry("DELETE /api/postmortems/{id}/stakeholders/{stakeholderId}", AUTHOR),
            entry("POST /api/postmortems/{id}/timeline", AUTHOR),
            entry("POST /api/postmortems/{id}/timeline/import", AUTHOR),
            entry("POST /api/timeline-imports/preview", AUTHOR),
            entry("PUT /api/postmortems/{id}/timeline/{entryId}", AUTHOR),
            entry("DELETE /api/postmortems/{id}/timeline/{entryId}", AUTHOR),
            entry("PUT /api/postmortems/{id}/five-whys/{step}", AUTHOR),
            entry("DELETE /api/postmortems/{id}/five-whys/{step}", AUTHOR),
            entry("POST /api/postmortems/{id}/countermeasures", AUTHOR),
            entry("PUT /api/postmortems/{id}/countermeasures/{countermeasureId}", AUTHOR),
            entry("PUT /api/postmortems/{id}/countermeasures/{countermeasureId}/assignment", FACILITATOR),
            entry("POST /api/postmortems/{id}/countermeasures/{countermeasureId}/start", FACILITATOR),
            entry("POST /api/postmortems/{id}/countermeasures/{countermeasureId}/complete", FACILITATOR),
            entry("POST /api/postmortems/{id}/countermeasures/{countermeasureId}/decline", FACILITATOR),
            entry("POST /api/postmortems/{id}/countermeasures/{countermeasureId}/revisit", FACILITATOR),
            entry("POST /api/postmortems/{id}/review/comments", READER),
            entry("POST /api/postmortems/{id}/review/comments/{commentId}/resolve", READER),
            entry("POST /api/postmortems/{id}/review/approve", READER),
            entry("POST /api/postmortems/{id}/review/request-changes", READER));

    AuthorizationMatrixIT() {
        super(REQUIRED, Map.of("step", "1", "name", "start"));
    }
}
