package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AppSchemes}: a module's own kind of APP, {@code SCHEME:SPEC}, as the positional APP, a {@code --mount}, an
 * option of the scheme's own and SIGHUP's reload, through the command as {@code Wsgi4jServer.run} runs it.
 */
class AppSchemesTest extends CommandLineTest {

    /** A scheme as a module would write one: its own options, one of which names the root APP. */
    public static final class FakeScheme implements AppScheme {

        @Option(names = "--fake", paramLabel = "NAME", description = "Serve the fake application NAME.")
        String fake;

        @Option(names = "--fake-greeting", paramLabel = "TEXT", defaultValue = "hi",
                description = "What every fake application says first (default: ${DEFAULT-VALUE}).")
        String greeting;

        /** Each SPEC {@link #load} was given, in order. */
        final List<String> loaded = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Application load(String spec) {
            if (spec.equals("missing")) {
                throw new IllegalArgumentException("no fake application is called 'missing'");
            }
            loaded.add(spec);
            return TestApps.answering(greeting + " from " + spec + " #" + loaded.size());
        }

        @Override
        public String appFromOption() {
            return fake;
        }

        @Override
        public String describe() {
            return "fake-greeting: " + greeting;
        }
    }

    private final FakeScheme scheme = new FakeScheme();

    private int runWithScheme(String... args) {
        return Wsgi4jServer.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                cl -> AppSchemes.add(cl, scheme));
    }

    @Test
    void aPositionalAppWithTheSchemeIsLoadedByItAndCheckConfigShowsItsSettings() {
        int code = runWithScheme("--check-config", "--fake-greeting", "hello", "fake:one");

        assertThat(code).as(err.toString()).isZero();
        assertThat(scheme.loaded).containsExactly("one");
        assertThat(out.toString()).contains("application: fake:one (an instance of ", "fake-greeting: hello");
    }

    @Test
    void theSchemesOptionNamesTheRootAppAndAMountBesideAJavaMountUsesTheSchemeToo() {
        int code = runWithScheme("--check-config", "--fake", "root", "--mount", "/f=fake:mounted",
                "--mount", "/j=" + HELLO);

        assertThat(code).as(err.toString()).isZero();
        assertThat(scheme.loaded).containsExactly("root", "mounted");
        assertThat(out.toString()).contains("application: fake:root (an instance of ",
                "mount: /f = fake:mounted", "mount: /j = " + HELLO, "fake-greeting: hi");
    }

    @Test
    void aJavaAppAndClassMemberStayJavaAndTheSchemesSettingsAreNotShownWhenNoAppUsesIt() {
        int code = runWithScheme("--check-config", TestApps.class.getName() + "::method");

        assertThat(code).as(err.toString()).isZero();
        assertThat(scheme.loaded).isEmpty();
        assertThat(out.toString()).contains("application: " + TestApps.class.getName() + "::method")
                .doesNotContain("fake-greeting");
    }

    @Test
    void theSchemesOptionsAreInHelpAndAreConfigFileKeys(@TempDir Path dir) throws Exception {
        assertThat(runWithScheme("--help")).isZero();
        assertThat(out.toString()).contains("--fake=NAME", "--fake-greeting=TEXT").containsPattern("default:\\s+hi\\)");

        Path file = dir.resolve("wsgi4j.properties");
        Files.writeString(file, "fake=configured\nfake-greeting=hey\n");
        out.getBuffer().setLength(0);
        assertThat(runWithScheme("--config", file.toString(), "--check-config")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("application: fake:configured", "fake-greeting: hey");
    }

    @Test
    void appAndTheSchemesOptionTogetherAreAUsageError() {
        assertThat(runWithScheme("--check-config", "--fake", "one", HELLO)).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("wsgi4j-server: give the application once: APP " + HELLO
                + " and --fake one both name one (see --help)");
        assertThat(scheme.loaded).isEmpty();
    }

    @Test
    void anUnknownSchemeOrAFailingLoadIsOneLineAndStatus2() {
        assertThat(runWithScheme("--check-config", "python:app:application")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("wsgi4j-server: cannot load APP python:app:application: "
                + "unknown APP scheme 'python:' (known: fake; a Java APP is CLASS or CLASS::MEMBER) (see --help)");

        err.getBuffer().setLength(0);
        assertThat(runWithScheme("--check-config", "--mount", "/m=fake:missing")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("wsgi4j-server: --mount /m: cannot load APP fake:missing: "
                + "no fake application is called 'missing' (see --help)");

        err.getBuffer().setLength(0);
        assertThat(runWithScheme("--check-config", "fake:")).isEqualTo(2);
        assertThat(err.toString()).contains("APP 'fake:' names nothing after 'fake:'");
    }

    @Test
    void withoutAnySchemeAnAppWithASchemeIsRefusedAsUnknown() {
        assertThat(run("--check-config", "python:app")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown APP scheme 'python:' (this command knows none; a Java APP is "
                + "CLASS or CLASS::MEMBER)");
    }

    @Test
    void aSchemeIsAddedOnceWithALowerCaseNameToWsgi4jServerOnly() {
        CommandLine cl = Wsgi4jServer.commandLine(new Wsgi4jServer(), new PrintWriter(out), new PrintWriter(err));
        AppSchemes.add(cl, scheme);
        assertThatThrownBy(() -> AppSchemes.add(cl, new FakeScheme())).hasMessageContaining("added twice");
        assertThatThrownBy(() -> AppSchemes.add(new CommandLine(new FakeScheme()), scheme))
                .hasMessageContaining("not a wsgi4j-server command");
    }

    @Test
    void aReloadLoadsTheSchemesApplicationAfresh() throws Exception {
        AppSchemes schemes = parseWithScheme();
        ClassLoader loader = getClass().getClassLoader();
        GatewayServer server = new GatewayServer(new AppLoader(loader, schemes).load("fake:site"),
                ServerConfig.builder().port(0).build()).start();
        try {
            assertThat(get(server.port())).isEqualTo("hi from site #1");
            new AppReloader("fake:site", null, loader, loader, server, schemes).reload()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(get(server.port())).isEqualTo("hi from site #2");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** The schemes of a command that was given {@link #scheme} and parsed its (default) options. */
    private AppSchemes parseWithScheme() {
        Wsgi4jServer command = new Wsgi4jServer();
        CommandLine cl = Wsgi4jServer.commandLine(command, new PrintWriter(out), new PrintWriter(err));
        AppSchemes.add(cl, scheme);
        cl.parseArgs();
        return command.schemes;
    }

    private static String get(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
