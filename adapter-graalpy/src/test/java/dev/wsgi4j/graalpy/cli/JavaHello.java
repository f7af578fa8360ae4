package dev.wsgi4j.graalpy.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A Java APP for the wsgi4j-python tests to mount beside Python ones. */
public final class JavaHello implements Application {

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) {
        startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(("java SCRIPT_NAME=" + environ.get("SCRIPT_NAME") + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
