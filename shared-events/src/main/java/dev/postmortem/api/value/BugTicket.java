package dev.postmortem.api.value;

/** A bug ticket associated with the remediation: a reference such as {@code OPS-1234} and where to find it. */
public record BugTicket(String reference, String url) {
}
