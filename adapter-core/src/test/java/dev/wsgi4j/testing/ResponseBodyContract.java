package dev.wsgi4j.testing;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wsgi4j.testing.ContractApps.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The half of {@link ApplicationContract} about response bodies: lazy and legacy-write bodies, close(), the
 * Content-Length promise, bodiless statuses and file bodies. Servers subclass {@link ApplicationContract}, not this.
 */
public abstract class ResponseBodyContract {

    protected abstract ApplicationRunner runner();

    protected TestResponse send(Application app, TestRequest.Builder request) throws Exception {
        return runner().send(app, request.build());
    }

    @Test
    void legacyWriteFollowedByAnEmptyIterableSendsTheWrittenBytes() throws Exception {
        Application legacy = (environ, start) -> {
            var write = start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            write.write("written ".getBytes(StandardCharsets.UTF_8));
            write.write("twice".getBytes(StandardCharsets.UTF_8));
            return List.of();
        };

        TestResponse r = send(legacy, TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("written twice");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void lazyIterableBodyIsSentInFull() throws Exception {
        Application lazy = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return ContractApps.lazy("one,", "two,", "", "three");
        };

        TestResponse r = send(lazy, TestRequest.get("/"));

        assertThat(r.text()).isEqualTo("one,two,three");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void startResponseMayBeCalledOnTheFirstIteration() throws Exception {
        Application generator = (environ, start) -> ContractApps.lazyStarting(start, "late ", "start");

        TestResponse r = send(generator, TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("late start");
    }

    @Test
    void bodyIsClosedExactlyOnce() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        Application app = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return ContractApps.closeCounting(closes, "closed");
        };

        TestResponse r = send(app, TestRequest.get("/"));

        assertThat(r.text()).isEqualTo("closed");
        ContractApps.awaitCount(closes, 1);
    }

    @Test
    void bodyIsClosedExactlyOnceWhenItFailsMidway() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        Application app = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return ContractApps.closeCounting(closes, "partial", null);
        };

        TestResponse r = send(app, TestRequest.get("/"));

        assertThat(r.truncated()).isTrue();
        ContractApps.awaitCount(closes, 1);
    }

    @Test
    void contentLengthLongerThanTheBodyCutsTheResponse() throws Exception {
        TestResponse r = send(text("200 OK", "10", "short"), TestRequest.get("/"));

        assertThat(r.truncated()).isTrue();
    }

    @Test
    void contentLengthShorterThanTheBodySendsOnlyTheDeclaredBytes() throws Exception {
        TestResponse r = send(text("200 OK", "4", "longer body"), TestRequest.get("/"));

        assertThat(r.text()).isEqualTo("long");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void noContentResponseHasNoBody() throws Exception {
        TestResponse r = send(text("204 No Content", null, "dropped"), TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void fileWrapperBodyIsSentWhole(@TempDir Path dir) throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("data.bin"), content);
        Application files = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "application/octet-stream")));
            return Environ.fileWrapper(environ).wrap(new FileInputStream(file.toFile()));
        };

        TestResponse r = send(files, TestRequest.get("/data.bin"));

        assertThat(r.header("Content-Length")).isEqualTo("300000");
        assertThat(r.body()).isEqualTo(content);
    }

    @Test
    void fileWrapperBodyStartsAtTheStreamsCurrentPosition(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("skip.txt"), "0123456789rest of the file");
        Application files = (environ, start) -> {
            FileInputStream in = new FileInputStream(file.toFile());
            in.skipNBytes(10);
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return Environ.fileWrapper(environ).wrap(in);
        };

        TestResponse r = send(files, TestRequest.get("/skip.txt"));

        assertThat(r.text()).isEqualTo("rest of the file");
        assertThat(r.header("Content-Length")).isEqualTo("16");
    }
}
