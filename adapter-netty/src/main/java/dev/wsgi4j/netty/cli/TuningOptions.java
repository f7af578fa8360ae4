package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ServerConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The rest of {@link ServerConfig}'s limits, timeouts and switches as {@code wsgi4j-server} options (a mixin of
 * {@link ServerOptions}): per-connection limits, the pool's queue, the request and response timeouts, where request
 * bodies are kept, the response's {@code Server} header and the compliance escape hatches. Each maps to the one
 * setting of the same meaning; SPEC.md §6 and SECURITY.md say what the settings do.
 */
public final class TuningOptions {

    /** ServerConfig's names in its validation messages, and the option a user would change instead. */
    static final Map<String, String> OPTION_OF = Map.of(
            "workerParallelism", "--pool-parallelism",
            "workerQueue", "--worker-queue",
            "maxHeaderBlockSize", "--limit-request-head",
            "inMemoryBodySize", "--in-memory-body",
            "maxPipelinedRequests", "--max-pipelined-requests",
            "maxRequestsPerConnection", "--max-requests-per-connection",
            "writeBufferHighWaterMark", "--write-buffer-high-water-mark",
            "serverHeader", "--server-header",
            "requestTimeout", "--request-timeout");

    @Option(names = "--max-requests-per-connection", paramLabel = "N",
            description = "Requests served on one keep-alive connection before the server closes it; on HTTP/2, "
                    + "streams, after which GOAWAY is sent and the open streams finish (default: ${DEFAULT-VALUE}).")
    int maxRequestsPerConnection;

    @Option(names = "--max-pipelined-requests", paramLabel = "N",
            description = "Complete requests a client may send ahead on one connection before the server stops "
                    + "reading from it until they are answered (default: ${DEFAULT-VALUE}).")
    int maxPipelinedRequests;

    @Option(names = "--worker-queue", paramLabel = "N",
            description = "With --executor pool, requests that may wait for a thread; beyond them the server "
                    + "answers 503 (default: ${DEFAULT-VALUE}).")
    int workerQueue;

    @Option(names = "--pool-parallelism", paramLabel = "N",
            description = {"With --executor pool, threads that take requests back to back before more are started "
                    + "for applications that block (default: ${DEFAULT-VALUE}, meaning the cores the event loops "
                    + "leave; at most --threads)."})
    int poolParallelism;

    @Option(names = "--request-head-timeout", paramLabel = "DURATION", converter = OptionConverters.Time.class,
            description = "How long a request's head (request line and headers; a TLS handshake too) may take to "
                    + "arrive; slower clients get 408 and are closed (default: ${DEFAULT-VALUE}).")
    Duration requestHeadTimeout;

    @Option(names = "--body-read-timeout", paramLabel = "DURATION", converter = OptionConverters.Time.class,
            description = "How long a request body may stall between two reads (default: ${DEFAULT-VALUE}).")
    Duration bodyReadTimeout;

    @Option(names = "--send-timeout", paramLabel = "DURATION", converter = OptionConverters.Time.class,
            description = "How long a response may wait for a client that does not read before the connection is "
                    + "closed (default: ${DEFAULT-VALUE}).")
    Duration sendTimeout;

    @Option(names = "--limit-request-head", paramLabel = "SIZE", converter = OptionConverters.Bytes.class,
            description = "Largest request head, all its lines together, in bytes or with k, m; larger ones are "
                    + "answered 431 (default: ${DEFAULT-VALUE}); it grows to --limit-request-field-size when that is "
                    + "larger.")
    long limitRequestHead;

    @Option(names = "--in-memory-body", paramLabel = "SIZE", converter = OptionConverters.Bytes.class,
            description = "Request bodies up to this size are kept in memory; larger ones are written to a file in "
                    + "--spool-dir (default: ${DEFAULT-VALUE}).")
    long inMemoryBody;

    @Option(names = "--spool-dir", paramLabel = "DIR",
            description = "Where request bodies larger than --in-memory-body are written while the application "
                    + "reads them (default: ${DEFAULT-VALUE}).")
    Path spoolDir;

    @Option(names = "--write-buffer-high-water-mark", paramLabel = "SIZE", converter = OptionConverters.Bytes.class,
            description = "Response bytes queued per connection before an application that writes faster than its "
                    + "client reads is paused (default: ${DEFAULT-VALUE}).")
    long writeBufferHighWaterMark;

    @Option(names = "--server-header", paramLabel = "TEXT",
            description = "The Server header of every response; empty for none (default: ${DEFAULT-VALUE}).")
    String serverHeader;

    @Option(names = "--debug",
            description = "Answer an application's error with its stack trace in the 500 body; for development "
                    + "only: it shows the code to anyone who can make it fail.")
    boolean debug;

    @Option(names = "--allow-obs-fold",
            description = "Accept obsolete line folding in header values (joined with one space) instead of "
                    + "answering 400; for old clients only (RFC 9112 §5.2; SECURITY.md).")
    boolean allowObsFold;

