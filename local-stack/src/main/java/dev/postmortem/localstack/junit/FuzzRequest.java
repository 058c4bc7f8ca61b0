package dev.postmortem.localstack.junit;

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
 * is what {@link FuzzCampaign#run} prints for a failing try, so it shows everything that was sent (long values
 * shortened; the seed in the same message replays the exact bytes).
 */
public record FuzzRequest(String method, String path, List<String> headers, byte[] body) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final int SHOWN = 200;

    /** The method of an endpoint written as {@code "METHOD /path"}, as the campaigns' endpoint tables are. */
    public static String method(String endpoint) {
        return endpoint.substring(0, endpoint.indexOf(' '));
    }

    public HttpApi.Response sendWith(HttpApi api) {
        return api.send(method, path, body, headers.toArray(String[]::new));
    }

    /**
     * The bytes of the request line and the headers given here (not those the HTTP client adds): what the server's
     * limit on headers ({@link FuzzCampaign#HEADER_LIMIT}) counts.
     */
    public int headerBytes() {
        int bytes = (method + " " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            bytes += (headers.get(i) + ": " + headers.get(i + 1) + "\r\n").getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes + 2;
    }

    /** The request line and headers, for messages. */
    public String line() {
        return method + " " + shorten(path) + " " + headers.stream().map(FuzzRequest::shorten).toList();
    }

    @Override
    public String toString() {
        return line() + (body == null ? "" : " body(" + body.length + " bytes) " + shorten(new String(body, StandardCharsets.UTF_8)));
    }

    /** Paths of this template with each {variable} replaced by a value of its generator (percent-encoded, as sent). */
    public static Gen<String> paths(String template, Function<String, Gen<String>> variables) {
        Matcher matcher = VARIABLE.matcher(template);
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        Gen<String> path = Gen.constant(template);
        for (String name : names) {
            path = path.flatMap(partial -> variables.apply(name).map(value -> partial.replace("{" + name + "}", value)));
        }
        return path;
    }

    /**
     * Query strings ({@code ""} or {@code "?a=1&b=2"}) with each parameter present or not; values are percent-encoded
     * so that they arrive as generated (an {@code &} or {@code +} inside a value stays part of it).
     */
    public static Gen<String> queries(Map<String, Gen<String>> parameters) {
        Gen<List<String>> pairs = Gen.constant(List.of());
        for (Map.Entry<String, Gen<String>> parameter : parameters.entrySet()) {
            Gen<String> value = parameter.getValue().withNull(0.5);
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

    /** Headers as name, value, ...: each one present with a value of its generator, or not. */
    public static Gen<List<String>> headers(Map<String, Gen<String>> headers, double absent) {
        Gen<List<String>> all = Gen.constant(List.of());
        for (Map.Entry<String, Gen<String>> header : headers.entrySet()) {
            Gen<String> value = header.getValue().withNull(absent);
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
