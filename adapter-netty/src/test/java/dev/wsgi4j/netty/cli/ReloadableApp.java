package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.netty.RawHttp;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class {@code reload.Greeter}, compiled at test time into a directory that a test gives as {@code --classpath},
 * in variants a reload is to pick up: one that answers a word (body and header {@code X-Word}) and, at close(),
 * sets the system property {@code wsgi4j.test.closed.WORD}; one whose constructor throws; one that is no
 * application at all. Not on the test class path, so that only a {@code --classpath} loader can find it.
 */
final class ReloadableApp {

    static final String CLASS = "reload.Greeter";

    private ReloadableApp() {
    }

    /** Writes the variant that answers {@code word} into {@code classes}, replacing whatever Greeter was there. */
    static void answering(Path classes, String word) throws Exception {
        compile(classes, """
                package reload;
                public class Greeter implements dev.wsgi4j.Application, AutoCloseable {
                    public Iterable<byte[]> call(java.util.Map<String, Object> env, dev.wsgi4j.StartResponse sr) {
                        sr.start("200 OK", java.util.List.of(dev.wsgi4j.Header.of("X-Word", "%1$s")));
                        return java.util.List.of("%1$s".getBytes());
                    }
                    public void close() {
                        System.setProperty("wsgi4j.test.closed.%1$s", "yes");
                    }
                }
                """.formatted(word));
    }

    /** Writes a Greeter whose constructor throws. */
    static void throwingInConstructor(Path classes) throws Exception {
        compile(classes, """
                package reload;
                public class Greeter implements dev.wsgi4j.Application {
                    public Greeter() {
                        throw new IllegalStateException("no configuration for the greeter");
                    }
                    public Iterable<byte[]> call(java.util.Map<String, Object> env, dev.wsgi4j.StartResponse sr) {
                        return java.util.List.of();
                    }
                }
                """);
    }

    /** Writes a Greeter that does not implement Application. */
    static void notAnApplication(Path classes) throws Exception {
        compile(classes, """
                package reload;
                public class Greeter {
                }
                """);
    }

    private static void compile(Path classes, String source) throws Exception {
        Path sources = Files.createTempDirectory("greeter-src");
        Path src = sources.resolve("Greeter.java");
        try {
            Files.writeString(src, source);
            Files.createDirectories(classes);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            String core = Path.of(Application.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int status = javac.run(null, null, diagnostics, "-d", classes.toString(), "-cp", core, src.toString());
            assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(sources);
        }
    }

    /** GETs {@code /} from {@code port} on a new connection; the {@code X-Word} header and the body. */
    static String word(int port) throws Exception {
        try (RawHttp client = new RawHttp(port)) {
            RawHttp.Response r = client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            return r.header("X-Word") + " " + r.text();
        }
    }
}
