package dev.wsgi4j.netty.proxy;

import java.util.Objects;

/**
 * How the server treats proxies in front of it (README "Behind a proxy", SECURITY.md).
 *
 * @param trusted       the peers whose {@code X-Forwarded-*}, {@code Forwarded} and PROXY headers are believed
 * @param proxyProtocol read an HAProxy PROXY protocol header (v1 or v2) at the start of connections from
 *                      {@code trusted} peers ({@link ProxyProtocolStage})
 */
public record ProxySettings(TrustedProxies trusted, boolean proxyProtocol) {

    /** gunicorn's defaults: loopback trusted, no PROXY protocol. */
    public static final ProxySettings DEFAULTS = new ProxySettings(TrustedProxies.LOOPBACK, false);

    public ProxySettings {
        Objects.requireNonNull(trusted, "trusted");
    }
}
