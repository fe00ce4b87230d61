package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.testing.DebianPackages;
import dev.callpop.service.testing.DocumentedAnswers;
import dev.callpop.service.testing.LocalCallpop;

/**
 * Every shell example of the README's API part ("The API" up to "Settings": Examples, Phone look-up, Pop preferences,
 * Sign-in, Errors, Call logs) run as it is written, in order, with bash and curl against the packaged application in the
 * local profile, with {@code TOKEN} from {@code dev/local-token.sh} as the README says (on a free port instead of 8080).
 * The answer a command is shown with (the comment lines after it that start with <code>{</code>, {@code …} or a
 * status followed by one of these, and the lines indented under them) must be its answer: as JSON where the shown
 * answer is JSON ({@link DocumentedAnswers}), else as text in which {@code …} stands for anything. A command shown
 * with a status must answer it. Needs bash, curl and jq (installed with {@code apt-get} when missing, as root).
 */
class ReadmeExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SHOWN = Pattern.compile("(?:(\\d{3}) )?([{…].*)");

    /** One command of a README block, and the answer it is shown with (if any). */
    record Example(String command, Integer status, String answer) {
    }

    @Test
    void everyApiExampleOfTheReadmeAnswersAsShown() throws Exception {
        DebianPackages.ensure(Path.of("/usr/bin/curl"), "curl", "The README's examples");
        DebianPackages.ensure(Path.of("/usr/bin/jq"), "jq", "The README's examples");
        List<Example> examples = examples(apiPart(Files.readString(Path.of("README.md"))));
        assertThat(examples).as("the README's API examples").hasSizeGreaterThanOrEqualTo(15);
        assertThat(examples.stream().filter(example -> example.answer() != null)).as("examples shown with their answer").hasSizeGreaterThanOrEqualTo(14);
        Path workDir = Files.createTempDirectory("callpop-readme");
        Path headers = workDir.resolve(".headers");
        List<String> differences = new ArrayList<>();
        try (LocalCallpop callpop = LocalCallpop.start()) {
            for (Example example : examples) {
                String command = callpop.onThisPort(example.command());
                Files.deleteIfExists(headers);
                ProcessBuilder bash = new ProcessBuilder("bash", "-c", "set -o pipefail\n"
                        + "curl() { command curl -D \"$README_HEADERS\" \"$@\"; }\n" + command)
                        .directory(workDir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
                bash.environment().put("TOKEN", callpop.token());
                bash.environment().put("README_HEADERS", headers.toString());
                Process process = bash.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String where = "README: " + String.join(" ", example.command().lines().limit(2).toList());
                if (process.exitValue() != 0) {
                    differences.add(where + ": exit " + process.exitValue() + ": " + output);
                    continue;
                }
                if (example.status() != null) {
                    String status = lastStatus(Files.readString(headers));
                    if (!status.equals(example.status().toString())) {
                        differences.add(where + ": status " + status + ", shown " + example.status());
                    }
                }
                if (example.answer() != null) {
                    differences.addAll(compare(callpop.onThisPort(example.answer()), output).stream().map(d -> where + ": " + d).toList());
                }
            }
        }
        assertThat(differences).as("README examples that do not answer as shown").isEmpty();
    }

    /** From "## The API" to the next part after it that is not about the API ("## Settings"). */
    static String apiPart(String readme) {
        int start = readme.indexOf("\n## The API\n");
        int end = readme.indexOf("\n## Settings\n");
        assertThat(start).as("README has \"## The API\"").isPositive();
        assertThat(end).as("README has \"## Settings\" after it").isGreaterThan(start);
        return readme.substring(start, end);
    }

    /** The commands of every shell block, each with the answer shown after it. */
    static List<Example> examples(String part) {
        List<Example> examples = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(part);
        while (block.find()) {
            List<String> lines = block.group(1).lines().toList();
            int i = 0;
            while (i < lines.size()) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    i++;
                    continue;
                }
                StringBuilder command = new StringBuilder(line);
                // A command goes on while a line ends with a backslash or a single-quoted body is open.
                while ((command.toString().endsWith("\\") || quotes(command) % 2 == 1) && i + 1 < lines.size()) {
                    command.append('\n').append(lines.get(++i));
                }
                i++;
                Integer status = null;
                StringBuilder answer = null;
                while (i < lines.size() && lines.get(i).startsWith("#")) {
                    String comment = lines.get(i).substring(1);
                    Matcher shown = SHOWN.matcher(comment.strip());
                    if (answer == null && comment.startsWith(" ") && !comment.startsWith("  ") && shown.matches()) {
                        status = shown.group(1) == null ? null : Integer.valueOf(shown.group(1));
                        answer = new StringBuilder(shown.group(2));
                    } else if (answer != null && comment.startsWith("  ")) {
                        answer.append(comment.strip());
                    } else if (answer != null) {
                        break;
                    }
                    i++;
                }
                examples.add(new Example(command.toString(), status, answer == null ? null : answer.toString()));
            }
        }
        return examples;
    }

    private static long quotes(CharSequence text) {
        return text.chars().filter(c -> c == '\'').count();
    }

    private static List<String> compare(String shown, String output) throws JsonProcessingException {
        JsonNode documented;
        try {
            documented = JSON.readTree(shown);
        } catch (JsonProcessingException e) {
            String text = shown.replaceAll("\\s*" + DocumentedAnswers.ANYTHING + "\\s*", DocumentedAnswers.ANYTHING);
            return DocumentedAnswers.fits(text, output) ? List.of() : List.of("answered " + output + ", shown " + shown);
        }
        try {
            return DocumentedAnswers.differences(documented, JSON.readTree(output));
        } catch (JsonProcessingException e) {
            return List.of("answered " + output + ", shown " + shown);
        }
    }

    private static String lastStatus(String headers) {
        Matcher status = Pattern.compile("HTTP/[\\d.]+ (\\d{3})").matcher(headers);
        String last = "none";
        while (status.find()) {
            last = status.group(1);
        }
        return last;
    }
}
