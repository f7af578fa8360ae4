package dev.wsgi4j.graalpy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import org.junit.jupiter.api.Test;

/**
 * The {@code --python*} options {@code wsgi4j-python --help} lists and the table of README's section "The
 * wsgi4j-python command" are the same set: the user's two references must not drift apart.
 */
class ReadmePythonOptionsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern ROW_OPTION = Pattern.compile("^\\| `(--[a-z0-9-]+)");

    @Test
    void everyPythonOptionIsInTheReadmeTableAndEveryRowIsOne() throws Exception {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = lines.indexOf("### The `wsgi4j-python` command");
        assertThat(start).as("README's section on wsgi4j-python").isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        List<String> rows = lines.subList(start, end).stream()
                .map(ROW_OPTION::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
        List<String> options = CommandSpec.forAnnotatedObject(new PythonScheme()).options().stream()
                .map(OptionSpec::longestName).toList();

        assertThat(rows).containsExactlyInAnyOrderElementsOf(options);
    }
}
