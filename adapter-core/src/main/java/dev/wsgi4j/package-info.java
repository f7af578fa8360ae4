/**
 * The contract an application is written against, and nothing else: {@link dev.wsgi4j.Application} (the PEP 3333
 * application callable), {@link dev.wsgi4j.StartResponse} and the legacy {@link dev.wsgi4j.Write} it returns,
 * the environ keys and typed accessors of {@link dev.wsgi4j.Environ}, the request body stream
 * {@link dev.wsgi4j.WsgiInput}, one response {@link dev.wsgi4j.Header}, and {@link dev.wsgi4j.FileWrapper} for
 * zero-copy file bodies. SPEC.md §1 to §4 say what each side may rely on.
 *
 * <p>Not here, so that an application compiles against a small, stable surface: how a server carries the contract
 * out ({@code dev.wsgi4j.gateway}: the environ builder and the response state machine every server shares), the
 * helpers an application may use and the exceptions they throw ({@code dev.wsgi4j.http}), middleware
 * ({@code dev.wsgi4j.middleware}), the in-process test client ({@code dev.wsgi4j.testing}), and any server
 * ({@code dev.wsgi4j.netty} lives in adapter-netty; nothing in adapter-core depends on it).
 */
package dev.wsgi4j;
