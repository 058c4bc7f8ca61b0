package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.AuthorizationMatrixTest;

import java.util.Map;

import static dev.postmortem.localstack.junit.TestUsers.ADMIN;
import static dev.postmortem.localstack.junit.TestUsers.READER;
import static java.util.Map.entry;

/** Every query-service endpoint × anonymous / reader / author / facilitator / admin, over real HTTP. */
class AuthorizationMatrixIT extends AuthorizationMatrixTest {

    static final Map<String, String> REQUIRED = Map.ofEntries(
            entry("GET /api/postmortems", READER),
            entry("GET /api/postmortems/on-this-day", READER),
            entry("GET /api/postmortems/{id}", READER),
            entry("GET /api/postmortems/{id}/export.md", READER),
            entry("GET /api/postmortems/{id}/history", READER),
            entry("GET /api/postmortems/{id}/diff", READER),
            entry("GET /api/postmortems/{id}/language", READER),
            entry("GET /api/postmortems/{id}/similar", READER),
            entry("GET /api/search", READER),
            entry("GET /api/countermeasures", READER),
            entry("GET /api/countermeasures/owners", READER),
            entry("GET /api/kpis", READER),
            entry("POST /api/admin/rebuild", ADMIN),
            entry("GET /api/admin/dead-letters", ADMIN),
            entry("POST /api/admin/dead-letters/{id}/retry", ADMIN),
            entry("POST /api/admin/dead-letters/retry", ADMIN),
            entry("GET /api/admin/notifications", ADMIN),
            entry("GET /api/admin/notifications/{id}", ADMIN),
            entry("POST /api/admin/notifications/{id}/resend", ADMIN),
            entry("POST /api/admin/notifications/digest", ADMIN),
            entry("POST /api/admin/notifications/resurface", ADMIN));

    AuthorizationMatrixIT() {
        super(REQUIRED, Map.of());
    }
}
