package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.Write;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Sends its body through the legacy {@code write()} callable that start_response returns, then returns an empty
 * iterable (PEP 3333 "The write() Callable"). It exists for old frameworks; new code returns an iterable.
 */
public final class WriteApp implements Application {

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        Write write = startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
        write.write(line("this body was sent through write(),"));
        write.write(line("one call per line, before the application returned."));
        return List.of();
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
