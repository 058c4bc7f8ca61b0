package dev.postmortem.kit.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle in front of HTTP Basic: failures count per user and per address, successes are given back. */
class LoginThrottleTest {

    final SecurityProblems problems = new SecurityProblems(new ObjectMapper());
    final AtomicInteger checked = new AtomicInteger();
    final LoginThrottle throttle = new LoginThrottle(new SecurityProperties.LoginThrottle(true, 3, 5, Duration.ofMinutes(1)), problems);

    MockHttpServletResponse attempt(String user, String password, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/postmortems");
        request.setRemoteAddr(address);
        request.addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain passwordCheck = (req, res) -> {
            checked.incrementAndGet();
            ((MockHttpServletResponse) res).setStatus(password.equals("right") ? 200 : 401);
        };
        throttle.doFilter(request, response, passwordCheck);
        return response;
    }

    @Test
    void aUsersFailuresAreBoundedAndThenRefusedWithRetryAfterBeforeAnyPasswordCheck() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(attempt("ana", "wrong", "10.0.0." + i).getStatus()).isEqualTo(401);
        }
        MockHttpServletResponse refused = attempt("ana", "wrong", "10.0.0.9");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("too-many-sign-in-failures");
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
        assertThat(checked).as("the refused attempt cost no password check").hasValue(3);
        assertThat(attempt("bob", "wrong", "10.0.0.9").getStatus()).as("another user").isEqualTo(401);
    }

    @Test
    void anAddressGuessingManyNamesIsBoundedToo() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(attempt("user" + i, "wrong", "192.0.2.1").getStatus()).isEqualTo(401);
        }
        assertThat(attempt("user9", "wrong", "192.0.2.1").getStatus()).isEqualTo(429);
        assertThat(attempt("user9", "wrong", "192.0.2.2").getStatus()).as("another address").isEqualTo(401);
    }

    @Test
    void successesCountNothingAndAnUnknownNameCountsLikeAKnownOne() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(attempt("ana", "right", "10.0.0.1").getStatus()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            attempt("no-such-user", "wrong", "10.0.0.2");
        }
        assertThat(attempt("no-such-user", "wrong", "10.0.0.3").getStatus()).isEqualTo(429);
    }

    @Test
    void requestsWithoutBasicCredentialsAreNotThrottled() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
        MockHttpServletResponse response = new MockHttpServletResponse();
        for (int i = 0; i < 20; i++) {
            throttle.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(401));
        }
        assertThat(response.getStatus()).isEqualTo(401);
    }
}
