package dev.postmortem.localstack.junit;

import java.time.Duration;

/** A test's wait between two looks at something that settles in its own time. */
public final class Pause {

    private Pause() {
    }

    /** Sleeps this long; an interrupt ends the test (the thread keeps its interrupted flag). */
    public static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pausing for " + duration, e);
        }
    }

    /** {@link #of(Duration)} in milliseconds. */
    public static void millis(long millis) {
        of(Duration.ofMillis(millis));
    }
}
