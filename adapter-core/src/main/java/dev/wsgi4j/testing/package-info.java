/**
 * Running an application without a network, for tests: {@link dev.wsgi4j.testing.TestClient} builds the environ with
 * the same {@code EnvironBuilder} a server uses (through {@code TestRequestHead}) and sends the response through the
 * same {@code ResponseDriver} into a {@code CollectingTransport}, so status, headers, HEAD, errors and aborts are
 * those of production. {@link dev.wsgi4j.testing.TestRequest} describes a request once for any
 * {@link dev.wsgi4j.testing.ApplicationRunner} (this client or a real server), {@link dev.wsgi4j.testing.TestResponse}
 * is what a client saw (large bodies kept in a {@code BodySpool}), {@code Redirects} follows redirects and
 * {@link dev.wsgi4j.testing.CookieJar} keeps cookies as a browser would, and
 * {@link dev.wsgi4j.testing.MultipartBody} writes upload bodies as a browser does.
 *
 * <p>Not here: any rule of the contract. The test client only supplies a request head and a transport; the
 * environ and the response rules stay in {@code dev.wsgi4j.gateway}, so a test that passes here says something about
 * every server. Sockets and real servers are not here either (adapter-netty's tests start those).
 */
package dev.wsgi4j.testing;
