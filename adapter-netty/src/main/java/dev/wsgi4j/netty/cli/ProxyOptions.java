package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.proxy.ProxySettings;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import picocli.CommandLine.Option;

/**
 * The "behind a proxy" options of {@code wsgi4j-server}, named as gunicorn names them; a mixin of
 * {@link ServerOptions}, mapped to {@link dev.wsgi4j.netty.ServerConfig#proxy()} by {@link #toConfig()}.
 */
public final class ProxyOptions {

    @Option(names = "--forwarded-allow-ips", paramLabel = "IPS", defaultValue = "127.0.0.1,::1",
            description = {"Peers trusted as proxies: comma-separated IPv4/IPv6 addresses and CIDR networks, or * "
                    + "for every peer; '' trusts nobody (default: ${DEFAULT-VALUE}).",
                    "Only from these peers do X-Forwarded-For, -Proto, -Host, -Port, -Prefix and Forwarded set "
                            + "REMOTE_ADDR, wsgi.url_scheme, HTTP_HOST/SERVER_NAME/SERVER_PORT and SCRIPT_NAME, and "
                            + "is a PROXY header believed; from any other peer they reach the application "
                            + "untouched as HTTP_* keys. Any process on a trusted address can claim any client "
                            + "address: set '' when no proxy runs there."})
    String forwardedAllowIps;

    @Option(names = "--proxy-protocol",
            description = "Accept an HAProxy PROXY protocol header (v1 or v2) at the start of connections from "
                    + "--forwarded-allow-ips peers; its source address becomes REMOTE_ADDR. Such a connection "
                    + "without the header is served as it is; one from any other peer that sends it is closed.")
    boolean proxyProtocol;

    /** @throws IllegalArgumentException naming the option and the entry at fault */
    ProxySettings toConfig() {
        try {
            return new ProxySettings(TrustedProxies.parse(forwardedAllowIps), proxyProtocol);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--forwarded-allow-ips: " + e.getMessage(), e);
        }
    }

    /** What {@code --check-config} prints for {@code proxy}. */
    static String describe(ProxySettings proxy) {
        return proxy.trusted() + ", proxy-protocol: " + (proxy.proxyProtocol() ? "on" : "off");
    }
}
