package dev.postmortem.localstack.junit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared stack's stop waits for Spring's shutdown hooks: how that wait behaves. */
class LocalStackExtensionTest {

    private static Thread started(String name, CountDownLatch release) {
        Thread thread = new Thread(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.start();
        return thread;
    }

    @Test
    void waitsForANamedThreadToEnd() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread hook = started("test-shutdown-hook-a", release);
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();

        long start = System.nanoTime();
        assertThat(LocalStackExtension.awaitThreadsNamed(Set.of("test-shutdown-hook-a"), Duration.ofMillis(100), Duration.ofSeconds(5)))
                .isTrue();
        assertThat(hook.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void givesUpAfterTheTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        started("test-shutdown-hook-b", release);
        try {
            assertThat(LocalStackExtension.awaitThreadsNamed(Set.of("test-shutdown-hook-b"), Duration.ofMillis(100), Duration.ofMillis(200)))
                    .isFalse();
        } finally {
            release.countDown();
        }
    }

    @Test
    void waitsOnlyBrieflyForAThreadThatNeverAppears() {
        long start = System.nanoTime();
        assertThat(LocalStackExtension.awaitThreadsNamed(Set.of("test-no-such-thread"), Duration.ofMillis(100), Duration.ofSeconds(5)))
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
