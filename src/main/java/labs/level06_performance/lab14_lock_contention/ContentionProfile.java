package labs.level06_performance.lab14_lock_contention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the contention was, as the JVM itself saw it: a JFR recording around one run, keeping the
 * two events that mean "a thread waited for another" — {@code jdk.JavaMonitorEnter} (a thread
 * blocked entering a contended {@code synchronized}) and {@code jdk.ThreadPark} (a thread parked:
 * a contended {@code ReentrantLock} or {@code StampedLock}, a full or empty
 * {@code ArrayBlockingQueue}, an idle pool thread) — of lab14's own threads ({@link RunThreads#PREFIX}).
 * How many, and how long in all. A writer waiting on the start latch parks too; that is not
 * contention, and is left out.
 *
 * <p>Both events are enabled with no threshold (by default JFR keeps only waits over 20 ms) and
 * without stack traces, to keep the recording's own cost small; it is still not free, so the
 * experiment measures throughput in runs without a recording and profiles a separate run.
 * Only the CLI records: a recording starts JFR's own threads, which live as long as the JVM.
 */
final class ContentionProfile {

    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String THREAD_PARK = "jdk.ThreadPark";

    /**
     * The class a run's threads park on while they wait to be let go together (the start latch):
     * waiting for the start is not contention, and it is left out.
     */
    static final String START_GATE = "java.util.concurrent.CountDownLatch$Sync";

    /**
     * One event as the profile reads it: its type, the thread it happened on, how long it lasted,
     * and, for a park, the class of the object parked on ({@code null} when JFR does not say).
     */
    record Sample(String event, String thread, Duration duration, String parkedOn) {
    }

    /** The waits of one run. */
    record Profile(long monitorWaits, Duration monitorWaited, long parks, Duration parked) {
        /** Parks and monitor waits per 1000 of {@code operations}. */
        double waitsPerThousand(long operations) {
            return operations == 0 ? 0 : 1000.0 * (monitorWaits + parks) / operations;
        }
    }

    /** A run's result and its profile. */
    record Profiled<T>(T result, Profile profile) {
    }

    private ContentionProfile() {
    }

    /**
     * Sums the samples of threads whose name starts with {@code threadPrefix}; other events and
     * threads are left out, and so are parks on the {@link #START_GATE}.
     */
    static Profile of(List<Sample> samples, String threadPrefix) {
        long monitorWaits = 0;
        long parks = 0;
        Duration monitorWaited = Duration.ZERO;
        Duration parked = Duration.ZERO;
        for (Sample sample : samples) {
            if (sample.thread() == null || !sample.thread().startsWith(threadPrefix)) {
                continue;
            }
            switch (sample.event()) {
                case MONITOR_ENTER -> {
                    monitorWaits++;
                    monitorWaited = monitorWaited.plus(sample.duration());
                }
                case THREAD_PARK -> {
                    if (START_GATE.equals(sample.parkedOn())) {
                        continue;
                    }
                    parks++;
                    parked = parked.plus(sample.duration());
                }
                default -> {
                }
            }
        }
        return new Profile(monitorWaits, monitorWaited, parks, parked);
    }

    /** Runs {@code run} under a JFR recording of the two events and profiles lab14's threads. */
    static <T> Profiled<T> record(Supplier<T> run) {
        Path file = null;
        try (Recording recording = new Recording()) {
            recording.setName("lab14 contention");
            recording.enable(MONITOR_ENTER).withThreshold(Duration.ZERO).withoutStackTrace();
            recording.enable(THREAD_PARK).withThreshold(Duration.ZERO).withoutStackTrace();
            recording.setToDisk(true);
            recording.start();
            T result;
            try {
                result = run.get();
            } finally {
                recording.stop();
            }
            file = Files.createTempFile("lab14-", ".jfr");
            recording.dump(file);
            return new Profiled<>(result, of(samples(file), RunThreads.PREFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write or read the JFR recording", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A temporary file left behind is not worth failing the run for; the OS cleans its temp folder.
                }
            }
        }
    }

    private static List<Sample> samples(Path file) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            RecordedThread thread = event.getThread();
            RecordedClass parkedOn = event.hasField("parkedClass") ? event.getClass("parkedClass") : null;
            samples.add(new Sample(event.getEventType().getName(), thread == null ? null : thread.getJavaName(), event.getDuration(),
                    parkedOn == null ? null : parkedOn.getName()));
        }
        return samples;
    }
}
