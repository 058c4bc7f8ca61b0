package dev.postmortem.kit.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CrossSiteRequestGuardTest {

    final CrossSiteRequestGuard guard = new CrossSiteRequestGuard(new SecurityProblems(new ObjectMapper()));

    int status(String method, String contentType, String header, String value) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/postmortems/1/publish");
        if (contentType != null) {
            request.setContentType(contentType);
        }
        if (header != null) {
            request.addHeader(header, value);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        guard.doFilter(request, response, (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
        return response.getStatus();
    }

    @Test
    void whatAFormCanSendIsRefused() throws Exception {
        assertThat(status("POST", null, null, null)).isEqualTo(403);
        assertThat(status("POST", "application/x-www-form-urlencoded", null, null)).isEqualTo(403);
        assertThat(status("POST", "multipart/form-data; boundary=x", null, null)).isEqualTo(403);
        assertThat(status("POST", "text/plain", null, null)).isEqualTo(403);
        assertThat(status("DELETE", null, "Sec-Fetch-Site", "cross-site")).isEqualTo(403);
        assertThat(status("POST", "application/*", null, null)).isEqualTo(403);
    }

    @Test
    void whatOnlyAnApiClientOrThisOriginCanSendPasses() throws Exception {
        assertThat(status("POST", "application/json", null, null)).isEqualTo(200);
        assertThat(status("PUT", "application/json;charset=UTF-8", null, null)).isEqualTo(200);
        assertThat(status("POST", "application/merge-patch+json", null, null)).isEqualTo(200);
        assertThat(status("POST", null, "X-Requested-With", "curl")).isEqualTo(200);
        assertThat(status("POST", null, "Sec-Fetch-Site", "same-origin")).isEqualTo(200);
        assertThat(status("GET", null, null, null)).as("reads are not guarded").isEqualTo(200);
    }
}
