package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** The small applications and bodies the statements are made of. */
public final class KitApps {

    /** How long a statement waits for something the server does after the response (a close, a call). */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private KitApps() {
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Starts {@code 200 OK} as plain text and returns {@code text} as a one-item list body. */
    public static Iterable<byte[]> respond(StartResponse start, String text) {
        start.start("200 OK", List.of(new Header("Content-Type", "text/plain; charset=utf-8")));
        return List.of(utf8(text));
    }

    /** Answers every request with {@code text}. */
    public static Application text(String text) {
        return (environ, start) -> respond(start, text);
    }

    /** Answers with what {@code reply} makes of the environ. */
    public static Application replying(Function<Map<String, Object>, String> reply) {
        return (environ, start) -> respond(start, reply.apply(environ));
    }

    /** A lazy body (no {@code Collection}, so no length to trust) of {@code chunks}, empty ones included. */
    public static Iterable<byte[]> lazy(String... chunks) {
        return () -> Arrays.stream(chunks).map(KitApps::utf8).iterator();
    }

    /** Waits until {@code condition} holds, failing after {@link #PATIENCE}. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
