package labs.support;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists the live virtual threads of this JVM.
 *
 * <p>Why a thread dump: {@link Thread#getAllStackTraces()} only sees platform threads, and the JDK
 * has no other API that enumerates virtual threads. The JSON dump of
 * {@link HotSpotDiagnosticMXBean#dumpThreads} does (JDK 21+ tracks every virtual thread in a
 * thread container), at a cost of a few milliseconds.
 */
final class VirtualThreads {

    /** One virtual thread as the dump shows it. */
    record Seen(String tid, String name, String state, List<String> stack) {
        String describe() {
            StringBuilder out = new StringBuilder("virtual thread #" + tid + " \"" + name + "\" " + state);
            stack.stream().limit(12).forEach(frame -> out.append("\n        at ").append(frame));
            return out.toString();
        }
    }

    private static final Pattern FIELD = Pattern.compile("^\\s*\"(\\w+)\":\\s*\"?(.*?)\"?,?$");
    private static final Pattern FRAME = Pattern.compile("^\\s*\"(.*)\",?$");

    private VirtualThreads() {
    }

    /**
     * The name of the fork-join pool that carries virtual threads, read from a virtual thread's own
     * description ({@code VirtualThread[#22]/runnable@ForkJoinPool-1-worker-1}); null if unknown.
     *
     * <p>Why it lives here: the probe's lambda must belong to a class that is already initialized.
     * Called from another class's static initializer, a lambda of that class would wait for the
     * initializer that is waiting for it — a class-initialization deadlock (we hit it).
     */
    static String schedulerPoolName() {
        String[] description = new String[1];
        try {
            Thread.ofVirtual().start(() -> description[0] = Thread.currentThread().toString()).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Matcher pool = Pattern.compile("@(.+)-worker-\\d+").matcher(String.valueOf(description[0]));
        return pool.find() ? pool.group(1) : null;
    }

    static List<Seen> alive() {
        try {
            Path dir = Files.createTempDirectory("labs-thread-dump");
            Path file = dir.resolve("threads.json");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                return parse(Files.readAllLines(file));
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not dump threads to look for leaked virtual threads", e);
        }
    }

    /** A small line parser for the JDK's pretty-printed dump: one field per line. */
    static List<Seen> parse(List<String> lines) {
        List<Seen> seen = new ArrayList<>();
        String tid = null, name = null, state = null;
        boolean virtual = false, inStack = false;
        List<String> stack = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.trim();
            if (inStack) {
                if (trimmed.startsWith("]")) {
                    inStack = false;
                    if (virtual && tid != null) {
                        seen.add(new Seen(tid, name, state, List.copyOf(stack)));
                    }
                    tid = name = state = null;
                    virtual = false;
                    stack.clear();
                } else {
                    Matcher frame = FRAME.matcher(trimmed);
                    if (frame.matches()) {
                        stack.add(frame.group(1).replace("\\/", "/"));
                    }
                }
                continue;
            }
            if (trimmed.startsWith("\"stack\"")) {
                inStack = !trimmed.endsWith("[]") && !trimmed.endsWith("[],");
                if (!inStack && virtual && tid != null) {
                    seen.add(new Seen(tid, name, state, List.of()));
                }
                continue;
            }
            Matcher field = FIELD.matcher(trimmed);
            if (!field.matches()) {
                continue;
            }
            switch (field.group(1)) {
                case "tid" -> { tid = field.group(2); name = ""; state = "?"; virtual = false; }
                case "virtual" -> virtual = "true".equals(field.group(2));
                case "name" -> name = field.group(2);
                case "state" -> state = field.group(2);
                default -> { }
            }
        }
        return seen;
    }
}
