package dev.postmortem.localstack.junit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One generated request of a fuzz campaign: the path and query as they go on the wire (percent-encoded), exact body
 * bytes and headers (see {@link HttpApi#send}). Its string form
 * is what jqwik prints for a failing try, so it shows everything that was sent (long values shortened).
 */
public record FuzzRequest(String method, String path, List<String> headers, byte[] body) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final int SHOWN = 200;

    public HttpApi.Response sendWith(HttpApi api) {
        return api.send(method, path, body, headers.toArray(String[]::new));
    }

    /** The request line and headers, for messages. */
    public String line() {
        return method + " " + shorten(path) + " " + headers.stream().map(FuzzRequest::shorten).toList();
    }

    @Override
    public String toString() {
        return line() + (body == null ? "" : " body(" + body.length + " bytes) " + shorten(new String(body, StandardCharsets.UTF_8)));
    }

    /** Paths of this template with each {variable} replaced by a value of its arbitrary (percent-encoded, as sent). */
    public static Arbitrary<String> paths(String template, Function<String, Arbitrary<String>> variables) {
        Matcher matcher = VARIABLE.matcher(template);
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        Arbitrary<String> path = Arbitraries.just(template);
        for (String name : names) {
            path = path.flatMap(partial -> variables.apply(name).map(value -> partial.replace("{" + name + "}", value)));
        }
        return path;
    }

    /**
     * Query strings ({@code ""} or {@code "?a=1&b=2"}) with each parameter present or not; values are percent-encoded
     * so that they arrive as generated (an {@code &} or {@code +} inside a value stays part of it).
     */
    public static Arbitrary<String> queries(Map<String, Arbitrary<String>> parameters) {
        Arbitrary<List<String>> pairs = Arbitraries.just(List.of());
        for (Map.Entry<String, Arbitrary<String>> parameter : parameters.entrySet()) {
            Arbitrary<String> value = parameter.getValue().injectNull(0.5);
            pairs = pairs.flatMap(before -> value.map(v -> {
                List<String> after = new ArrayList<>(before);
                if (v != null) {
                    after.add(HostileInputs.encode(parameter.getKey()) + "=" + HostileInputs.encode(v));
                }
                return after;
            }));
        }
        return pairs.map(list -> list.isEmpty() ? "" : "?" + String.join("&", list));
    }

    /** Headers as name, value, ...: each one present with a value of its arbitrary, or not. */
    public static Arbitrary<List<String>> headers(Map<String, Arbitrary<String>> headers, double absent) {
        Arbitrary<List<String>> all = Arbitraries.just(List.of());
        for (Map.Entry<String, Arbitrary<String>> header : headers.entrySet()) {
            Arbitrary<String> value = header.getValue().injectNull(absent);
            all = all.flatMap(before -> value.map(v -> {
                List<String> after = new ArrayList<>(before);
                if (v != null) {
                    after.add(header.getKey());
                    after.add(v);
                }
                return after;
            }));
        }
        return all;
    }

    private static String shorten(String text) {
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "…(" + text.length() + " chars)" : text;
    }
}
