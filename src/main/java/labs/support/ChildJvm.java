package labs.support;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM like this one — the same java, flags (BlockHound's among them) and
 * classpath — that runs {@code main} with {@code args}. For work that must not share this JVM: a
 * lab that changes it for good (BlockHound cannot be removed once installed), or one lab of the
 * tour among the others.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static List<String> command(Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
