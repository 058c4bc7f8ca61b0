package dev.postmortem.localstack.junit;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Map;

/**
 * The base of a service's {@link AuthorizationMatrix} test: every endpoint the service registers, for every role, over
 * real HTTP. The subclass says the role each endpoint requires and the values its path variables take.
 */
public abstract class AuthorizationMatrixTest extends RunningServiceTest {

    private final Map<String, String> required;
    private final Map<String, String> pathValues;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    /**
     * @param required   the least role of each endpoint, by {@code "METHOD /path"}
     * @param pathValues path variable values where a random UUID will not do (e.g. step → 1)
     */
    protected AuthorizationMatrixTest(Map<String, String> required, Map<String, String> pathValues) {
        this.required = required;
        this.pathValues = pathValues;
    }

    @TestFactory
    List<DynamicTest> everyEndpointForEveryRole() {
        return AuthorizationMatrix.tests(baseUrl(), AuthorizationMatrix.registered(mappings), required, pathValues);
    }
}
