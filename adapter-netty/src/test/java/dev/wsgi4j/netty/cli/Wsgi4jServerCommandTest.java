package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line without serving: parsing, mapping onto ServerConfig, --config, --check-config, errors. */
class Wsgi4jServerCommandTest extends CommandLineTest {


    @Test
    void helpListsEveryOptionAndWhyThereIsNoWorkersOption() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: wsgi4j-server", "APP", "--bind=HOST:PORT", "--io-threads=N",
                "--threads=N", "--executor=pool|virtual|inline|single", "--keep-alive=DURATION", "--graceful-timeout",
                "--limit-request-line", "--limit-request-fields", "--limit-request-field-size", "--max-body",
                "--classpath=PATHS", "--config=FILE", "--check-config", "There is no --workers", "SIGTERM",
                "default: 127.0.0.1:8000");
    }

    @Test
    void withoutOptionsTheServerHasServerConfigsDefaultsOnGunicornsAddress() {
        ServerOptions options = parse(HELLO);

        ServerConfig expected = ServerConfig.builder().host("127.0.0.1").port(8000).build();
        assertThat(options.toConfig()).usingRecursiveComparison().isEqualTo(expected);
        assertThat(options.gracefulTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void eachOptionSetsItsServerConfigSetting() {
        ServerOptions options = parse("--bind", "[::1]:9000", "--io-threads", "3", "--threads", "40",
                "--executor", "virtual", "--keep-alive", "1500ms", "--graceful-timeout", "2m",
                "--limit-request-line", "4094", "--limit-request-fields", "50", "--limit-request-field-size", "20000",
                "--max-body", "10m", HELLO);
        ServerConfig c = options.toConfig();

        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.ioThreads()).isEqualTo(3);
        assertThat(c.workerThreads()).isEqualTo(40);
        assertThat(c.executor()).isEqualTo(ExecutorKind.VIRTUAL);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.gracefulTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.maxRequestLineLength()).isEqualTo(4094);
        assertThat(c.maxHeaderCount()).isEqualTo(50);
        assertThat(c.maxHeaderFieldSize()).isEqualTo(20000);
        assertThat(c.maxHeaderBlockSize()).as("the head holds at least one such field").isEqualTo(20000);
        assertThat(c.maxBodySize()).isEqualTo(10L << 20);
    }

    @Test
    void environPairsAreAddedInOrderAsUtf8NativeStringsAndSingleTurnsMultithreadOff() {
        ServerConfig c = parse("--environ", "APP_MODE=staging", "--environ", "greeting=h\u00E9llo=x",
                "--executor", "single", HELLO).toConfig();

        assertThat(c.environ()).containsExactly(Map.entry("APP_MODE", "staging"),
                Map.entry("greeting", dev.wsgi4j.Environ.encode("h\u00E9llo=x")));
        assertThat(dev.wsgi4j.Environ.decode(c.environ().get("greeting"))).isEqualTo("h\u00E9llo=x");
        assertThat(c.executor()).isEqualTo(ExecutorKind.SINGLE);
        assertThat(c.deploymentEnviron().multithread()).isFalse();
        assertThat(parse(HELLO).toConfig().deploymentEnviron().multithread()).isTrue();
    }

    @Test
    void aConfigFileGivesOneEnvironPairAndCheckConfigNamesThePairsButNotTheirValues(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("wsgi4j.properties");
        Files.writeString(file, "environ=SECRET_TOKEN=s3cr3t\n");

        assertThat(run("--config", file.toString(), "--check-config", HELLO)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("environ: SECRET_TOKEN").doesNotContain("s3cr3t");
        out.getBuffer().setLength(0);
        assertThat(run("--environ", "A=1", "--environ", "B=2", "--check-config", HELLO)).isZero();
        assertThat(out.toString()).contains("environ: A, B");
    }

    @Test
    void checkConfigLoadsTheApplicationPrintsTheSettingsAndExitsZero() {
        int code = run("--check-config", "--bind", "0.0.0.0:9001", "--executor", "inline", "--io-threads", "2",
                "--keep-alive", "90", TestApps.class.getName() + "::method");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("application: " + TestApps.class.getName() + "::method",
                "bind: 0.0.0.0:9001", "executor: inline, io-threads: 2", "keep-alive: 90s",
                "graceful-timeout: 30s", "max-body: 1073741824");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theConfigFileSetsOptionsAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wsgi4j.properties");
        Files.writeString(file, "bind=127.0.0.1:9000\nkeep-alive=10s\nthreads=7\nexecutor=virtual\n");

        int code = run("--config", file.toString(), "--threads", "9", "--check-config", HELLO);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("bind: 127.0.0.1:9000", "executor: virtual", "keep-alive: 10s")
                .doesNotContain("threads: 7");

        out.getBuffer().setLength(0);
        code = run("--config=" + file, "--bind", "127.0.0.1:9100", "--executor", "pool", "--check-config", HELLO);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("bind: 127.0.0.1:9100", "executor: pool, threads: 7");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"                                   | Missing required parameter: 'APP'",
            "--bogus HELLO                          | Unknown option: '--bogus'",
            "--workers 4 HELLO                      | there is no --workers: one JVM process runs requests on every core",
            "--keep-alive 5x HELLO                  | Invalid value for option '--keep-alive': '5x' is not a duration",
            "--keep-alive 0 HELLO                   | --keep-alive must be longer than 0",
            "--threads 0 HELLO                      | --threads must be in 1..100000: 0",
            "--threads many HELLO                   | Invalid value for option '--threads'",
            "--limit-request-line 10 HELLO          | --limit-request-line must be in 64..",
            "--executor forked HELLO                | 'forked' is not an executor (pool, virtual, inline or single)",
            "--environ NOEQUALS HELLO               | --environ NAME=VALUE: 'NOEQUALS' has no '='",
            "--environ REMOTE_ADDR=1.2.3.4 HELLO    | --environ: REMOTE_ADDR is set by the server from the request",
            "--environ HTTP_X=1 HELLO               | --environ: HTTP_X is set by the server from the request",
            "--environ wsgi.run_once=1 HELLO        | --environ: wsgi.run_once: the wsgi. and wsgi4j. prefixes are the server's",
            "--environ A=1 --environ A=2 HELLO      | --environ A is given twice",
            "--bind localhost HELLO                 | 'localhost' is not HOST:PORT",
            "--bind unix: HELLO                     | 'unix:' names no socket file",
            "--bind 127.0.0.1:1 --bind 127.0.0.1:1 HELLO | --bind 127.0.0.1:1 is given twice",
            "--transport kqueue HELLO               | 'kqueue' is not a transport (auto, nio, epoll or io_uring)",
            "--backlog 0 HELLO                      | --backlog must be in 1..65535: 0",
            "--max-connections 0 HELLO              | --max-connections must be in 1..",
            "--send-timeout 0 HELLO                 | --send-timeout must be longer than 0",
            "--in-memory-body 4g HELLO              | --in-memory-body must be in 0..1073741824: 2147483647",
            "--max-pipelined-requests 0 HELLO       | --max-pipelined-requests must be in 1..1024: 0",
            "--pool-parallelism 500 HELLO           | --pool-parallelism must be in 0..200: 500",
            "--classpath /nonexistent/app.jar HELLO | --classpath entry /nonexistent/app.jar does not exist",
            "com.example.Missing                    | cannot load APP com.example.Missing: class com.example.Missing not found",
            "java.lang.String                       | java.lang.String does not implement dev.wsgi4j.Application",
            "NEEDS_ARGUMENT                         | has no public no-argument constructor",
            "APPS::NOT_AN_APP                       | gives a java.lang.String, not a dev.wsgi4j.Application",
            "APPS::failing                          | failed: java.lang.IllegalStateException: no database at all",
    })
    void aUsageProblemIsOneLineOnStandardErrorAndExitStatus2(String args, String message) {
        String line = args.replace("NEEDS_ARGUMENT", TestApps.NeedsArgument.class.getName())
                .replace("APPS", TestApps.class.getName()).replace("HELLO", HELLO);
        int code = run(line.isEmpty() ? new String[0] : line.split(" "));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("wsgi4j-server: ").contains(message).doesNotContain("\tat ")
                .hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anAddressThatCannotBeBoundIsOneLineAndExitStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("--bind", "127.0.0.1:" + taken.getLocalPort(), HELLO);

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).startsWith("wsgi4j-server: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasLineCount(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "bnid=127.0.0.1:9000   | unknown key 'bnid'",
            "keep-alive=forever    | : key 'keep-alive': 'forever' is not a duration",
            "threads=0             | : key 'threads': must be in 1..100000: 0",
            "send-timeout=0        | : key 'send-timeout': must be longer than 0",
            "bind=localhost        | : key 'bind': 'localhost' is not HOST:PORT or unix:PATH",
    })
    void aBadConfigFileIsOneLineAndExitStatus2(String content, String message, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, content + "\n");

        assertThat(run("--config", file.toString(), "--check-config", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains(message).hasLineCount(1).doesNotContain("option '--");
        if (message.startsWith(":")) {
            assertThat(err.toString()).startsWith("wsgi4j-server: --config " + file + message);
        }
    }

    @Test
    void aMissingConfigFileIsOneLineAndExitStatus2(@TempDir Path dir) {
        assertThat(run("--config", dir.resolve("none.properties").toString(), HELLO)).isEqualTo(2);
        assertThat(err.toString()).startsWith("wsgi4j-server: --config ").contains("cannot read it")
                .hasLineCount(1);
    }
}
