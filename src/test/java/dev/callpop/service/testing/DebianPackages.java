package dev.callpop.service.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Debian programs some tests run (Chromium, redis-server, curl and jq), installed with {@code apt-get} when
 * missing (as root), else the test fails saying what to do.
 */
public final class DebianPackages {

    private DebianPackages() {
    }

    /**
     * @param program  the program the tests run, such as {@code /usr/bin/jq}
     * @param debian   the Debian package that installs it
     * @param whoNeeds which tests need it, for the message, such as "The Redis tests"
     */
    public static void ensure(Path program, String debian, String whoNeeds) throws IOException, InterruptedException {
        if (Files.isExecutable(program)) {
            return;
        }
        for (List<String> command : List.of(List.of("apt-get", "update", "-qq"), List.of("apt-get", "install", "-y", "-qq", debian))) {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(whoNeeds + " need " + program + " and '" + String.join(" ", command)
                        + "' failed; install it (Debian: apt-get install " + debian + ") and run the tests again.");
            }
        }
    }
}
