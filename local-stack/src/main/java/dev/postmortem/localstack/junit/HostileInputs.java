package dev.postmortem.localstack.junit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fuzz ITs' generators of hostile input, shared by both services: text an attacker or a broken client would send
 * (injection shapes for SQL, MongoDB, Elasticsearch and HTML; unicode that breaks naive length, case and offset
 * handling; text past every documented limit), JSON values of every wrong type, malformed JSON documents, path
 * segments, header values and media types. Valid values are the callers' business: they mix these in.
 */
public final class HostileInputs {

    /** Shapes that mean something to a database, a search engine, a shell, a template engine or a browser. */
    static final List<String> INJECTIONS = List.of(
            // MongoDB operators, as text and as the bracket syntax some frameworks turn into objects
            "{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$where\":\"sleep(5000) || true\"}", "{\"$regex\":\".*\"}", "$where", "$gt",
            "[$ne]=1", "{\"$expr\":{\"$eq\":[1,1]}}", "this.title == this.title", "db.dropDatabase()",
            // SQL
            "'; DROP TABLE domainevententry; --", "\"; DROP TABLE x; --", "1' OR '1'='1", "1; SELECT pg_sleep(5)", "' UNION SELECT 1--",
            // Elasticsearch query-string syntax, balanced and not
            "title:*", "*", "?", "a AND (b OR", "/.*/", "\\", "~", "^10", "a~2", "\"unclosed", "((((((((", ")", "NOT", "AND OR",
            "[* TO *]", "{a TO b}", "severity:[1 TO", "+-&&||!(){}[]^\"~*?:\\/", "_exists_:title", "title:/joh?n(ath[oa]n)/",
            "*:*", "_id:*", "title:(a OR b)^1e9", "a\\", "\\\\", "//", "a:b:c", "\"a\"~999999", "*a*b*c*d*e*f*g*h*", "[", "]", "{", "}",
            // paths, templates, lookups, markup
            "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "/etc/passwd%00.md", "${jndi:ldap://127.0.0.1/a}",
            "#{7*7}", "{{7*7}}", "<%= 7*7 %>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
            "]]>", "<!--", "| cat /etc/passwd", "`id`", "$(id)",
            // JSON and number look-alikes inside strings
            "null", "undefined", "NaN", "Infinity", "-1", "0", "9223372036854775808", "-9223372036854775809", "1e309", "0x1F", "true",
            "[]", "{}", "%", "%%", "%00", "%zz", "%u0000", "", " ", "\t", "\r\n", "\u0000", "\u0000\u0000\u0000");

    /** Fragments that break naive handling of text: astral plane, combining marks, direction overrides, case folding. */
    static final List<String> UNICODE = List.of(
            "😀", "👩‍👩‍👧‍👦", "🏳️‍🌈", "𝕳𝖊𝖑𝖑𝖔", "𠜎𠜱𠝹", "e\u0301\u0302\u0303\u0304\u0305\u0306", "Z̴̡̢̛͔̙̹̞̈́̈́͐a̷̧̦̓l̶̡̛g̸o̵",
            "\u202Eevil\u202C", "\u202Dx\u202E", "שלום עולם", "مرحبا بالعالم", "\u200B", "\u200D", "\uFEFF", "\uFFFD", "\uFFFF", "\uFFFE",
            "İstanbul", "ß", "ﬃ", "ǅ", "Σ", "ΐ", "日本語のテキスト", "한국어", "\u0085", "\u2028", "\u2029", "\u00A0", "\u3000",
            "\uD800", "\uDFFF", "\uDBFF\uDBFF", "a\uD800b", "\u0007", "\u001B[31m", "\u007F");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HostileInputs() {
    }

    /** Any hostile text: injections, unicode, control characters, oversized text, and plain noise. */
    public static Gen<String> strings() {
        return Gen.frequency(
                Gen.weighted(4, Gen.of(INJECTIONS)),
                Gen.weighted(4, unicode()),
                Gen.weighted(2, oversized()),
                Gen.weighted(2, Gen.strings(Character.MIN_VALUE, Character.MAX_VALUE, 0, 40)),
                Gen.weighted(1, Gen.strings('\u0000', '\u001F', 1, 8)));
    }

    /** Unicode-heavy text: a few of the awkward fragments strung together, sometimes around injection text. */
    public static Gen<String> unicode() {
        return Gen.of(UNICODE).list(1, 6)
                          .flatMap(parts -> Gen.of(INJECTIONS).withNull(0.6)
                                                       .map(injection -> String.join("", parts) + (injection == null ? "" : injection)));
    }

    /**
     * Text just past and far past the documented field limits (100, 200, 1,000, 2,000, 5,000 and 20,000 characters):
     * ASCII or astral (two UTF-16 units, four UTF-8 bytes per character).
     */
    public static Gen<String> oversized() {
        return Gen.of(101, 201, 501, 1_001, 2_001, 5_001, 20_001, 60_000)
                          .flatMap(length -> Gen.of("x", "é", "😀", "\u0000", "a ").map(unit -> repeatTo(unit, length)));
    }

    /**
     * Instants (as JSON strings) well-formed and valid in Java but at or past the edge of some range: the accepted one
     * (1970 to 2199), java.util.Date and BSON dates (year 292278994), PostgreSQL dates (5874897), Elasticsearch and
     * four-digit years (9999), and Java's own (year ±999999999).
     */
    public static Gen<String> edgeInstants() {
        return Gen.of("1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "2199-12-31T23:59:59.999999999Z", "2200-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "+292278994-08-17T07:12:55.807Z", "+292278994-08-17T07:12:55.808Z",
                "+5874897-12-31T00:00:00Z", "+999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "-0001-12-31T23:59:59Z", "1900-01-01T00:00:00Z").map(HostileInputs::jsonString);
    }

    /** Dates (as JSON strings) at or past the edge of some range, as {@link #edgeInstants()}. */
    public static Gen<String> edgeDates() {
        return Gen.of("1969-12-31", "1970-01-01", "2199-12-31", "2200-01-01", "9999-12-31", "+10000-01-01", "+5874897-12-31",
                "+5874898-01-01", "-4713-11-24", "-4714-11-23", "+999999999-12-31", "-999999999-01-01", "0000-01-01")
                          .map(HostileInputs::jsonString);
    }

    /**
     * Text within a field's character cap but large in bytes: characters of three UTF-8 bytes (CJK) or four (astral,
     * two UTF-16 units each) up to the cap, so that a cap that counts characters lets through three or four times
     * its size.
     */
    public static Gen<String> wideText(int maxChars) {
        return Gen.of("検", "😀", "�", "é").flatMap(unit -> Gen.of(maxChars / 2, maxChars - 1, maxChars)
                .map(length -> repeatTo(unit, Math.max(1, length)))).map(HostileInputs::jsonString);
    }

    /**
     * Text that made the blameless-language check quadratic, or could make any matcher so: runs of hyphens and
     * apostrophes around a blame phrase, a phrase's first word over and over, one very long word, long log-like lines
     * — each up to a field's character cap.
     */
    public static Gen<String> adversarialText(int maxChars) {
        return Gen.of("-", "'s ", "-'", "should would could ", "a", "at com.acme.Pay(", "2026-03-01T10:00:01Z ]]]] ", "x.y.",
                        "human human error ", "Bob's Bob's fault ")
                  .map(unit -> {
                      String text = repeatTo(unit, Math.max(1, maxChars - 13));
                      return text.substring(0, Math.max(0, text.length() - 13)) + " Bob's fault " + text.substring(Math.max(0, text.length() - 13));
                  })
                  .map(text -> text.length() > maxChars ? text.substring(0, maxChars) : text)
                  .map(HostileInputs::jsonString);
    }

    /** A JSON value of any type other than the expected one: numbers, literals, objects with operators, arrays, deep nesting. */
    public static Gen<String> jsonValues() {
        return Gen.frequency(
                Gen.weighted(4, strings().map(HostileInputs::jsonString)),
                Gen.weighted(2, Gen.of("0", "-1", "1.5", "-0", "1e309", "-1e309", "9223372036854775808", "1" + "0".repeat(400),
                        "1".repeat(1_500), "0.0000000000000000000000000001", "true", "false", "null")),
                Gen.weighted(3, Gen.of("{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$where\":\"sleep(100)\"}", "{\"$regex\":\".*\"}",
                        "{}", "{\"a\":{\"b\":{\"c\":{}}}}", "{\"query\":{\"match_all\":{}}}", "{\"script\":\"ctx._source\"}")),
                Gen.weighted(2, Gen.of("[]", "[null]", "[1,2,3]", "[\"a\",{\"$gt\":\"\"}]", "[[[]]]", "[\"" + "x".repeat(200) + "\"]")),
                Gen.weighted(1, Gen.of(1_001, 5_000, 50_000).map(depth -> "[".repeat(depth) + "]".repeat(depth))),
                Gen.weighted(1, strings().list(0, 60).map(list -> "[" + String.join(",", list.stream().map(HostileInputs::jsonString).toList()) + "]")));
    }

    /**
     * JSON objects with these fields (name → valid JSON values): each field is valid, hostile text, a value of a wrong
     * type, or left out; sometimes a field the endpoint does not know is added. Most objects are invalid, some valid.
     */
    public static Gen<String> objects(Map<String, Gen<String>> validFields) {
        Gen<List<String>> members = Gen.constant(List.<String>of());
        for (Map.Entry<String, Gen<String>> field : validFields.entrySet()) {
            Gen<String> value = Gen.frequency(
                    Gen.weighted(6, field.getValue()),
                    Gen.weighted(3, strings().map(HostileInputs::jsonString)),
                    Gen.weighted(2, jsonValues()),
                    Gen.weighted(1, Gen.constant((String) null)));
            members = members.flatMap(before -> value.map(json -> {
                List<String> after = new ArrayList<>(before);
                if (json != null) {
                    after.add(jsonString(field.getKey()) + ":" + json);
                }
                return after;
            }));
        }
        Gen<String> unknownField = Gen.of("\"$where\":\"sleep(1000)\"", "\"$gt\":\"\"", "\"id\":\"00000000-0000-0000-0000-000000000000\"",
                "\"actor\":\"mallory\"", "\"version\":99", "\"__proto__\":{\"admin\":true}", "\"\":null", "\"title\\u0000\":1",
                "\"@class\":\"java.lang.Runtime\"").withNull(0.8);
        Gen<List<String>> allMembers = members;
        return random -> {
            List<String> all = new ArrayList<>(allMembers.next(random));
            String unknown = unknownField.next(random);
            if (unknown != null) {
                all.add(unknown);
            }
            return "{" + String.join(",", all) + "}";
        };
    }

    /**
     * A JSON string literal of {@code text}, every character outside printable ASCII as a {@code \}{@code uXXXX}
     * escape: lone surrogates survive (an encoder would refuse or replace them) and reach the server's parser.
     */
    public static String jsonString(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                json.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** A way to break a well-formed JSON document, named so that a failing try says what was sent. */
    public record Malformation(String name, Function<String, byte[]> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Ways to break a JSON document: truncation, wrong brackets, trailing garbage, BOM, NUL, invalid UTF-8, other documents. */
    public static Gen<Malformation> malformations() {
        List<Malformation> fixed = new ArrayList<>(List.of(
                text("wrong brackets", json -> json.replace('{', '[').replace('}', ']')),
                text("mismatched brackets", json -> json.replaceFirst("}$", "]")),
                text("trailing garbage", json -> json + " garbage"),
                text("trailing second document", json -> json + json),
                text("trailing comma", json -> json.replaceFirst("}$", ",}")),
                text("byte order mark", json -> "\uFEFF" + json),
                text("NUL inside", json -> json.replaceFirst(":", ":\u0000")),
                text("NUL before", json -> "\u0000" + json),
                text("single quotes", json -> json.replace('"', '\'')),
                text("comment", json -> "/* c */" + json),
                text("unquoted keys", json -> json.replaceAll("\"(\\w+)\":", "$1:")),
                text("duplicate keys", json -> json.replaceFirst("\\{", "{\"title\":1,\"title\":[],")),
                text("empty body", json -> ""),
                text("whitespace body", json -> " \r\n\t "),
                text("null document", json -> "null"),
                text("array document", json -> "[" + json + "]"),
                text("string document", json -> jsonString(json)),
                text("number document", json -> "12345"),
                text("operator document", json -> "{\"$where\":\"sleep(5000)\",\"$gt\":\"\"}"),
                text("NaN literal", json -> json.replaceFirst(":\\s*\"[^\"]*\"", ":NaN")),
                text("oversized document", json -> json.replaceFirst("}$", ",\"padding\":\"" + "x".repeat(600 * 1024) + "\"}")),
                new Malformation("invalid UTF-8", json -> withInvalidUtf8(json)),
                new Malformation("UTF-16 bytes", json -> json.getBytes(StandardCharsets.UTF_16))));
        Gen<Malformation> truncations = Gen.doubles(0, 1).map(fraction -> text(
                "truncated at " + Math.round(fraction * 100) + "%", json -> json.substring(0, (int) (json.length() * fraction))));
        return Gen.frequency(Gen.weighted(fixed.size(), Gen.of(fixed)), Gen.weighted(4, truncations));
    }

    /**
     * Path segments, percent-encoded as they go on the wire, that a route variable should refuse or not find: not a
     * UUID, huge, encoded slashes, dots and separators, unicode, operators, and any hostile text (encoded).
     */
    public static Gen<String> pathSegments() {
        return Gen.frequency(
                Gen.weighted(4, Gen.of("not-a-uuid", "0", "-1", "00000000-0000-0000-0000-000000000000",
                        "ffffffff-ffff-ffff-ffff-ffffffffffff", "%2F", "a%2Fb", "%2f..%2f..%2fetc%2fpasswd", "..", "%2e%2e", ".", "%00",
                        "%5C", "%25", "%25ZZ", "%3B", ";jsessionid=1", "a;b=c", "%3F", "%23", "$gt", "%7B%22$gt%22:%22%22%7D", "%5B$ne%5D",
                        "*", "title:*", "%20", "%0A", "%0D%0A", "%C3%BCn%C3%AFc%C3%B8d%C3%A9", "%F0%9F%98%80", "%E2%80%AE", "%C4%B0",
                        "%ED%A0%80", "%C3%28", "%FF", "x".repeat(300), "1".repeat(2_000), "x".repeat(9_000),
                        "123456789012345678901234567890", "1.5", "1e3", "0x1", "%2B1", "+1")),
                Gen.weighted(2, strings().filter(segment -> segment.length() <= 2_000).map(HostileInputs::encode)));
    }

    /** Percent-encoded text for a path segment or query value (a space as %20, which means a space in both). */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Values for query parameters: hostile text, bracket and operator shapes, numbers of the wrong size or kind. */
    public static Gen<String> queryValues() {
        return Gen.frequency(
                Gen.weighted(5, strings().filter(value -> value.length() <= 6_000)),
                Gen.weighted(2, Gen.of("-1", "-2147483649", "2147483648", "9223372036854775808", "1e3", "1.5", "0x10", "NaN",
                        "", "true", "yes", "[]", "{\"$ne\":null}", "{\"$gt\":\"\"}", "2026-13-45", "2026-02-30T25:61:61Z", "yesterday",
                        "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01", "2026-11-29", "2026-11-29T10:00:00Z")));
    }

    /** Printable header values (the HTTP client refuses control characters): garbage entity tags and media types. */
    public static Gen<String> ifMatchValues() {
        return Gen.frequency(
                Gen.weighted(3, Gen.of("\"0\"", "*", "W/\"0\"", "\"-1\"", "\"99999999999999999999\"", "\"999999999999999999\"", "0",
                        "\"0\", \"1\"", "garbage", "\"\"", "\"1e3\"", "\"0x1\"", "**", "\"0", "0\"", "'0'", "\"{\\\"$gt\\\":\\\"\\\"}\"",
                        " \"1\" ", "\"1\"\t")),
                Gen.weighted(1, Gen.strings(' ', '~', 0, 60)));
    }

    /** Content types a JSON endpoint must refuse (or take, for the JSON ones), including broken and missing parameters. */
    public static Gen<String> contentTypes() {
        return Gen.of("application/json", "application/json; charset=UTF-16", "application/json; charset=ISO-8859-1",
                "application/json; charset=nope", "application/json; charset=", "text/plain", "application/xml", "text/html",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "multipart/form-data", "application/problem+json",
                "application/merge-patch+json", "application/*", "*/*", "garbage", "application/", ";;", "application/json;;;", "a/b/c",
                "application/octet-stream", "application/x-ndjson", "application/json; boundary=\"unclosed");
    }

    /** Accept headers, acceptable and not. */
    public static Gen<String> acceptHeaders() {
        return Gen.of("application/json", "application/problem+json", "*/*", "text/markdown", "text/html", "application/xml",
                "text/csv", "image/png", "application/json;q=0", "application/json;q=garbage", "garbage", "*/json", "application/*",
                "text/*", "text/markdown;charset=UTF-16", ";;", "application/x-ndjson, text/event-stream");
    }

    private static Malformation text(String name, Function<String, String> change) {
        return new Malformation(name, json -> change.apply(json).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] withInvalidUtf8(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[utf8.length + 4];
        int middle = utf8.length / 2;
        System.arraycopy(utf8, 0, broken, 0, middle);
        // a lone continuation byte, a truncated two-byte sequence and two bytes UTF-8 never uses
        broken[middle] = (byte) 0x80;
        broken[middle + 1] = (byte) 0xC3;
        broken[middle + 2] = (byte) 0xFF;
        broken[middle + 3] = (byte) 0xFE;
        System.arraycopy(utf8, middle, broken, middle + 4, utf8.length - middle);
        return broken;
    }

    private static String repeatTo(String unit, int length) {
        return unit.repeat(length / unit.length() + 1).substring(0, length);
    }
}
