-- The overdue watch's own read model: every assigned countermeasure's target date, whether it is still open, and
-- for which target date it was last announced overdue. Filled by the 'overdue-watch' tracking processor from the
-- events; can be dropped and refilled by resetting that processor's token.
CREATE TABLE countermeasure_deadline (
    post_mortem_id    VARCHAR(255) NOT NULL,
    countermeasure_id VARCHAR(255) NOT NULL,
    target_date       DATE         NOT NULL,
    open              BOOLEAN      NOT NULL DEFAULT TRUE,
    announced_for     DATE,
    PRIMARY KEY (post_mortem_id, countermeasure_id)
);

CREATE INDEX countermeasure_deadline_due ON countermeasure_deadline (target_date) WHERE open;
