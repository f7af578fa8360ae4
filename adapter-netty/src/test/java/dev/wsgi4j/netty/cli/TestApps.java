package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Applications, and things that are not, for APP to name in the tests. */
public final class TestApps {

    public static final Application FIELD = answering("from a field");
    public static final String NOT_AN_APP = "not an application";
    public static final Application NULL_FIELD = null;
    public final Application instanceField = answering("from an instance field");

    private TestApps() {
    }

    public static Application method() {
        return answering("from a method");
    }

    public static Application failing() {
        throw new IllegalStateException("no database\nat all");
    }

    static Application answering(String text) {
        return (environ, startResponse) -> {
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(text.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** {@code dev.wsgi4j.netty.cli.TestApps$Hello}: an application class. */
    public static final class Hello implements Application {
        @Override
        public Iterable<byte[]> call(java.util.Map<String, Object> environ, dev.wsgi4j.StartResponse sr)
                throws Exception {
            return answering("hello").call(environ, sr);
        }
    }

    /** {@code dev.wsgi4j.netty.cli.TestApps$Echo}: answers its method, path, body length and the body's hash. */
    public static final class Echo implements Application {
        @Override
        public Iterable<byte[]> call(java.util.Map<String, Object> environ, dev.wsgi4j.StartResponse sr)
                throws Exception {
            byte[] body = dev.wsgi4j.Environ.input(environ).readAllBytes();
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            String text = environ.get("REQUEST_METHOD") + " " + environ.get("PATH_INFO") + " " + body.length + " "
                    + java.util.Arrays.hashCode(body);
            return List.of(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Implements Application but can only be built with an argument. */
    public static final class NeedsArgument implements Application {
        public NeedsArgument(String name) {
        }

        @Override
        public Iterable<byte[]> call(java.util.Map<String, Object> environ, dev.wsgi4j.StartResponse sr) {
            return List.of();
        }
    }

    /** Has a public no-argument constructor but is no application. */
    public static final class NotAnApplication {
    }
}
