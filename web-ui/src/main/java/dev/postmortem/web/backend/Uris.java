package dev.postmortem.web.backend;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * A path with a query, every value encoded in full — "+", "&", "=" and "#" included, which a plain
 * {@code UriComponentsBuilder.encode()} leaves as they are (so "C++" would arrive as "C  "): each value is a URI
 * variable, which Spring encodes strictly. For the services' URIs and for the pages' own links alike.
 */
public final class Uris {

    private Uris() {
    }

    public static String of(String path, MultiValueMap<String, String> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        List<Object> values = new ArrayList<>();
        query.forEach((name, list) -> list.forEach(value -> {
            uri.queryParam(name, "{v" + values.size() + "}");
            values.add(value);
        }));
        return uri.encode().buildAndExpand(values.toArray()).toUriString();
    }

    /** Name, value, name, value, ...; a null value leaves its name out. */
    public static String of(String path, Object... namesAndValues) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.add(String.valueOf(namesAndValues[i]), String.valueOf(namesAndValues[i + 1]));
            }
        }
        return of(path, query);
    }
}
