package dev.postmortem.localstack.junit;

import java.util.List;

/**
 * The services' built-in local users (admin, facilitator, author, reader — see each service's application.yml) with
 * the password tests give them. A test-only value, never a shipped default: the services have none.
 */
public final class TestUsers {

    public static final String PASSWORD = "integration-tests-only";
    public static final String ADMIN = "admin";
    public static final String FACILITATOR = "facilitator";
    public static final String AUTHOR = "author";
    public static final String READER = "reader";
    public static final List<String> ALL = List.of(READER, AUTHOR, FACILITATOR, ADMIN);

    /** The Spring property that gives every local user {@link #PASSWORD}. */
    public static final String PASSWORD_PROPERTY = "postmortem.security.default-password=" + PASSWORD;

    private TestUsers() {
    }
}
