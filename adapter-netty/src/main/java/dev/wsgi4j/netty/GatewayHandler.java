package dev.wsgi4j.netty;

import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.ErrorOutput;
import dev.wsgi4j.gateway.HeaderRules;
import dev.wsgi4j.gateway.ResponseTransport;
import dev.wsgi4j.gateway.ResponseHead;
import dev.wsgi4j.gateway.ResponseDriver;
import dev.wsgi4j.gateway.RequestHead;
import dev.wsgi4j.netty.mount.ActiveMount;
import dev.wsgi4j.netty.proxy.ProxiedSource;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import dev.wsgi4j.netty.uwsgi.UwsgiOrigin;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2StreamChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one application call at a time per connection, off the event loop, and answers pipelined requests in order
 * (RFC 9112 §9.3.2). Complete requests that arrive meanwhile wait in a short queue; reading pauses when it is full,
 * so a client cannot make the server buffer without bound.
 * <p>Per request the event loop runs twice: once to hand the request to the executor, once when the application has
 * returned, to write the response's last part and take the next request ({@link #complete}). Writes the
 * application makes before that (a streamed body) go straight to the channel, paced by the {@link WritabilityGate}.
 *
 * <pre>{@code p.addLast("body", new RequestBodyStage(...)); p.addLast("gateway", new GatewayHandler(...));}</pre>
 *
 * <table><caption>Responses it sends on its own</caption>
 * <tr><td>100 Continue</td><td>at a {@link ContinueSignal}, once earlier responses are out</td></tr>
 * <tr><td>a {@link RequestRejection}'s status</td><td>in order, with {@code Connection: close}, then close</td></tr>
 * <tr><td>503</td><td>the executor of the request's mount is full (SPEC.md §6.10)</td></tr>
 * <tr><td>503 with {@code Retry-After}, then close</td><td>the request timeout passed before the application's
 * head went out ({@link RequestDeadline}); after it, the response is cut instead</td></tr>
 * <tr><td>a {@link ServerEndpoint}'s answer</td><td>at a path the server answers itself ({@link ServerEndpoints}),
 * in order like any response</td></tr>
 * </table>
 */
