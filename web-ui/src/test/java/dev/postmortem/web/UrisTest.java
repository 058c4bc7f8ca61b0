package dev.postmortem.web;

import dev.postmortem.web.backend.Uris;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UrisTest {

    @Test
    void everyValueArrivesAsItWasTyped() {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        List<String> typed = List.of("C++ & \"rolled back\" #1 = 100%", "pool exhausted", "née/ü");
        typed.forEach(value -> query.add("q", value));
        query.add("tag", "a+b");
        String uri = Uris.of("/api/search", query);
        assertThat(uri).doesNotContain(" ", "++", "#").startsWith("/api/search?q=");
        MultiValueMap<String, String> read = UriComponentsBuilder.fromUriString(uri).build(true).getQueryParams();
        assertThat(read.get("q").stream().map(UrisTest::decode)).containsExactlyElementsOf(typed);
        assertThat(decode(read.getFirst("tag"))).isEqualTo("a+b");
    }

    @Test
    void aNullValueLeavesItsNameOut() {
        assertThat(Uris.of("/api/postmortems", "status", "DRAFT", "createdBy", null, "size", 20))
                .isEqualTo("/api/postmortems?status=DRAFT&size=20");
    }

    /** As a servlet container reads a query parameter ('+' is a space there, so a literal '+' must come as %2B). */
    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
