package dev.postmortem.localstack.junit;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The base of a test against one service started by Spring in this JVM on a free port, on the shared local stack
 * ({@link LocalStackExtension} runs first, so the service finds its servers). A test class that needs its own
 * properties names them with {@code @TestPropertySource} or {@code @DynamicPropertySource}; Spring caches one context
 * per distinct configuration.
 */
@ExtendWith(LocalStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningServiceTest {

    @LocalServerPort
    private int port;

    /** Where the service answers: {@code http://127.0.0.1:<port>}. */
    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The service's API as nobody in particular; {@link HttpApi#as} signs in. */
    protected HttpApi api() {
        return new HttpApi(baseUrl());
    }
}
