package dev.postmortem.command.review;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * {@code postmortem.review.*}: how many approvals a post-mortem needs before it is published, by severity level
 * ({@code required-approvals.<level>}, with {@code required-approvals.default} for any other level and for none), and
 * whether a change after an approval withdraws it ({@code withdraw-approvals-on-change}).
 */
@ConfigurationProperties("postmortem.review")
public record ReviewProperties(Map<String, Integer> requiredApprovals, Boolean withdrawApprovalsOnChange) {
}
