package dev.postmortem.api.value;

/**
 * The part of a post-mortem a review comment is about. {@link #TIMELINE} and {@link #COUNTERMEASURES} may name one
 * entry or countermeasure ({@code partId}); the others are sections of the template as a whole.
 */
public enum ReviewSection {
    GENERAL,
    TITLE,
    SUMMARY,
    INCIDENT_TIMES,
    SEVERITY,
    STAKEHOLDERS,
    TIMELINE,
    FIVE_WHYS,
    ROOT_CAUSE,
    REMEDIATION,
    COUNTERMEASURES,
    ADDITIONAL_INFO,
    CLASSIFICATION;

    /** Whether a comment on this section may name one of its parts. */
    public boolean hasParts() {
        return this == TIMELINE || this == COUNTERMEASURES;
    }
}
