package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.AuthorizationMatrix;
import dev.postmortem.localstack.junit.RunningServiceTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Map;

import static dev.postmortem.localstack.junit.TestUsers.ADMIN;
import static dev.postmortem.localstack.junit.TestUsers.READER;
import static java.util.Map.entry;

/** Every query-service endpoint × anonymous / reader / author / facilitator / admin, over real HTTP. */
class AuthorizationMatrixIT extends RunningServiceTest {

    static final Map<String, String> REQUIRED = Map.ofEntries(
            entry("GET /api/postmortems", READER),
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
            entry("POST /api/admin/dead-letters/retry", ADMIN));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @TestFactory
    List<DynamicTest> everyEndpointForEveryRole() {
        return AuthorizationMatrix.tests(baseUrl(), AuthorizationMatrix.registered(mappings), REQUIRED, Map.of());
    }
}
