/**
 * The HTTP/1.1 server: everything between a socket and the shared core in {@code dev.wsgi4j.gateway}. Start with
 * {@link dev.wsgi4j.netty.GatewayServer} (bind, serve, graceful stop), configured by one immutable
 * {@link dev.wsgi4j.netty.ServerConfig}; {@link dev.wsgi4j.netty.ExecutorKind} says where applications run and
 * {@link dev.wsgi4j.netty.TransportKind} which sockets carry them. What all connections of one server share
 * (configuration, executor, environ builder, response driver) is one {@link dev.wsgi4j.netty.ServerContext}.
 * It listens through {@link dev.wsgi4j.netty.Listeners}: one channel per {@link dev.wsgi4j.netty.ListenAddress}
 * (TCP, or a Unix domain socket whose file {@link dev.wsgi4j.netty.UnixSocketFile} clears when stale and deletes at
 * stop), all feeding the same pipeline.
 *
 * <h2>One connection's pipeline, in order</h2>
 * Written in one place, {@link dev.wsgi4j.netty.GatewayInitializer#installHandlers}; the tests build their channels
 * with it too, so they run the order the server runs.
 * <ol>
 * <li>{@code limiter}: {@link dev.wsgi4j.netty.ConnectionLimiter} caps open connections ({@code maxConnections}),
 * pausing accepts instead of refusing.</li>
 * <li>{@code bytes} (metrics only): {@link dev.wsgi4j.netty.ByteCounter} counts bytes in and out for
 * {@link dev.wsgi4j.netty.ServerMetrics}.</li>
 * <li>{@code timeouts}: {@link dev.wsgi4j.netty.ConnectionTimeouts}, the connection's clock: idle keep-alive,
 * request-head deadline (slowloris), body stall (408), half-close (SPEC.md §6.6).</li>
 * <li>{@code proxy} (with {@code --proxy-protocol} only): {@link dev.wsgi4j.netty.proxy.ProxyProtocolStage} reads an
 * HAProxy PROXY header from a trusted peer, before TLS, and leaves the pipeline (SPEC.md §3.9).</li>
 * <li>{@code hold}: {@link dev.wsgi4j.netty.PipelinedInputHold} keeps pipelined input while reading is paused and
 * replays it when reading resumes.</li>
 * <li>{@code guard}: {@link dev.wsgi4j.netty.RequestHeadGuard} runs the byte-level
 * {@link dev.wsgi4j.netty.RequestHeadScanner} over each head before the codec sees it (obs-fold, duplicate
 * {@code Content-Length} on HTTP/1.0, ...), refusing with a {@link dev.wsgi4j.netty.RequestHeadViolation}; it finds
 * where each body ends with {@link dev.wsgi4j.netty.BodyEndScanner}.</li>
 * <li>{@code codec}: Netty's {@code HttpServerCodec}, strict settings from
 * {@link dev.wsgi4j.netty.GatewayInitializer#decoderConfig}.</li>
 * <li>{@code follower}: {@link dev.wsgi4j.netty.CodecFollower} tells the guard how the codec framed the body, so the
 * two never parse framing twice.</li>
 * <li>With {@code --protocol uwsgi}, instead of {@code hold} to {@code follower}: the
 * {@link dev.wsgi4j.netty.uwsgi.UwsgiStages} (peer filter, packet decoder, response encoder without chunking), whose
 * request objects the body stage and the gateway serve as they are; the vars' client, host and scheme reach the
 * environ through {@link dev.wsgi4j.netty.uwsgi.UwsgiOrigin}.</li>
 * <li>{@code body}: {@link dev.wsgi4j.netty.RequestBodyStage} applies {@link dev.wsgi4j.netty.RequestHeadRules}
 * (Host, Transfer-Encoding, target, header limits) and {@link dev.wsgi4j.netty.DecoderFailures} (decoder error to
 * status), reads the body into memory or a {@link dev.wsgi4j.netty.SpoolFile}, and emits one
 * {@link dev.wsgi4j.netty.GatewayMessage} per step.</li>
 * <li>{@code gateway}: {@link dev.wsgi4j.netty.GatewayHandler} answers in request order, one application call at a
 * time per connection, queueing pipelined requests and pausing reads when the queue is full.</li>
 * </ol>
 * {@link dev.wsgi4j.netty.ReadPauses} records why reading is paused (pipeline full, spool behind, rejection) for the
 * stages that pause it; reading resumes only when no reason remains.
 *
 * <h2>What passes from the body stage to the handler</h2>
 * A sealed {@link dev.wsgi4j.netty.GatewayMessage}, so the handler decides once what each one means:
 * <ul>
 * <li>{@link dev.wsgi4j.netty.CompleteRequest}: a checked head and its {@link dev.wsgi4j.netty.RequestBody}, either
 * {@link dev.wsgi4j.netty.InMemoryBody} or {@link dev.wsgi4j.netty.SpooledBody}, whose length is known once;</li>
 * <li>{@link dev.wsgi4j.netty.RequestRejection}: a status to answer in order before closing (400, 413, 417, 503,
 * ...);</li>
 * <li>{@link dev.wsgi4j.netty.ContinueSignal}: where an interim {@code 100 Continue} belongs.</li>
 * </ul>
 *
 * <h2>After the pipeline</h2>
 * <ol>
 * <li>{@link dev.wsgi4j.netty.GatewayHandler} hands a complete request to the {@link dev.wsgi4j.netty.AppExecutor}
 * (an {@link dev.wsgi4j.netty.ElasticPool}, virtual threads, or inline on the event loop; full means 503), unless
 * its path is one the server answers itself ({@link dev.wsgi4j.netty.ServerEndpoints}: the health check of
 * {@link dev.wsgi4j.netty.OpsSettings}, the metrics when they share the application's port).</li>
 * <li>On that thread the core {@code ResponseDriver} takes over: inside its one error path it has the core
 * {@code EnvironBuilder} turn the request, read through {@link dev.wsgi4j.netty.NettyRequestHead}, into the environ,
 * then calls the application and runs the response rules of SPEC.md §4.</li>
 * <li>{@link dev.wsgi4j.netty.NettyTransport} writes the response to the channel (full, chunked, close-delimited or
 * zero-copy file), waiting at the {@link dev.wsgi4j.netty.WritabilityGate} while the client does not read, with the
 * {@code Date} header from {@link dev.wsgi4j.netty.HttpDate}.</li>
 * <li>Back on the event loop the handler writes what the transport kept for the end and takes the next request;
 * after an error answer, {@link dev.wsgi4j.netty.LingeringClose} drains the client before closing (RFC 9112
 * §9.6).</li>
 * </ol>
 *
 * <p>Metrics ({@link dev.wsgi4j.netty.ServerMetrics}) are told of each request by the handler, of bytes by
 * {@link dev.wsgi4j.netty.ByteCounter}; the Micrometer implementation lives in {@code dev.wsgi4j.netty.metrics},
 * loaded only when metrics are on; {@link dev.wsgi4j.netty.MetricsListener} serves them on a port of their own.
 *
 * <p>Not here: how a request becomes an environ and how an application's result becomes a response. Those rules are
 * the core's ({@code dev.wsgi4j.gateway}), shared with the test client, so this package only adapts Netty to them
 * and never decides a contract rule of its own. Limits and what each refusal answers are in SPEC.md §6.5 and
 * SECURITY.md.
 */
package dev.wsgi4j.netty;
