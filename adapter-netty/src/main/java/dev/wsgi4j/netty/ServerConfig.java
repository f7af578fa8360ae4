package dev.wsgi4j.netty;

import dev.wsgi4j.gateway.HeaderRules;
import dev.wsgi4j.netty.http2.Http2Settings;
import dev.wsgi4j.netty.proxy.ProxySettings;
import dev.wsgi4j.netty.uwsgi.UwsgiSettings;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link GatewayServer} can be told, in one immutable value with the defaults of SPEC.md §6 and
 * SECURITY.md. Build it with {@link #builder()}; every setting is validated once, here.
 *
 * @param host                     address to bind; {@code 127.0.0.1} by default (with {@code listen.binds()}, the
 *                                 first TCP one's host)
 * @param port                     port to bind; 0 picks a free one ({@link GatewayServer#port()} reports it)
 * @param ioThreads                event-loop threads; 0 means half the cores, at least one, or every core for the
 *                                 inline executor ({@link #eventLoops()})
 * @param executor                 where applications run (SPEC.md §6.3)
 * @param workerThreads            most {@link ExecutorKind#POOL} threads, running or blocked, at once
 * @param workerParallelism        {@link ExecutorKind#POOL} threads that take requests back to back before more are
 *                                 started for blocked applications; 0 means the cores the event loops leave
 *                                 ({@link #poolParallelism()}); BENCHMARKS.md says why
 * @param workerQueue              requests that may wait for a pool thread before the server answers 503
 * @param maxRequestLineLength     longest request line, in bytes (414 above)
 * @param maxHeaderFieldSize       longest single header line, in bytes (431 above)
 * @param maxHeaderBlockSize       all header lines together, in bytes (431 above)
 * @param maxHeaderCount           header fields per request (431 above)
 * @param maxBodySize              largest request body, in bytes (413 above, answered from the headers)
 * @param inMemoryBodySize         bodies up to this size stay in memory; larger ones are spooled to a file
 * @param spoolDirectory           where large bodies are spooled
 * @param maxPipelinedRequests     complete requests queued per connection before reading pauses
 * @param maxConnections           open connections before accepting pauses
 * @param maxRequestsPerConnection requests served on one connection before it is closed
 * @param idleTimeout              how long a keep-alive connection may sit without a request
 * @param requestHeadTimeout       how long the whole request head may take to arrive (slowloris)
 * @param bodyReadTimeout          how long the body may stall between reads (408)
 * @param sendTimeout              how long a response may wait for a client that does not read
 * @param writeBufferHighWaterMark outbound bytes queued per connection before the application is paused
 * @param urlScheme                {@code wsgi.url_scheme}
 * @param serverHeader             value of the {@code Server} header, or empty for none
 * @param debug                    500 answers carry stack traces (development only)
 * @param allowObsFold             compliance escape hatch, off by default: accept obsolete line folding in header
 *                                 values (RFC 9112 §5.2; Jetty's {@code MULTILINE_FIELD_VALUE}) and join the lines
 *                                 with one SP, instead of answering 400
 * @param allowMissingHost         compliance escape hatch, off by default: serve an HTTP/1.1 request without a
 *                                 {@code Host} header (RFC 9112 §3.2 requires 400), taking SERVER_NAME from the
 *                                 bound address
 * @param transport                the socket implementation; {@link TransportKind#AUTO} picks native epoll where
 *                                 it loads, else NIO
 * @param accessLog                where and how to write one line per response, or null for no access log
 * @param tls                      serve HTTPS with these files, or null for plain HTTP; setting it through the
 *                                 builder also sets {@code urlScheme} to {@code https}
 * @param ops                      the health check and metrics the server answers itself, or null for none
 * @param listen                   several addresses or Unix sockets instead of {@code host:port}, the listen backlog
 *                                 and SO_REUSEPORT ({@link #listenAddresses()})
 * @param proxy                    which peers are trusted proxies, and whether they send a PROXY protocol header;
 *                                 by default loopback is trusted, as gunicorn does (SECURITY.md)
 * @param uwsgi                    whether connections speak the uwsgi protocol instead of HTTP/1.1, and which peers
 *                                 may connect then (README "The uwsgi protocol"); off by default
 * @param http2                    whether and how the server speaks HTTP/2 ({@code dev.wsgi4j.netty.http2}); off by
 *                                 default ({@link Http2Settings#DEFAULTS}). ALPN's {@code h2} needs TLS; h2c needs a
 *                                 plain listener
 * @param requestTimeout           how long an application call may take, from its hand-off to the executor to the
 *                                 last block of its body (SPEC.md §6.6); then the client gets 503 or a cut response
 *                                 and the application's thread is interrupted. {@link Duration#ZERO}, the default,
 *                                 for no limit. Not with {@link ExecutorKind#INLINE}: an application on the event
 *                                 loop holds the very thread the deadline would fire on. Part of what a call's
 *                                 executor carries ({@link AppExecutor#requestTimeoutNanos()})
 */
public record ServerConfig(
        String host,
        int port,
        int ioThreads,
        ExecutorKind executor,
        int workerThreads,
        int workerParallelism,
        int workerQueue,
        int maxRequestLineLength,
        int maxHeaderFieldSize,
        int maxHeaderBlockSize,
        int maxHeaderCount,
        long maxBodySize,
        int inMemoryBodySize,
        Path spoolDirectory,
        int maxPipelinedRequests,
        int maxConnections,
        int maxRequestsPerConnection,
        Duration idleTimeout,
        Duration requestHeadTimeout,
        Duration bodyReadTimeout,
        Duration sendTimeout,
        int writeBufferHighWaterMark,
        String urlScheme,
        String serverHeader,
        boolean debug,
        boolean allowObsFold,
        boolean allowMissingHost,
        TransportKind transport,
        AccessLogSettings accessLog,
        TlsConfig tls,
        OpsSettings ops,
        ListenSettings listen,
        ProxySettings proxy,
        UwsgiSettings uwsgi,
        Http2Settings http2,
        Duration requestTimeout) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(urlScheme, "urlScheme");
        Objects.requireNonNull(serverHeader, "serverHeader");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(http2, "http2");
        if (http2.alpn() && tls == null) {
            throw new IllegalArgumentException("HTTP/2 by ALPN (--http-protocols h2,h1) needs TLS (--certfile); "
                    + "without TLS it is --http2-cleartext");
        }
        if (http2.cleartext() != Http2Settings.Cleartext.OFF && tls != null) {
            throw new IllegalArgumentException("cleartext HTTP/2 (--http2-cleartext) needs a plain listener, not "
                    + "TLS; over TLS HTTP/2 is --http-protocols h2,h1");
        }
        Objects.requireNonNull(uwsgi, "uwsgi");
        if (uwsgi.enabled() && (tls != null || proxy.proxyProtocol())) {
            // As gunicorn: nginx speaks uwsgi over a plain local connection; TLS or a PROXY header would not parse.
            throw new IllegalArgumentException("the uwsgi protocol is served without TLS and without the PROXY protocol");
        }
        if (uwsgi.enabled() && http2.enabled()) {
            throw new IllegalArgumentException("the uwsgi protocol is served without HTTP/2");
        }
        if (HeaderRules.invalidValueIndex(serverHeader) >= 0) {
            throw new IllegalArgumentException("serverHeader has a control or non-Latin-1 character: "
                    + HeaderRules.quote(serverHeader));
        }
        requireRange("port", port, 0, 65535);
        requireRange("ioThreads", ioThreads, 0, 1024);
        requireRange("workerThreads", workerThreads, 1, 100_000);
        requireRange("workerParallelism", workerParallelism, 0, workerThreads);
        requireRange("workerQueue", workerQueue, 0, 1_000_000);
        requireRange("maxRequestLineLength", maxRequestLineLength, 64, 1 << 20);
        requireRange("maxHeaderFieldSize", maxHeaderFieldSize, 64, 1 << 20);
        requireRange("maxHeaderBlockSize", maxHeaderBlockSize, maxHeaderFieldSize, 1 << 24);
        requireRange("maxHeaderCount", maxHeaderCount, 1, 100_000);
        requireRange("inMemoryBodySize", inMemoryBodySize, 0, 1 << 30);
        requireRange("maxPipelinedRequests", maxPipelinedRequests, 1, 1024);
        requireRange("maxConnections", maxConnections, 1, 10_000_000);
        requireRange("maxRequestsPerConnection", maxRequestsPerConnection, 1, Integer.MAX_VALUE);
        requireRange("writeBufferHighWaterMark", writeBufferHighWaterMark, 1024, 1 << 30);
        if (maxBodySize < 0) {
            throw new IllegalArgumentException("maxBodySize must be >= 0: " + maxBodySize);
        }
        for (Duration d : new Duration[] {idleTimeout, requestHeadTimeout, bodyReadTimeout, sendTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must be >= 0 (0 for none): " + requestTimeout);
        }
        if (!requestTimeout.isZero() && executor == ExecutorKind.INLINE) {
            throw new IllegalArgumentException("requestTimeout needs an executor off the event loop (pool or "
                    + "virtual): an inline application holds the thread its deadline would fire on");
        }
        if (!urlScheme.equals("http") && !urlScheme.equals("https")) {
            throw new IllegalArgumentException("urlScheme must be http or https: " + urlScheme);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: serve on 127.0.0.1:8080. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The event loops the server runs: {@code ioThreads}, or by default half the cores (at least one), every core
     * when applications run inline on the loops. Netty's own default, twice the cores, measured slower here: with
     * the application on threads of its own, more loops only add context switches (BENCHMARKS.md, "Hand-off
     * designs").
     */
    public int eventLoops() {
        if (ioThreads > 0) {
            return ioThreads;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return executor == ExecutorKind.INLINE ? cores : Math.max(1, cores / 2);
    }

    /** The POOL threads that run applications back to back: {@code workerParallelism}, or the cores left over. */
    public int poolParallelism() {
        int cores = Runtime.getRuntime().availableProcessors();
        int parallelism = workerParallelism > 0 ? workerParallelism : Math.max(1, cores - eventLoops());
        return Math.min(parallelism, workerThreads);
    }

    /** Where the server listens: {@code listen.binds()}, or {@code host:port} when that is empty. */
    public List<ListenAddress> listenAddresses() {
        return listen.binds().isEmpty() ? List.of(ListenAddress.tcp(host, port)) : listen.binds();
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
        }
    }

    /** Collects settings; starts from the defaults. Not thread-safe; {@link #build()} validates. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private int ioThreads = 0;
        private ExecutorKind executor = ExecutorKind.POOL;
        private int workerThreads = 200;
        private int workerParallelism = 0;
        private int workerQueue = 1000;
        private int maxRequestLineLength = 8190;
        private int maxHeaderFieldSize = 8190;
        private int maxHeaderBlockSize = 16 * 1024;
        private int maxHeaderCount = 100;
        private long maxBodySize = 1L << 30;
        private int inMemoryBodySize = 512 * 1024;
        private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private int maxPipelinedRequests = 16;
        private int maxConnections = 1000;
        private int maxRequestsPerConnection = 1000;
        private Duration idleTimeout = Duration.ofSeconds(5);
        private Duration requestHeadTimeout = Duration.ofSeconds(30);
        private Duration bodyReadTimeout = Duration.ofSeconds(30);
        private Duration sendTimeout = Duration.ofSeconds(60);
        private int writeBufferHighWaterMark = 64 * 1024;
        private String urlScheme = "http";
        private String serverHeader = "wsgi4j";
        private boolean debug = false;
        private boolean allowObsFold = false;
        private boolean allowMissingHost = false;
        private TransportKind transport = TransportKind.AUTO;
        private AccessLogSettings accessLog;
        private TlsConfig tls = null;
        private OpsSettings ops = null;
        private List<ListenAddress> binds = List.of();
        private int backlog = ListenSettings.DEFAULT_BACKLOG;
        private boolean reusePort = false;
        private Set<PosixFilePermission> socketMode = null;
        private ProxySettings proxy = ProxySettings.DEFAULTS;
        private UwsgiSettings uwsgi = UwsgiSettings.OFF;
        private Http2Settings http2 = Http2Settings.DEFAULTS;
        private Duration requestTimeout = Duration.ZERO;

        private Builder() {
        }

        private Builder(ServerConfig c) {
            this.host = c.host;
            this.port = c.port;
            this.ioThreads = c.ioThreads;
            this.executor = c.executor;
            this.workerThreads = c.workerThreads;
            this.workerParallelism = c.workerParallelism;
            this.workerQueue = c.workerQueue;
            this.maxRequestLineLength = c.maxRequestLineLength;
            this.maxHeaderFieldSize = c.maxHeaderFieldSize;
            this.maxHeaderBlockSize = c.maxHeaderBlockSize;
            this.maxHeaderCount = c.maxHeaderCount;
            this.maxBodySize = c.maxBodySize;
            this.inMemoryBodySize = c.inMemoryBodySize;
            this.spoolDirectory = c.spoolDirectory;
            this.maxPipelinedRequests = c.maxPipelinedRequests;
            this.maxConnections = c.maxConnections;
            this.maxRequestsPerConnection = c.maxRequestsPerConnection;
            this.idleTimeout = c.idleTimeout;
            this.requestHeadTimeout = c.requestHeadTimeout;
            this.bodyReadTimeout = c.bodyReadTimeout;
            this.sendTimeout = c.sendTimeout;
            this.writeBufferHighWaterMark = c.writeBufferHighWaterMark;
            this.urlScheme = c.urlScheme;
            this.serverHeader = c.serverHeader;
            this.debug = c.debug;
            this.allowObsFold = c.allowObsFold;
            this.allowMissingHost = c.allowMissingHost;
            this.transport = c.transport;
            this.accessLog = c.accessLog;
            this.tls = c.tls;
            this.ops = c.ops;
            this.binds = c.listen.binds();
            this.backlog = c.listen.backlog();
            this.reusePort = c.listen.reusePort();
            this.socketMode = c.listen.socketMode();
            this.proxy = c.proxy;
            this.uwsgi = c.uwsgi;
            this.http2 = c.http2;
            this.requestTimeout = c.requestTimeout;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder executor(ExecutorKind executor) {
            this.executor = executor;
            return this;
        }

        public Builder workerThreads(int workerThreads) {
            this.workerThreads = workerThreads;
            return this;
        }

        public Builder workerParallelism(int workerParallelism) {
            this.workerParallelism = workerParallelism;
            return this;
        }

        public Builder workerQueue(int workerQueue) {
            this.workerQueue = workerQueue;
            return this;
        }

        public Builder maxRequestLineLength(int maxRequestLineLength) {
            this.maxRequestLineLength = maxRequestLineLength;
            return this;
        }

        public Builder maxHeaderFieldSize(int maxHeaderFieldSize) {
            this.maxHeaderFieldSize = maxHeaderFieldSize;
            return this;
        }

        public Builder maxHeaderBlockSize(int maxHeaderBlockSize) {
            this.maxHeaderBlockSize = maxHeaderBlockSize;
            return this;
        }

        public Builder maxHeaderCount(int maxHeaderCount) {
            this.maxHeaderCount = maxHeaderCount;
            return this;
        }

        public Builder maxBodySize(long maxBodySize) {
            this.maxBodySize = maxBodySize;
            return this;
        }

        public Builder inMemoryBodySize(int inMemoryBodySize) {
            this.inMemoryBodySize = inMemoryBodySize;
            return this;
        }

        public Builder spoolDirectory(Path spoolDirectory) {
            this.spoolDirectory = spoolDirectory;
            return this;
        }

        public Builder maxPipelinedRequests(int maxPipelinedRequests) {
            this.maxPipelinedRequests = maxPipelinedRequests;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder maxRequestsPerConnection(int maxRequestsPerConnection) {
            this.maxRequestsPerConnection = maxRequestsPerConnection;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder requestHeadTimeout(Duration requestHeadTimeout) {
            this.requestHeadTimeout = requestHeadTimeout;
            return this;
        }

        public Builder bodyReadTimeout(Duration bodyReadTimeout) {
            this.bodyReadTimeout = bodyReadTimeout;
            return this;
        }

        public Builder sendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
            return this;
        }

        public Builder writeBufferHighWaterMark(int writeBufferHighWaterMark) {
            this.writeBufferHighWaterMark = writeBufferHighWaterMark;
            return this;
        }

        public Builder urlScheme(String urlScheme) {
            this.urlScheme = urlScheme;
            return this;
        }

        public Builder serverHeader(String serverHeader) {
            this.serverHeader = serverHeader;
            return this;
        }

        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        public Builder allowObsFold(boolean allowObsFold) {
            this.allowObsFold = allowObsFold;
            return this;
        }

        public Builder allowMissingHost(boolean allowMissingHost) {
            this.allowMissingHost = allowMissingHost;
            return this;
        }

        public Builder transport(TransportKind transport) {
            this.transport = transport;
            return this;
        }

        /** Where and how to write the access log; null (the default) for none. */
        public Builder accessLog(AccessLogSettings accessLog) {
            this.accessLog = accessLog;
            return this;
        }

        /** Serve HTTPS with {@code tls} ({@code wsgi.url_scheme} becomes {@code https}), or plain HTTP for null. */
        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            if (tls != null) {
                this.urlScheme = "https";
            }
            return this;
        }

        /** The health check and metrics the server answers itself; null (the default) for none. */
        public Builder ops(OpsSettings ops) {
            this.ops = ops;
            return this;
        }

        /**
         * Listen on every one of {@code binds} instead of {@code host:port}; an empty list goes back to
         * {@code host:port}. {@code host} and {@code port} become those of the first TCP address, if any, so that
         * they keep describing the listener {@link GatewayServer#port()} reports.
         */
        public Builder binds(List<ListenAddress> binds) {
            this.binds = List.copyOf(binds);
            for (ListenAddress a : this.binds) {
                if (!a.isUnix()) {
                    this.host = a.host();
                    this.port = a.port();
                    break;
                }
            }
            return this;
        }

        /** Connections the kernel may queue per listener (SO_BACKLOG); 1024 by default. */
        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /** SO_REUSEPORT on the TCP listeners (off by default). */
        public Builder reusePort(boolean reusePort) {
            this.reusePort = reusePort;
            return this;
        }

        /** The mode of Unix socket files once bound ({@link ListenSettings#socketMode()}); null keeps the umask's. */
        public Builder socketMode(Set<PosixFilePermission> socketMode) {
            this.socketMode = socketMode;
            return this;
        }

        /** The trusted proxies and the PROXY protocol setting; {@link ProxySettings#DEFAULTS} by default. */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        /** Whether connections speak uwsgi, and from whom; {@link UwsgiSettings#OFF} by default. */
        public Builder uwsgi(UwsgiSettings uwsgi) {
            this.uwsgi = uwsgi;
            return this;
        }

        /** Whether and how to speak HTTP/2; {@link Http2Settings#DEFAULTS} (HTTP/1.1 only) by default. */
        public Builder http2(Http2Settings http2) {
            this.http2 = http2;
            return this;
        }

        /** How long an application call may take ({@link ServerConfig#requestTimeout()}); ZERO (default) for none. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(
                    host,
                    port,
                    ioThreads,
                    executor,
                    workerThreads,
                    workerParallelism,
                    workerQueue,
                    maxRequestLineLength,
                    maxHeaderFieldSize,
                    maxHeaderBlockSize,
                    maxHeaderCount,
                    maxBodySize,
                    inMemoryBodySize,
                    spoolDirectory,
                    maxPipelinedRequests,
                    maxConnections,
                    maxRequestsPerConnection,
                    idleTimeout,
                    requestHeadTimeout,
                    bodyReadTimeout,
                    sendTimeout,
                    writeBufferHighWaterMark,
                    urlScheme,
                    serverHeader,
                    debug,
                    allowObsFold,
                    allowMissingHost,
                    transport,
                    accessLog,
                    tls,
                    ops,
                    new ListenSettings(binds, backlog, reusePort, socketMode),
                    proxy,
                    uwsgi,
                    http2,
                    requestTimeout);
        }
    }
}
