package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.AccessLogSettings;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.OpsSettings;
import dev.wsgi4j.netty.ListenAddress;
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
            "maxBodySize", "--max-body");

    @Option(names = "--bind", paramLabel = "HOST:PORT", split = ",",
            description = {"Address to listen on (default: " + DEFAULT_BIND + "): HOST:PORT, [IPV6]:PORT (port 0 "
                    + "picks a free one), or unix:PATH, a Unix domain socket (a stale socket file nobody listens on "
                    + "is replaced; the file is deleted at stop).",
                    "Repeat it, or separate addresses with commas (as a --config file does), to listen on several."})
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
                    "The limit on the whole request head (--limit-request-head) grows to at least this."})
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
            description = {"The access log's line: common (Apache Common Log Format, the default), combined, "
                    + "json (one JSON object per response, with a request id; turns request ids on), or "
                    + "gunicorn's atoms: %%(h)s %%(l)s %%(u)s %%(t)s %%(r)s %%(m)s %%(U)s %%(q)s %%(H)s %%(s)s %%(b)s %%(B)s "
                    + "%%(f)s %%(a)s %%(D)s (microseconds) %%(M)s %%(T)s %%(L)s %%({header}i)s %%({header}o)s."})
    String accessLogFormat;

    // HTTPS: --certfile, --keyfile, --cert-reqs, --ca-certs (TlsOptions).
    @Mixin
    TlsOptions tls = new TlsOptions();

    // Health check and metrics: --health-path, --metrics-path, --metrics-bind (OpsOptions).
    @Mixin
    OpsOptions ops = new OpsOptions();

    // --transport, --reuse-port, --backlog, --max-connections (ListenOptions).
    @Mixin
    ListenOptions listen = new ListenOptions();

    // The other limits, timeouts and switches of ServerConfig (TuningOptions).
    @Mixin
    TuningOptions tuning = new TuningOptions();

    /** Where to listen when neither the command line nor a --config file says; the demo sets its own. */
    String defaultBind = DEFAULT_BIND;

    // Behind a proxy: --forwarded-allow-ips, --proxy-protocol (ProxyOptions).
    @Mixin
    ProxyOptions proxy = new ProxyOptions();

    // The protocol: --protocol, --uwsgi-allow-from (ProtocolOptions).
    @Mixin
    ProtocolOptions protocol = new ProtocolOptions();

    // HTTP/2: --http-protocols, --http2-cleartext, --http2-max-* (Http2Options).
    @Mixin
    Http2Options http2 = new Http2Options();

    /** The duration {@code GatewayServer.stop} gets when the process is told to stop. */
    Duration gracefulTimeout() {
        return gracefulTimeout;
    }

    /** @throws IllegalArgumentException naming the option whose value {@link ServerConfig} refuses */
    ServerConfig toConfig() {
        List<ListenAddress> binds = new ArrayList<>();
        for (String b : bind.isEmpty() ? List.of(defaultBind) : bind) {
            ListenAddress address;
            try {
                address = ListenAddress.parse(b);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--bind: " + e.getMessage(), e);
            }
            if (binds.contains(address)) {
                throw new IllegalArgumentException("--bind " + address + " is given twice");
            }
            binds.add(address);
        }
        // One TCP address is ServerConfig's own host:port; anything else is its list of binds.
        boolean hostAndPort = binds.size() == 1 && !binds.get(0).isUnix();
        TlsConfig tlsConfig = tls.toConfig();
        OpsSettings opsSettings = ops.toConfig();
        ProxySettings proxySettings = proxy.toConfig();
        dev.wsgi4j.netty.uwsgi.UwsgiSettings uwsgiSettings = protocol.toConfig();
        dev.wsgi4j.netty.http2.Http2Settings http2Settings = http2.toConfig();
        if (keepAlive.isZero()) {
            throw new IllegalArgumentException("--keep-alive must be longer than 0");
        }
        try {
            ServerConfig.Builder b = ServerConfig.builder()
                    .binds(hostAndPort ? List.of() : binds)
                    .ioThreads(ioThreads)
                    .workerThreads(threads)
                    .executor(executor)
                    .idleTimeout(keepAlive)
                    .maxRequestLineLength(limitRequestLine)
                    .maxHeaderCount(limitRequestFields)
                    .maxHeaderFieldSize(limitRequestFieldSize)
                    .maxHeaderBlockSize(tuning.headLimit(limitRequestFieldSize))
                    .maxBodySize(maxBody)
                    .accessLog(accessLog())
                    .tls(tlsConfig)
                    .ops(opsSettings)
                    .proxy(proxySettings)
                    .uwsgi(uwsgiSettings)
                    .http2(http2Settings);
            if (hostAndPort) {
                b.host(binds.get(0).host()).port(binds.get(0).port());
            }
            listen.apply(b);
            tuning.apply(b);
            return b.build();
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
        for (Map<String, String> names : List.of(OPTION_OF, ListenOptions.OPTION_OF, TuningOptions.OPTION_OF)) {
            for (Map.Entry<String, String> e : names.entrySet()) {
                if (message.startsWith(e.getKey() + " ")) {
                    return e.getValue() + message.substring(e.getKey().length());
                }
            }
        }
        return message;
    }
}
