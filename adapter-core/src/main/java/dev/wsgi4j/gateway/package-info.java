/**
 * The server side of the contract, shared by every server and the in-process test client so that they cannot
 * drift apart: what a server must do with a request and a response, without any connection or protocol in it.
 *
 * <ul>
 * <li>Request to environ (SPEC.md §3): {@link dev.wsgi4j.gateway.EnvironBuilder} reads a protocol-neutral
 * {@link dev.wsgi4j.gateway.RequestHead} that each server (and the test client) supplies, with
 * {@link dev.wsgi4j.gateway.RequestTarget}, {@link dev.wsgi4j.gateway.HostHeader},
 * {@link dev.wsgi4j.gateway.CgiHeaders} and {@link dev.wsgi4j.gateway.PathDecoder} as its parts, and
 * {@link dev.wsgi4j.gateway.LogWriter} behind {@code wsgi.errors}.</li>
 * <li>Application result to response (SPEC.md §4): {@link dev.wsgi4j.gateway.ResponseDriver} runs one call
 * (building the environ first from an {@link dev.wsgi4j.gateway.EnvironSource}, inside its one error path;
 * {@code GatewayCall}, with the package-private {@code start_response} state machine {@code ResponseState},
 * {@link dev.wsgi4j.gateway.StatusLine}, {@link dev.wsgi4j.gateway.HeaderRules} and {@code ContentLengths}) and
 * hands a {@link dev.wsgi4j.gateway.ResponseHead} and the body to the {@link dev.wsgi4j.gateway.ResponseTransport}
 * the server implements.</li>
 * <li>The server's own answers when the application cannot give one: {@link dev.wsgi4j.gateway.ErrorOutput}.</li>
 * </ul>
 *
 * <p>Not here: anything about sockets, framing, pipelining, limits or timeouts (a server's job, in its own module,
 * e.g. {@code dev.wsgi4j.netty}); and the exceptions applications and helpers throw for bad client input
 * ({@code BadRequestException}, {@code PayloadTooLargeException}, {@code GatewayException}), which are in
 * {@code dev.wsgi4j.http} because applications use them: this package reads them, never the other way round.
 */
package dev.wsgi4j.gateway;
