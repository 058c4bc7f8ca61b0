package dev.postmortem.localstack.junit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves, so that time-dependent behaviour (overdue countermeasures, revisits due) is tested in
 * seconds instead of months. Either standing still at a given instant, or following the system clock with an offset
 * the test shifts. Thread-safe: services read it from their own threads.
 */
public final class MutableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    /** A clock standing still at {@code start} until the test moves it. */
    public MutableClock(Instant start) {
        this(Clock.fixed(start, ZoneOffset.UTC), new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    /** The system clock (UTC), until the test moves it; time keeps flowing from wherever it was moved to. */
    public static MutableClock systemUtc() {
        return new MutableClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private MutableClock(Clock base, AtomicReference<Duration> offset, ZoneId zone) {
        this.base = base;
        this.offset = offset;
        this.zone = zone;
    }

    /** Moves the clock forward (or back, with a negative amount) and returns the new time. */
    public Instant advance(Duration amount) {
        offset.updateAndGet(current -> current.plus(amount));
        return instant();
    }

    /** Moves the clock to {@code instant}. */
    public void set(Instant instant) {
        offset.set(Duration.between(base.instant(), instant));
    }

    /** Back to the time of the underlying clock. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same time seen from another zone: moving either moves both. */
    @Override
    public Clock withZone(ZoneId other) {
        return new MutableClock(base, offset, other);
    }
}