final class GatewayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

    private final ServerContext server;
    private final int maxQueued;
    /** The paths the server answers itself, or null for none (the usual case: one null check per request). */
    private final ServerEndpoints endpoints;
    /** Null when metrics are off: then nothing is measured. */
    private final ServerMetrics metrics;
    /** Whether a request's duration is wanted (access log or metrics): only then is the clock read. */
    private final boolean timed;
    private final ArrayDeque<GatewayMessage> queue = new ArrayDeque<>(4);
    private WritabilityGate gate;
    private ConnectionTimeouts timeouts;
    private boolean busy;
    private boolean closing;
    /** The last response's last write, which may still be going out when the next request is awaited. */
    private ChannelFuture lastResponseWrite;
    /** The server's drain reached this connection: requests completed from now on are not answered. */
    private boolean drainSeen;
    /** The queue's size, for the application's thread to decide its answer's {@code Connection} header. */
    private volatile int waiting;
    /** {@link #lastBeforeStop}, made once per connection rather than once per request. */
    private final java.util.function.BooleanSupplier lastOnConnection = this::lastBeforeStop;
    private int served;
    /** The mount serving the request in flight (one at a time per connection), for its access-log line. */
    private ActiveMount current;

    GatewayHandler(ServerContext server) {
        this.server = server;
        this.maxQueued = server.config().maxPipelinedRequests();
        this.endpoints = server.endpoints();
        this.metrics = server.metrics();
        this.timed = server.accessLog() != null || metrics != null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        gate = new WritabilityGate(ctx.channel(), server.config().sendTimeout().toNanos());
        timeouts = ctx.pipeline().get(ConnectionTimeouts.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        GatewayMessage message = (GatewayMessage) msg;
        if (closing || drainSeen && (busy || !queue.isEmpty())) {
            message.release(); // when draining, only a request already under way on an idle connection is served
            return;
        }
        if (!busy && queue.isEmpty()) {
            handle(ctx, message);
        } else {
            queue.add(message);
            waiting = queue.size();
            if (queue.size() >= maxQueued) {
                ReadPauses.of(ctx.channel()).pause(ctx.channel(), ReadPauses.PIPELINE);
            }
        }
        if (!busy && !closing && timeouts != null) {
            timeouts.responsesDone(lastResponseWrite);
        }
    }

    /** Takes queued messages until one occupies the connection (a request) or closes it (a rejection). */
    private void next(ChannelHandlerContext ctx) {
        while (!busy && !closing && !queue.isEmpty()) {
            GatewayMessage message = queue.poll();
            waiting = queue.size();
            if (queue.size() < maxQueued) {
                ReadPauses.of(ctx.channel()).resume(ctx.channel(), ReadPauses.PIPELINE);
            }
            handle(ctx, message);
        }
        if (!busy && !closing && timeouts != null) {
            timeouts.responsesDone(lastResponseWrite);
        }
    }

    /** The one place where a message's kind decides what the connection does. */
    private void handle(ChannelHandlerContext ctx, GatewayMessage message) {
        if (message instanceof CompleteRequest request) {
            dispatch(ctx, request);
        } else if (message instanceof RequestRejection rejection) {
            reject(ctx, rejection);
        } else if (message == ContinueSignal.INSTANCE) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    private void reject(ChannelHandlerContext ctx, RequestRejection rejection) {
        closing = true;
        discardQueue();
        // A request in another major version (505) is still answered in the HTTP/1.1 it was framed in.
        HttpVersion version = rejection.version() != null && rejection.version().majorVersion() == 1
                ? rejection.version() : HttpVersion.HTTP_1_1;
        NettyTransport transport = new NettyTransport(ctx.channel(), version, false, gate, false,
                server.config().serverHeader(), () -> true);
        ErrorOutput.Response error = ErrorOutput.status(rejection.status(), false);
        transport.sendFull(error.head(), error.chunks());
        if (server.accessLog() != null) {
            logAccess(ctx, transport, rejection.request(), System.nanoTime(), System.currentTimeMillis(), null);
        }
        if (metrics != null) {
            metrics.requestRefused(rejection.request() == null ? null : rejection.request().method().name(),
                    rejection.status());
            if (rejection.status() == 503) { // the one rejection that is the server's fault: RequestBodyStage
                metrics.unavailable(ServerMetrics.Unavailable.SPOOL_FAILED);
            }
        }
        LingeringClose.after(ctx.channel(), transport.lastWrite());
    }

    /**
     * Hands {@code request} to the application of its mount (on that mount's executor), or to the server's own
     * {@link ServerEndpoint} at its path. An endpoint's answer is access-logged like any other but not measured: a
     * metrics scrape would count itself.
     */
    private void dispatch(ChannelHandlerContext ctx, CompleteRequest request) {
        busy = true;
        served++;
        HttpRequest head = request.head();
        // A uwsgi connection carries one request (nginx does not reuse them): its answer ends it.
        boolean keepAlive = HttpUtil.isKeepAlive(head) && served < server.config().maxRequestsPerConnection()
                && !server.config().uwsgi().enabled();
        ServerEndpoint endpoint = endpoints == null ? null : endpoints.find(head);
        ActiveMount mount = endpoint == null ? server.mounts().select(head.uri(), uwsgiMount(ctx)) : null;
        current = mount;
        boolean offLoop = endpoint == null ? !mount.executor().inline() : endpoint.executor() != null;
        NettyTransport transport = new NettyTransport(ctx.channel(), head.protocolVersion(), keepAlive, gate,
                offLoop, server.config().serverHeader(), lastOnConnection);
        // From the head's arrival, so that time spent waiting behind a pipelined request counts.
        long startNanos = !timed ? 0 : request.receivedNanos() != 0 ? request.receivedNanos() : System.nanoTime();
        long startMillis = server.accessLog() == null ? 0
                : System.currentTimeMillis() - (System.nanoTime() - startNanos) / 1_000_000;
        boolean measured = metrics != null && endpoint == null;
        if (measured) {
            metrics.requestStarted();
        }
        long timeoutNanos = endpoint == null ? mount.executor().requestTimeoutNanos() : 0;
        RequestDeadline deadline = timeoutNanos == 0 ? null : new RequestDeadline(transport,
                headSent -> expired(ctx, transport, head, startNanos, startMillis, measured, headSent));
        Runnable call = () -> {
            boolean inTime = deadline == null || deadline.enter();
            try {
                if (endpoint == null) {
                    if (inTime) {
                        serve(ctx, request, deadline == null ? transport : deadline, transport, mount);
                    }
                } else {
                    ServerEndpoints.respond(endpoint, head, transport);
                }
            } finally {
                if (deadline != null) {
                    deadline.exit();
                }
                request.release();
                if (ctx.executor().inEventLoop()) {
                    complete(ctx, transport, head, startNanos, startMillis, measured, deadline);
                } else {
                    ctx.executor().execute(() -> complete(ctx, transport, head, startNanos, startMillis, measured,
                            deadline));
                }
            }
        };
        if (endpoint == null ? mount.executor().execute(call) : ServerEndpoints.execute(endpoint, call)) {
            if (deadline != null) {
                deadline.schedule(ctx.executor(), timeoutNanos); // from the hand-off: a wait for a thread counts
            }
        } else {
            LOG.warn("{} {}: {}; answering 503", head.method(), head.uri(),
                    endpoint == null ? mount.executorName() + " full" : "the metrics executor has stopped");
            if (measured) {
                metrics.unavailable(ServerMetrics.Unavailable.EXECUTOR_FULL);
            }
            unavailable(ctx, request, transport, startNanos, startMillis, measured);
        }
    }

    /**
     * Whether the answer being written ends the connection because the server is stopping (SPEC.md §6.6): once
     * draining, complete requests already queued behind it are still answered, the last of them with
     * {@code Connection: close}. Asked on the application's thread, hence the volatile queue size.
     */
    private boolean lastBeforeStop() {
        return server.lifecycle().draining() && waiting == 0;
    }

    /** The server's own 503, when what should answer {@code request} takes no more work. */
    private void unavailable(ChannelHandlerContext ctx, CompleteRequest request, NettyTransport transport,
                             long startNanos, long startMillis, boolean measured) {
        request.release();
        HttpRequest head = request.head();
        ErrorOutput.Response error = ErrorOutput.status(503, HttpMethod.HEAD.equals(head.method()));
        transport.sendFull(error.head(), error.chunks());
        complete(ctx, transport, head, startNanos, startMillis, measured, null);
    }

    /**
     * The request timeout passed (SPEC.md §6.6), on the event loop after the application's queued writes: the
     * server answers 503 in its place, or cuts the response whose head went out, and closes the connection (on
     * HTTP/2, the stream). It logs, measures and access-logs the request now, since the application's thread may
     * never come back; {@link #complete} then does nothing for it.
     */
    private void expired(ChannelHandlerContext ctx, NettyTransport transport, HttpRequest head, long startNanos,
                         long startMillis, boolean measured, boolean headSent) {
        LOG.warn("{} {}: the application did not finish within the request timeout ({} ms); {}", head.method(),
                HeaderRules.quote(head.uri()), TimeUnit.NANOSECONDS.toMillis(current.executor().requestTimeoutNanos()),
                headSent ? "response cut" : "answering 503");
        closing = true;
        discardQueue();
        if (measured) {
            // Before the answer goes out, as in complete(): a client that has it finds it counted.
            ResponseHead sent = transport.head();
            metrics.requestTimedOut();
            metrics.requestFinished(head.method().name(), !headSent ? 503 : sent == null ? 0 : sent.status().code(),
                    System.nanoTime() - startNanos);
        }
        if (headSent) {
            transport.abort(new IOException("request timeout"));
        } else {
            transport.sendTimeoutAnswer(HttpMethod.HEAD.equals(head.method()));
            LingeringClose.after(ctx.channel(), transport.lastWrite());
        }
        if (server.accessLog() != null) {
            logAccess(ctx, transport, head, startNanos, startMillis, current == null ? null : current.prefix());
        }
    }

    /**
     * On the application's thread: the environ is built inside the driver, so any failure gets its one answer; the
     * mount then moves its prefix from PATH_INFO to SCRIPT_NAME (after a uwsgi SCRIPT_NAME var moved its own).
     * {@code transport} is what the application writes through (the deadline's, when there is one), {@code wire}
     * the connection's own, whose last write tells when the response is out.
     */
    private void serve(ChannelHandlerContext ctx, CompleteRequest request, ResponseTransport transport,
                       NettyTransport wire, ActiveMount mount) {
        HttpRequest head = request.head();
        WsgiInput[] input = new WsgiInput[1]; // opened inside the driver, closed here whatever happened
        // Held until the body is closed: a swap meanwhile leaves this request on the application it started on.
        ApplicationSlot.Generation generation = mount.applications().acquire();
        try {
            server.driver().run(generation.application(), head.method().name(), head.uri(), () -> {
                input[0] = request.body().open();
                Channel connection = connection(ctx);
                RequestHead http = new NettyRequestHead(head, request.body().length(),
                        connection.localAddress(), remoteAddress(ctx), server.config().urlScheme(),
                        TlsSessionStage.environKeys(connection), connection.remoteAddress());
                UwsgiOrigin uwsgi = UwsgiOrigin.of(ctx.channel()); // the vars name the client, host and scheme
                Map<String, Object> environ = uwsgi == null ? server.environBuilder().build(http, input[0])
                        : uwsgi.mount(server.environBuilder().build(uwsgi.over(http), input[0]));
                mount.shift(environ);
                return environ;
            }, transport);
        } finally {
            closeQuietly(input[0]);
            release(generation, wire);
        }
    }

    /**
     * Ends the request's hold on its application once its body is closed: now, unless a write is still under way,
     * which may be a file body's (GatewayCall hands a {@code FileWrapper} over, and it is closed when its last write
     * completes, by a listener added before this one). Whole responses are kept for {@link #complete}: no write yet.
     */
    private static void release(ApplicationSlot.Generation generation, NettyTransport transport) {
        ChannelFuture last = transport.lastWrite();
        if (last == null || last.isDone()) {
            generation.release();
        } else {
            last.addListener(done -> generation.release());
        }
    }

    /** The prefix a uwsgi SCRIPT_NAME var takes off PATH_INFO before any mount is chosen, or null. */
    private static String uwsgiMount(ChannelHandlerContext ctx) {
        UwsgiOrigin uwsgi = UwsgiOrigin.of(ctx.channel());
        return uwsgi == null ? null : uwsgi.mount();
    }

    /** The client a uwsgi peer named, else the TCP peer, as the access log shows it. */
    private SocketAddress clientAddress(ChannelHandlerContext ctx) {
        UwsgiOrigin uwsgi = UwsgiOrigin.of(ctx.channel());
        return uwsgi != null && uwsgi.client() != null ? uwsgi.client() : remoteAddress(ctx);
    }

    /** The client a trusted PROXY protocol header named (SPEC.md §3.9), else the TCP peer. */
    private SocketAddress remoteAddress(ChannelHandlerContext ctx) {
        Channel connection = connection(ctx);
        return server.config().proxy().proxyProtocol() ? ProxiedSource.remoteAddress(connection)
                : connection.remoteAddress();
    }

    /** The TCP (or Unix socket) connection: the channel itself, or an HTTP/2 stream's parent, which holds its TLS
     *  session and PROXY header. */
    private static Channel connection(ChannelHandlerContext ctx) {
        return ctx.channel() instanceof Http2StreamChannel stream ? stream.parent() : ctx.channel();
    }

    private static void closeQuietly(WsgiInput input) {
        if (input != null) {
            try {
                input.close();
            } catch (IOException e) {
                LOG.debug("closing wsgi.input failed", e);
            }
        }
    }

    /**
     * On the event loop, once the application returned (or, after its request timeout, came back at last: then
     * nothing is left to do): writes what the transport kept for the end (a whole
     * response, or a streamed body's last chunk), logs and measures it when asked to, then closes or takes the next
     * request.
     */
    private void complete(ChannelHandlerContext ctx, NettyTransport transport, HttpRequest head, long startNanos,
                          long startMillis, boolean measured, RequestDeadline deadline) {
        if (deadline != null && deadline.timedOut()) {
            return; // expired() answered, measured and logged it, and closes the connection
        }
        if (measured) {
            // Before the last write goes out: a client that has its whole answer finds it counted.
            ResponseHead sent = transport.head();
            metrics.requestFinished(head.method().name(), sent == null ? 0 : sent.status().code(),
                    System.nanoTime() - startNanos);
        }
        transport.writeKept();
        if (server.accessLog() != null) {
            logAccess(ctx, transport, head, startNanos, startMillis, current == null ? null : current.prefix());
        }
        busy = false;
        lastResponseWrite = transport.lastWrite();
        boolean stopping = server.lifecycle().draining() && queue.isEmpty();
        if (!transport.keepAlive() || stopping || !ctx.channel().isActive()) {
            closing = true;
            discardQueue();
            if (transport.lastWrite() != null) {
                transport.lastWrite().addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
            return;
        }
        next(ctx);
    }

    /**
     * One access-log record for the response {@code transport} sent; {@code head} is null for a refused head,
     * {@code mount} when no mount served it.
     */
    private void logAccess(ChannelHandlerContext ctx, NettyTransport transport, HttpRequest head, long startNanos,
                           long startMillis, String mount) {
        ResponseHead sent = transport.head();
        // Over uwsgi, the request line nginx was sent (REQUEST_URI, SERVER_PROTOCOL), not the head's stand-in version.
        UwsgiOrigin uwsgi = head == null ? null : UwsgiOrigin.of(ctx.channel());
        server.accessLog().offer(new AccessRecord(clientAddress(ctx), startMillis,
                head == null ? null : head.method().name(), head == null ? null : head.uri(),
                head == null ? null : uwsgi != null ? uwsgi.protocol() : head.protocolVersion().text(),
                head == null ? null : head.headers(),
                sent == null ? 0 : sent.status().code(), sent == null ? List.of() : sent.headers(),
                transport.bodyBytes(), System.nanoTime() - startNanos, mount));
    }

    /** The server began to stop ({@link ConnectionTimeouts} closed this connection already if it was idle). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ConnectionTimeouts.DrainStarted.INSTANCE) {
            drainSeen = true;
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        gate.signal();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        gate.signal();
        discardQueue();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection error from {}", ctx.channel().remoteAddress(), cause);
        } else {
            LOG.warn("unexpected error on {}", ctx.channel(), cause);
        }
        ctx.close();
    }

    private void discardQueue() {
        for (GatewayMessage message = queue.poll(); message != null; message = queue.poll()) {
            message.release();
        }
        waiting = 0;
    }
}
