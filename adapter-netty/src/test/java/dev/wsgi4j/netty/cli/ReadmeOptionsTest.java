package dev.wsgi4j.netty.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option {@code wsgi4j-server --help} lists is in README's option table, and every option the table lists is
 * one the command knows: the two are the user's reference and must not drift apart.
 */
class ReadmeOptionsTest {

    /** The repository's README; tests run in the module's directory. */
    private static final Path README = Path.of("..", "README.md");
    /** The option a table row starts with: {@code | `--bind HOST:PORT` | ...} gives {@code --bind}. */
    private static final Pattern ROW_OPTION = Pattern.compile("^\\| `(--[a-z0-9-]+)");

    @Test
    void everyOptionInHelpIsInTheReadmeTableAndEveryRowIsAnOption() throws Exception {
        List<String> rows = optionTable().stream().filter(line -> line.startsWith("| `--")).toList();
        List<OptionSpec> options = Wsgi4jServer.commandLine(new Wsgi4jServer(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).getCommandSpec().options();

        List<String> missing = new ArrayList<>();
        for (OptionSpec option : options) {
            if (option.hidden() || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String name = option.longestName();
            if (rows.stream().noneMatch(row -> row.contains("`" + name + "`") || row.contains("`" + name + " ")
                    || row.contains("(`" + name + "`)"))) {
                missing.add(name);
            }
        }
        assertThat(missing).as("options of --help that README's table lacks").isEmpty();

        List<String> unknown = new ArrayList<>();
        for (String row : rows) {
            Matcher m = ROW_OPTION.matcher(row);
            String name = m.find() ? m.group(1) : row;
            boolean known = options.stream().anyMatch(o -> List.of(o.names()).contains(name));
            if (!known) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("README rows naming no option of the command").isEmpty();
    }

    /**
     * The lines of README's section "Serve your own application", which holds wsgi4j-server's option table; other
     * commands' tables (wsgi4j-python's, in "Serving a Python WSGI application") are checked by their own modules.
     */
    private static List<String> optionTable() throws Exception {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = lines.indexOf("## Serve your own application");
        assertThat(start).as("README's section \"Serve your own application\"").isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start, end);
    }
}