    @Option(names = "--allow-missing-host",
            description = "Serve HTTP/1.1 requests without a Host header (RFC 9112 §3.2 says 400), with "
                    + "SERVER_NAME from the bound address; for old clients only.")
    boolean allowMissingHost;

    @Option(names = "--request-timeout", paramLabel = "DURATION", converter = OptionConverters.Time.class,
            description = {"How long an application call may take, from its hand-off to a thread to the last block "
                    + "of its body (default: ${DEFAULT-VALUE}, meaning no limit). Past it the client gets 503 with "
                    + "Retry-After: 1 (or, if the head went out, a cut response), the connection is closed and "
                    + "the application's thread interrupted.",
                    "Not with --executor inline: an application on the event loop holds the thread the deadline "
                            + "would fire on."})
    Duration requestTimeout;

    /** The built-in defaults of these options, by key, read off {@code d}. */
    static Map<String, String> defaults(ServerConfig d) {
        return Map.ofEntries(
                Map.entry("limit-request-head", String.valueOf(d.maxHeaderBlockSize())),
                Map.entry("max-requests-per-connection", String.valueOf(d.maxRequestsPerConnection())),
                Map.entry("max-pipelined-requests", String.valueOf(d.maxPipelinedRequests())),
                Map.entry("worker-queue", String.valueOf(d.workerQueue())),
                Map.entry("pool-parallelism", String.valueOf(d.workerParallelism())),
                Map.entry("request-head-timeout", OptionValues.format(d.requestHeadTimeout())),
                Map.entry("body-read-timeout", OptionValues.format(d.bodyReadTimeout())),
                Map.entry("send-timeout", OptionValues.format(d.sendTimeout())),
                Map.entry("in-memory-body", String.valueOf(d.inMemoryBodySize())),
                Map.entry("spool-dir", d.spoolDirectory().toString()),
                Map.entry("write-buffer-high-water-mark", String.valueOf(d.writeBufferHighWaterMark())),
                Map.entry("server-header", d.serverHeader()),
                Map.entry("request-timeout", OptionValues.format(d.requestTimeout())));
    }

    /** The limit on the whole head: {@code --limit-request-head}, raised to hold one field of {@code fieldSize}. */
    int headLimit(int fieldSize) {
        return Math.max(asInt(limitRequestHead), fieldSize);
    }

    /** Sets these options on {@code b}. */
    void apply(ServerConfig.Builder b) {
        positive("--request-head-timeout", requestHeadTimeout);
        positive("--body-read-timeout", bodyReadTimeout);
        positive("--send-timeout", sendTimeout);
        b.maxRequestsPerConnection(maxRequestsPerConnection)
                .maxPipelinedRequests(maxPipelinedRequests)
                .workerQueue(workerQueue)
                .workerParallelism(poolParallelism)
                .requestHeadTimeout(requestHeadTimeout)
                .bodyReadTimeout(bodyReadTimeout)
                .sendTimeout(sendTimeout)
                .inMemoryBodySize(asInt(inMemoryBody))
                .spoolDirectory(spoolDir)
                .writeBufferHighWaterMark(asInt(writeBufferHighWaterMark))
                .serverHeader(serverHeader)
                .debug(debug)
                .allowObsFold(allowObsFold)
                .allowMissingHost(allowMissingHost)
                .requestTimeout(requestTimeout);
    }

    /** What {@code --check-config} prints for these options. */
    static String describe(ServerConfig c) {
        String nl = System.lineSeparator();
        return "max-requests-per-connection: " + c.maxRequestsPerConnection()
                + ", max-pipelined-requests: " + c.maxPipelinedRequests()
                + ", worker-queue: " + c.workerQueue()
                + ", pool-parallelism: " + c.poolParallelism() + nl
                + "request-head-timeout: " + OptionValues.format(c.requestHeadTimeout())
                + ", body-read-timeout: " + OptionValues.format(c.bodyReadTimeout())
                + ", send-timeout: " + OptionValues.format(c.sendTimeout()) + nl
                + "in-memory-body: " + c.inMemoryBodySize() + ", spool-dir: " + c.spoolDirectory()
                + ", write-buffer-high-water-mark: " + c.writeBufferHighWaterMark() + nl
                + "server-header: " + (c.serverHeader().isEmpty() ? "(none)" : c.serverHeader())
                + ", debug: " + onOff(c.debug())
                + ", allow-obs-fold: " + onOff(c.allowObsFold())
                + ", allow-missing-host: " + onOff(c.allowMissingHost()) + nl
                + "request-timeout: " + (c.requestTimeout().isZero() ? "off" : OptionValues.format(c.requestTimeout()))
                + nl;
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    /** A size beyond int's range is passed as the largest int, for ServerConfig's range check to name. */
    private static int asInt(long size) {
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    private static void positive(String option, Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException(option + " must be longer than 0");
        }
    }
}
