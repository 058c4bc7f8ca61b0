package dev.postmortem.localstack.junit;

import java.util.List;
import java.util.Map;

/**
 * Publishing the way the shipped review rules ask ({@code postmortem.review.required-approvals}: one approval for SEV1
 * and SEV2): submitted for review naming a reviewer, approved by that reviewer, then published. For tests whose
 * subject is not the review itself; the review's own tests take each step themselves.
 */
public final class ReviewedPublication {

    private ReviewedPublication() {
    }

    /**
     * Submits the post-mortem as {@code submitter} naming {@code reviewer}, approves it as the reviewer, and publishes it
     * as {@code publisher} (each one of the {@link TestUsers}), asserting a 2xx at every step.
     *
     * @return the publication's answer (its ETag is the version after it)
     */
    public static HttpApi.Response publish(HttpApi commandService, String postMortemId, String submitter, String reviewer, String publisher) {
        String pm = "/api/postmortems/" + postMortemId;
        commandService.as(submitter).post(pm + "/submit-for-review", HttpApi.json(Map.of("reviewers", List.of(reviewer)))).ok();
        commandService.as(reviewer).post(pm + "/review/approve", null).ok();
        return commandService.as(publisher).post(pm + "/publish", null).ok();
    }
}
