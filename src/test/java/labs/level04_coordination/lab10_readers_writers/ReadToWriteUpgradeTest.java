package labs.level04_coordination.lab10_readers_writers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import labs.support.Hint;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * The read-to-write upgrade of {@link ReadToWriteUpgrade}: one thread holds the read lock and asks
 * for the write lock, which waits for every reader to leave — itself included. Detected while it
 * happens (the thread parked on the lock, which has no owner), and bounded: by {@code tryLock}'s
 * timeout, or here by an interrupt, so no test ever hangs on it.
 */
class ReadToWriteUpgradeTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    @Hint("A read lock has no owner, so a detector that follows owners sees no cycle: the thread waits on a lock nobody owns, for a reader that is itself.")
    void anUpgradeWaitsForItsOwnReadLockAndTheJdksDeadlockDetectorCannotSeeIt() throws InterruptedException {
        ReadToWriteUpgrade upgrade = new ReadToWriteUpgrade(Duration.ofMinutes(5), Map.of()); // longer than any test: only the interrupt below ends it
        Staged<String> upgrader = Staged.start("upgrader", () -> String.valueOf(upgrade.putIfAbsent("k", "v")));
        try {
            Watch.until("the upgrader waiting for the write lock", () -> waitsOnAReadWriteLock(upgrader.thread()));

            ThreadInfo info = THREADS.getThreadInfo(upgrader.thread().threadId());
            assertThat(info.getLockOwnerId()).as("owner of the lock the upgrader waits on (%s): -1 is none", info.getLockName()).isEqualTo(-1L);
            long[] deadlocked = THREADS.findDeadlockedThreads();
            assertThat(deadlocked == null ? new long[0] : deadlocked).as("threads ThreadMXBean.findDeadlockedThreads() reports")
                    .doesNotContain(upgrader.thread().threadId());
        } finally {
            upgrader.thread().interrupt();
        }
        Result<String> outcome = upgrader.join();
        assertThat(outcome.succeeded()).as("did the upgrade ever succeed").isFalse();
        assertThat(outcome.error()).as("how the interrupted upgrade ended")
                .isInstanceOf(ReadToWriteUpgrade.UpgradeDeadlockException.class)
                .hasMessageContaining("waiting for itself");
        assertThat(upgrade.get("k")).as("k after the upgrade").isNull();
    }

    @Test
    @Hint("tryLock with a timeout turns a wait that can never end into an error that names it.")
    void anUpgradeGivesUpAfterItsBoundWithAnErrorThatNamesTheSelfDeadlock() {
        ReadToWriteUpgrade upgrade = new ReadToWriteUpgrade(Duration.ofMillis(1), Map.of());

        assertThatThrownBy(() -> upgrade.putIfAbsent("k", "v")).as("putIfAbsent of an absent key, the upgrade bounded at 1 ms")
                .isInstanceOf(ReadToWriteUpgrade.UpgradeDeadlockException.class)
                .hasMessageContaining("gave up after 1 ms")
                .hasMessageContaining("holds the read lock")
                .hasMessageContaining("itself");
        assertThat(upgrade.get("k")).as("k after the upgrade gave up").isNull();
    }

    /** Why the bug survives testing: the common path never upgrades. */
    @Test
    void aPresentKeyIsAnsweredUnderTheReadLockAloneSoTheBugWaitsForTheFirstNewKey() {
        ReadToWriteUpgrade upgrade = new ReadToWriteUpgrade(Duration.ofMillis(1), Map.of("k", "v"));

        assertThat(upgrade.putIfAbsent("k", "w")).as("putIfAbsent of a key already there").isEqualTo("v");
        assertThatThrownBy(() -> upgrade.putIfAbsent("new", "w")).as("putIfAbsent of the first new key")
                .isInstanceOf(ReadToWriteUpgrade.UpgradeDeadlockException.class);
    }

    @Test
    void badInputIsRefusedInOneLine() {
        assertThatThrownBy(() -> new ReadToWriteUpgrade(Duration.ofMillis(-1), Map.of())).as("a negative upgrade wait")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upgradeWait must be >= 0").hasMessageNotContaining("\n");
        ReadToWriteUpgrade upgrade = new ReadToWriteUpgrade(Duration.ofMillis(1), Map.of());
        assertThatThrownBy(() -> upgrade.putIfAbsent(null, "v")).as("a null key").isInstanceOf(NullPointerException.class).hasMessageContaining("key must not be null");
    }

    /** Parked, with its blocker being a ReentrantReadWriteLock's synchronizer. */
    private static boolean waitsOnAReadWriteLock(Thread thread) {
        ThreadInfo info = THREADS.getThreadInfo(thread.threadId());
        return info != null && info.getThreadState() == Thread.State.TIMED_WAITING
                && String.valueOf(info.getLockName()).startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$");
    }
}
