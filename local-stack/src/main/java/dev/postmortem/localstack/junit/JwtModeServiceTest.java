package dev.postmortem.localstack.junit;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service under test in production mode: it takes bearer tokens signed by {@link #ISSUER_KEYS} for
 * {@link TestTokens#ISSUER} and {@link TestTokens#AUDIENCE}, and nothing else (no local users).
 */
public abstract class JwtModeServiceTest extends RunningServiceTest {

    /** The organisation's issuer, whose key the service trusts. */
    protected static final TestTokens ISSUER_KEYS = new TestTokens();
    /** Someone else's key: a token it signs is refused. */
    protected static final TestTokens OTHER_KEYS = new TestTokens();

    @DynamicPropertySource
    static void jwtMode(DynamicPropertyRegistry registry) {
        ISSUER_KEYS.jwtModeProperties().forEach((key, value) -> registry.add(key, () -> value));
    }
}
