/**
 * Running behind a proxy (README "Behind a proxy", SECURITY.md, SPEC.md §3.9): which peers are trusted
 * ({@link dev.wsgi4j.netty.proxy.TrustedProxies}, from {@code --forwarded-allow-ips}), and the HAProxy PROXY protocol
 * at a connection's start ({@link dev.wsgi4j.netty.proxy.ProxyProtocolStage}, {@link
 * dev.wsgi4j.netty.proxy.ProxiedSource}). The forwarding headers themselves are read by core's
 * {@code EnvironBuilder}, the one protocol-neutral place every server builds its environ in; this package only
 * tells it whom to believe.
 */
package dev.wsgi4j.netty.proxy;
