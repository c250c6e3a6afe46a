package labs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes {@code target/labs}, the CLI launcher, during {@code mvn package}.
 *
 * <p>Why generated: the labs need JDK 21+, and the default {@code java} may be older. The build
 * already found a suitable JDK (maven-toolchains-plugin) and runs this class on it, so this class
 * records its own {@code java.home} in the script. Running through Maven instead ({@code exec:exec})
 * would wrap our one-line errors and exit code 2 in Maven's own failure report.
 */
public final class WriteLauncher {

    private WriteLauncher() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: WriteLauncher <launcher path> <jvm flags>");
        }
        Path launcher = Path.of(args[0]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // BlockHound needs the flags it is given, and makes the JVM warn about them and about its own
        // bytecode tooling; a person running a lab should see the lab, so the launcher quiets them.
        String quiet = "-XX:-PrintWarnings" + (Runtime.version().feature() >= 24 ? " --sun-misc-unsafe-memory-access=allow" : "");
        String script = """
                #!/bin/sh
                # Written by the build (mvn package): runs the labs CLI on the JDK the build found.
                here=$(cd "$(dirname "$0")" && pwd)
                exec "%s" %3$s %2$s -Dlabs.home="$here/.." -cp "$here/reactive-concurrency-labs.jar:$here/lib/*" labs.cli.Labs "$@"
                """.formatted(java, args[1], quiet);
        Files.writeString(launcher, script);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
