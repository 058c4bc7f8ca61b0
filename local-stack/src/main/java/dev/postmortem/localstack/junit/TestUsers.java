package dev.postmortem.localstack.junit;

import java.util.List;
import java.util.stream.Stream;

/**
 * The services' built-in local users (admin, facilitator, author, reader — see each service's application.yml; the
 * query service's tests add {@code insider}, in group {@code security}), each with a password of its own that tests
 * give it. Test-only values, never shipped: the services have none.
 */
public final class TestUsers {

    public static final String ADMIN = "admin";
    public static final String FACILITATOR = "facilitator";
    public static final String AUTHOR = "author";
    public static final String READER = "reader";
    public static final String INSIDER = "insider";
    public static final List<String> ALL = List.of(READER, AUTHOR, FACILITATOR, ADMIN);

    private TestUsers() {
    }

    /** The password tests give {@code user}. */
    public static String password(String user) {
        return user + "-integration-tests-only";
    }

    /** The Spring properties that give every built-in user (and the insider) its test password, for a service started as a process. */
    public static List<String> passwordProperties() {
        return Stream.concat(ALL.stream(), Stream.of(INSIDER))
                     .map(user -> "postmortem.security.passwords." + user + "=" + password(user)).toList();
    }
}
