package dev.postmortem.localstack.junit;

import org.junit.jupiter.api.DynamicTest;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint a service registered × anonymous and each {@link TestUsers} role: anonymous gets 401, a role below
 * the endpoint's gets 403, the endpoint's role and above get past security (whatever the handler then says about the
 * made-up ids and empty bodies — but never a 5xx). The expected table is written by hand in each service's test and
 * must list exactly the registered endpoints, so a new endpoint cannot be forgotten.
 */
public final class AuthorizationMatrix {

    /** Who may call an endpoint without signing in. */
    public static final String ANYONE = "anyone";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private AuthorizationMatrix() {
    }

    /** "METHOD /path" of every endpoint of ours a service registered (Spring's own {@code /error} left out). */
    public static Set<String> registered(RequestMappingHandlerMapping mappings) {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("dev.postmortem")) {
                info.getMethodsCondition().getMethods().forEach(method ->
                        info.getPatternValues().forEach(pattern -> endpoints.add(method.name() + " " + pattern)));
            }
        });
        return endpoints;
    }

    /**
     * @param registered "METHOD /path/{var}" of every endpoint the service registered
     * @param required   the same keys → the least role that may call it ({@link TestUsers#READER} ... {@link TestUsers#ADMIN}) or {@link #ANYONE}
     * @param values     path variable values where a random UUID will not do (e.g. step → 1)
     */
    public static List<DynamicTest> tests(String baseUrl, Set<String> registered, Map<String, String> required, Map<String, String> values) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the matrix lists exactly the registered endpoints",
                () -> assertEquals(new TreeSet<>(registered), new TreeSet<>(required.keySet()),
                        "every endpoint needs a row in the authorization matrix, and every row an endpoint")));
        HttpApi anonymous = new HttpApi(baseUrl);
        for (String endpoint : new TreeSet<>(required.keySet())) {
            String[] methodAndPath = endpoint.split(" ", 2);
            String path = fill(methodAndPath[1], values);
            String body = methodAndPath[0].equals("POST") || methodAndPath[0].equals("PUT") ? "{}" : null;
            String least = required.get(endpoint);
            tests.add(DynamicTest.dynamicTest(endpoint + " anonymous", () -> {
                int status = anonymous.call(methodAndPath[0], path, body).status();
                if (least.equals(ANYONE)) {
                    assertTrue(status != 401 && status != 403 && status < 500, endpoint + " is open to anyone but answered " + status);
                } else {
                    assertEquals(401, status, endpoint + " without credentials");
                }
            }));
            for (String user : TestUsers.ALL) {
                tests.add(DynamicTest.dynamicTest(endpoint + " as " + user, () -> {
                    HttpApi.Response response = anonymous.as(user).call(methodAndPath[0], path, body);
                    int status = response.status();
                    boolean allowed = least.equals(ANYONE) || TestUsers.ALL.indexOf(user) >= TestUsers.ALL.indexOf(least);
                    if (allowed) {
                        // 503 with Retry-After: let in, but not ready yet (e.g. a rebuild while the projections still join their group)
                        boolean notReadyYet = status == 503 && response.header("Retry-After") != null;
                        assertTrue(status != 401 && status != 403 && (status < 500 || notReadyYet), endpoint + " as " + user + " answered " + status);
                    } else {
                        assertEquals(403, status, endpoint + " as " + user + " (needs " + least + ")");
                    }
                }));
            }
        }
        return tests;
    }

    private static String fill(String pattern, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), UUID.randomUUID().toString())));
        }
        matcher.appendTail(path);
        return path.toString();
    }
}
