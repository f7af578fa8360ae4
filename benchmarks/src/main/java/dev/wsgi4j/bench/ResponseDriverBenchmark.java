package dev.wsgi4j.bench;

import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.gateway.ResponseDriver;
import dev.wsgi4j.gateway.ResponseHead;
import dev.wsgi4j.gateway.ResponseTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The response state machine alone: {@link ResponseDriver#run} calling the hello application and handing its
 * answer to a transport that only consumes it, so what is measured is the driver's own work per request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResponseDriverBenchmark {

    private final ResponseDriver driver = new ResponseDriver(false);
    private Map<String, Object> environ;
    private ResponseTransport transport;

    @Setup
    public void setUp(Blackhole blackhole) {
        // Read-only: the driver must not need to write into the environ.
        environ = Map.of(Environ.REQUEST_METHOD, "GET", Environ.SCRIPT_NAME, "", Environ.PATH_INFO, "/hello/x",
                Environ.QUERY_STRING, "", Environ.SERVER_PROTOCOL, "HTTP/1.1");
        transport = new ConsumingTransport(blackhole);
    }

    @Benchmark
    public void hello() {
        driver.run(Wsgi4jHello.APP, environ, transport);
    }

    /** A transport that hands everything to the blackhole, so the JIT cannot drop the work that produced it. */
    private static final class ConsumingTransport implements ResponseTransport {
        private final Blackhole blackhole;

        ConsumingTransport(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void sendFull(ResponseHead head, List<byte[]> chunks) {
            if (head.status().code() != 200) {
                // The driver answers 500 when anything fails: a benchmark of that path would measure the wrong thing.
                throw new IllegalStateException("expected the hello answer, got " + head.status());
            }
            blackhole.consume(head);
            blackhole.consume(chunks);
        }

        @Override
        public void sendFile(ResponseHead head, FileWrapper file, long count, Runnable onDone) {
            blackhole.consume(head);
            onDone.run();
        }

        @Override
        public void sendHead(ResponseHead head) {
            blackhole.consume(head);
        }

        @Override
        public void sendChunk(byte[] chunk) {
            blackhole.consume(chunk);
        }

        @Override
        public void finish() {
            blackhole.consume(this);
        }

        @Override
        public void abort(Throwable cause) {
            throw new IllegalStateException("the hello response was aborted", cause);
        }
    }
}
