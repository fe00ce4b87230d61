package dev.callpop.service.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code dev/post-event.sh}, as a developer runs it against a running callpop: a platform's event posted to its local source. */
public final class DevPostEvent {

    private DevPostEvent() {
    }

    /**
     * Runs {@code dev/post-event.sh} and checks that callpop kept the event.
     *
     * @param callpop   callpop's base URL ({@code CALLPOP_URL})
     * @param calls     where the script keeps its current call ({@code TMPDIR}), one per test
     * @param arguments the script's: the kind, then perhaps the phone and the agent
     * @return what callpop answered
     */
    public static String post(String callpop, Path calls, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "dev/post-event.sh"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CALLPOP_URL", callpop.replaceAll("/$", ""));
        builder.environment().put("TMPDIR", calls.toString());
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("dev/post-event.sh finished").isTrue();
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(answer).isZero();
        assertThat(answer).contains("\"status\":\"kept\"");
        return answer;
    }
}
