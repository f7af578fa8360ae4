package dev.wsgi4j.netty.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment recipes in {@code deploy/} stay true to the server: their command lines parse with
 * {@code wsgi4j-server}'s own parser (without serving), and their stop timeouts leave room for
 * {@code --graceful-timeout}. A recipe edited into nonsense, or an option renamed under it, fails here.
 */
class DeployRecipesTest extends CommandLineTest {

    /** The repository's deploy/ directory; tests run in the module's directory. */
    private static final Path DEPLOY = Path.of("..", "deploy");

    private static String read(String name) throws IOException {
        return Files.readString(DEPLOY.resolve(name), StandardCharsets.UTF_8);
    }

    /** The value of the unit file's {@code key=} line, its continuation lines joined. */
    private static String unitValue(String unit, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "=((?:.*\\\\\\n)*.*)$").matcher(unit);
        assertThat(m.find()).as("%s= in wsgi4j.service", key).isTrue();
        return m.group(1).replaceAll("\\\\\\n", " ").trim();
    }

    /** The arguments after {@code -jar JAR} in a command line. */
    private static String[] afterJar(List<String> command) {
        int jar = command.indexOf("-jar");
        assertThat(jar).as("-jar in %s", command).isNotNegative();
        assertThat(command.get(jar + 1)).endsWith("/wsgi4j-server.jar");
        return command.subList(jar + 2, command.size()).toArray(String[]::new);
    }

    @Test
    void theSystemdUnitsCommandParsesAndItsStopTimeoutOutlastsTheGracefulTimeout() throws IOException {
        String unit = read("wsgi4j.service");
        Wsgi4jServer command = parseCommand(afterJar(Arrays.asList(unitValue(unit, "ExecStart").split("\\s+"))));

        assertThat(command.app).isEqualTo("com.example.App");
        Duration grace = command.options.gracefulTimeout();
        Duration stopTimeout = OptionValues.duration(unitValue(unit, "TimeoutStopSec"));
        assertThat(stopTimeout).as("TimeoutStopSec against --graceful-timeout").isGreaterThan(grace);
        assertThat(unitValue(unit, "KillSignal")).isEqualTo("SIGTERM");
        assertThat(unitValue(unit, "ExecReload")).isEqualTo("/bin/kill -HUP $MAINPID");
        assertThat(command.options.accessLog).startsWith("/var/log/" + unitValue(unit, "LogsDirectory") + "/");
    }

    @Test
    void logrotateRotatesTheUnitsLogsAndSendsItsMainProcessUsr1() throws IOException {
        String unit = read("wsgi4j.service");
        String logrotate = read("logrotate-wsgi4j");
        String accessLog = parseCommand(afterJar(Arrays.asList(unitValue(unit, "ExecStart").split("\\s+"))))
                .options.accessLog;

        Matcher glob = Pattern.compile("(?m)^(/\\S+)\\s*\\{").matcher(logrotate);
        assertThat(glob.find()).isTrue();
        assertThat(Path.of(accessLog).getFileSystem().getPathMatcher("glob:" + glob.group(1))
                .matches(Path.of(accessLog))).as("%s rotates %s", glob.group(1), accessLog).isTrue();
        assertThat(logrotate).containsPattern(
                "(?s)postrotate\\s+.*systemctl kill --kill-who=main --signal=USR1 wsgi4j\\.service.*endscript");
    }

    @Test
    void theKubernetesArgumentsParseAndTheGracePeriodCoversPreStopAndTheGracefulTimeout() throws IOException {
        String deployment = read("k8s/deployment.yaml");
        List<String> command = new ArrayList<>(flowList(deployment, "command"));
        command.addAll(flowList(deployment, "args"));
        // --health-path is the health endpoint's option, built on another branch of the same issue.
        Wsgi4jServer parsed = parseCommand(afterJar(command));

        int grace = intValue(deployment, "terminationGracePeriodSeconds");
        List<String> preStop = flowList(deployment.substring(deployment.indexOf("preStop:")), "command");
        assertThat(preStop.get(0)).isEqualTo("sleep");
        Duration needed = Duration.ofSeconds(Long.parseLong(preStop.get(1)))
                .plus(parsed.options.gracefulTimeout());
        assertThat(Duration.ofSeconds(grace)).as("terminationGracePeriodSeconds against preStop + --graceful-timeout")
                .isGreaterThan(needed);
        assertThat(parsed.options.keepAlive).as("--keep-alive no longer than preStop's sleep")
                .isLessThanOrEqualTo(Duration.ofSeconds(Long.parseLong(preStop.get(1))));
        String healthPath = command.get(command.indexOf("--health-path") + 1);
        assertThat(deployment).contains("readinessProbe:\n            httpGet:\n              path: " + healthPath)
                .contains("livenessProbe:\n            httpGet:\n              path: " + healthPath);
        String bind = command.get(command.indexOf("--bind") + 1);
        assertThat(bind).isEqualTo("0.0.0.0:" + intValue(deployment, "containerPort"));
    }

    /** The strings of a flow sequence {@code key: ["a", "b", ...]}, which may span lines. */
    private static List<String> flowList(String yaml, String key) {
        Matcher m = Pattern.compile("\\b" + key + ":\\s*\\[([^]]*)]").matcher(yaml);
        assertThat(m.find()).as("%s: [...]", key).isTrue();
        List<String> out = new ArrayList<>();
        Matcher s = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
        while (s.find()) {
            out.add(s.group(1));
        }
        return out;
    }

    private static int intValue(String yaml, String key) {
        Matcher m = Pattern.compile("\\b" + key + ":\\s*(\\d+)").matcher(yaml);
        assertThat(m.find()).as("%s:", key).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
