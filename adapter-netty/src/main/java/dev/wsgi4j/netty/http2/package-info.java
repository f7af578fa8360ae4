/**
 * HTTP/2 (README "HTTP/2", SPEC.md §6.9, SECURITY.md "HTTP/2"): where a connection becomes HTTP/2 (by ALPN after
 * TLS, at the h2c preface, or at an {@code Upgrade: h2c} first request: {@link dev.wsgi4j.netty.http2.Http2Stack}),
 * its settings ({@link dev.wsgi4j.netty.http2.Http2Settings}), and the per-stream codec that checks a header block
 * with the HTTP/1.1 policy before turning it into the request the HTTP/1.1 path serves. Everything after that (body
 * stage, environ, executor, response, access log, metrics) is the HTTP/1.1 path's own, run on the stream's channel.
 */
package dev.wsgi4j.netty.http2;
