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
    final LoginThrottle throttle = LoginThrottle.basic(new SecurityProperties.LoginThrottle(true, 3, 5, Duration.ofMinutes(1)), problems);

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

    @Test
    void theSignInFormIsThrottledTheSameWayAndSaysHowLongToWait() throws Exception {
        LoginThrottle form = LoginThrottle.form(new SecurityProperties.LoginThrottle(true, 2, 5, Duration.ofMinutes(1)), "/sign-in",
                "/sign-in?failed");
        java.util.function.BiFunction<String, String, MockHttpServletResponse> post = (user, password) -> {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/sign-in");
            request.setServletPath("/sign-in");
            request.setParameter("username", user);
            request.setParameter("password", password);
            MockHttpServletResponse response = new MockHttpServletResponse();
            try {
                form.doFilter(request, response, (req, res) -> {
                    checked.incrementAndGet();
                    ((MockHttpServletResponse) res).sendRedirect(password.equals("right") ? "/" : "/sign-in?failed");
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return response;
        };
        assertThat(post.apply("ana", "right").getRedirectedUrl()).isEqualTo("/");
        assertThat(post.apply("ana", "wrong").getRedirectedUrl()).isEqualTo("/sign-in?failed");
        assertThat(post.apply("ana", "wrong").getRedirectedUrl()).isEqualTo("/sign-in?failed");
        MockHttpServletResponse refused = post.apply("ana", "right");
        assertThat(refused.getRedirectedUrl()).matches("/sign-in\\?throttled=\\d+");
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        assertThat(checked).as("the refused attempt cost no password check").hasValue(3);
        assertThat(post.apply("bob", "right").getRedirectedUrl()).as("another user").isEqualTo("/");

        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/sign-in");
        page.setServletPath("/sign-in");
        MockHttpServletResponse shown = new MockHttpServletResponse();
        form.doFilter(page, shown, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
        assertThat(shown.getStatus()).as("showing the form is no sign-in").isEqualTo(200);
    }
}
