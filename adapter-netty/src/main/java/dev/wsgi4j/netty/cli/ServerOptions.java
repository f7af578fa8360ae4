package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.AccessLogSettings;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.TlsConfig;
import dev.wsgi4j.netty.proxy.ProxySettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server settings of {@code wsgi4j-server}, as a picocli mixin, named as gunicorn names them. Each option maps
 * to one {@link ServerConfig} setting in {@link #toConfig()}; the defaults shown in {@code --help} come from
 * {@link Defaults}, which reads them off {@link ServerConfig#defaults()} so there is one source for them.
 */
public final class ServerOptions {

    /** Where {@code wsgi4j-server} listens unless told: gunicorn's default address. */
    static final String DEFAULT_BIND = "127.0.0.1:8000";
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    /** ServerConfig's names in its validation messages, and the option a user would change instead. */
    private static final Map<String, String> OPTION_OF = Map.of(
            "ioThreads", "--io-threads",
            "workerThreads", "--threads",
            "maxRequestLineLength", "--limit-request-line",
            "maxHeaderCount", "--limit-request-fields",
            "maxHeaderFieldSize", "--limit-request-field-size",
            "maxBodySize", "--max-body",
            "host", "--bind host",
            "port", "--bind port");

    @Option(names = "--bind", paramLabel = "HOST:PORT",
            description = {"Address to listen on: HOST:PORT, or [IPV6]:PORT; port 0 picks a free one "
                    + "(default: " + DEFAULT_BIND + ").",
                    "Give it once: several addresses and unix:PATH are not supported yet."})
    List<String> bind = new ArrayList<>();

    @Option(names = "--io-threads", paramLabel = "N",
            description = {"Event-loop threads that do all network I/O (default: ${DEFAULT-VALUE}, meaning half "
                    + "the cores, or every core with --executor inline).",
                    "There is no --workers: gunicorn forks worker processes because one Python process runs one "
                            + "thread at a time; one JVM runs threads on every core, so a single process serves "
                            + "the whole machine."})
    int ioThreads;

    @Option(names = "--threads", paramLabel = "N",
            description = "Most threads running applications at once with --executor pool (default: "
                    + "${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--executor", paramLabel = "pool|virtual|inline", converter = OptionConverters.Executor.class,
            description = {"Where applications run (default: ${DEFAULT-VALUE}): pool, a thread pool that grows "
                    + "when applications block; virtual, one virtual thread per request (Java 21+); inline, on the "
                    + "event loop (only for applications that never block)."})
    ExecutorKind executor;

    @Option(names = "--keep-alive", paramLabel = "DURATION", converter = OptionConverters.Time.class,
            description = "How long an idle keep-alive connection stays open (default: ${DEFAULT-VALUE}).")
    Duration keepAlive;

    @Option(names = "--graceful-timeout", paramLabel = "DURATION", converter = OptionConverters.Time.class,
            description = "On SIGTERM or SIGINT, how long running requests may take to finish before their "
                    + "connections are closed (default: ${DEFAULT-VALUE}).")
    Duration gracefulTimeout;

    @Option(names = "--limit-request-line", paramLabel = "BYTES",
            description = "Longest request line; longer ones are answered 414 (default: ${DEFAULT-VALUE}).")
    int limitRequestLine;

    @Option(names = "--limit-request-fields", paramLabel = "N",
            description = "Most header fields in a request; more are answered 431 (default: ${DEFAULT-VALUE}).")
    int limitRequestFields;

    @Option(names = "--limit-request-field-size", paramLabel = "BYTES",
            description = {"Longest header line; longer ones are answered 431 (default: ${DEFAULT-VALUE}).",
                    "The limit on the whole request head (all its lines) grows to at least this."})
    int limitRequestFieldSize;

    @Option(names = "--max-body", paramLabel = "SIZE", converter = OptionConverters.Bytes.class,
            description = "Largest request body, in bytes or with k, m, g (KiB, MiB, GiB); larger ones are "
                    + "answered 413 (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = {"--access-log", "--access-logfile"}, paramLabel = "FILE|-",
            description = {"Write one line per response to FILE (appended), or to standard output for -; "
                    + "off unless given.", "Written by a thread of its own: when the disk cannot keep up, lines are "
                    + "dropped and counted rather than requests slowed."})
    String accessLog;

    @Option(names = {"--access-log-format", "--access-logformat"}, paramLabel = "FORMAT",
            description = {"The access log's line: common (Apache Common Log Format, the default), combined, or "
                    + "gunicorn's atoms: %(h)s %(l)s %(u)s %(t)s %(r)s %(m)s %(U)s %(q)s %(H)s %(s)s %(b)s %(B)s "
                    + "%(f)s %(a)s %(D)s (microseconds) %(M)s %(T)s %(L)s %({header}i)s %({header}o)s."})
    String accessLogFormat;

    // HTTPS: --certfile, --keyfile, --cert-reqs, --ca-certs (TlsOptions).
    @Mixin
    TlsOptions tls = new TlsOptions();

    // Behind a proxy: --forwarded-allow-ips, --proxy-protocol (ProxyOptions).
    @Mixin
    ProxyOptions proxy = new ProxyOptions();

    /** The duration {@code GatewayServer.stop} gets when the process is told to stop. */
    Duration gracefulTimeout() {
        return gracefulTimeout;
    }

    /** @throws IllegalArgumentException naming the option whose value {@link ServerConfig} refuses */
    ServerConfig toConfig() {
        if (bind.size() > 1) {
            throw new IllegalArgumentException("--bind was given " + bind.size() + " times; one address is "
                    + "supported so far");
        }
        BindAddress address = BindAddress.parse(bind.isEmpty() ? DEFAULT_BIND : bind.get(0));
        TlsConfig tlsConfig = tls.toConfig();
        ProxySettings proxySettings = proxy.toConfig();
        if (keepAlive.isZero()) {
            throw new IllegalArgumentException("--keep-alive must be longer than 0");
        }
        try {
            return ServerConfig.builder()
                    .host(address.host())
                    .port(address.port())
                    .ioThreads(ioThreads)
                    .workerThreads(threads)
                    .executor(executor)
                    .idleTimeout(keepAlive)
                    .maxRequestLineLength(limitRequestLine)
                    .maxHeaderCount(limitRequestFields)
                    .maxHeaderFieldSize(limitRequestFieldSize)
                    .maxHeaderBlockSize(Math.max(Defaults.HEAD_BYTES, limitRequestFieldSize))
                    .maxBodySize(maxBody)
                    .accessLog(accessLog())
                    .tls(tlsConfig)
                    .proxy(proxySettings)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(inOptionTerms(e.getMessage()), e);
        }
    }

    private AccessLogSettings accessLog() {
        if (accessLog == null) {
            if (accessLogFormat != null) {
                throw new IllegalArgumentException("--access-log-format needs --access-log FILE|-");
            }
            return null;
        }
        try {
            return new AccessLogSettings(accessLog, accessLogFormat);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^access log format", "--access-log-format")
                    .replaceFirst("^accessLog target", "--access-log"), e);
        }
    }

    private static String inOptionTerms(String message) {
        for (Map.Entry<String, String> e : OPTION_OF.entrySet()) {
            if (message.startsWith(e.getKey() + " ")) {
                return e.getValue() + message.substring(e.getKey().length());
            }
        }
        return message;
    }
}
