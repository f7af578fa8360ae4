package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.proxy.TrustedProxies;
import dev.wsgi4j.netty.uwsgi.UwsgiSettings;
import picocli.CommandLine.Option;

/**
 * The protocol options of {@code wsgi4j-server}, named as gunicorn names them; a mixin of {@link ServerOptions},
 * mapped to {@link dev.wsgi4j.netty.ServerConfig#uwsgi()} by {@link #toConfig()}.
 */
public final class ProtocolOptions {

    @Option(names = "--protocol", paramLabel = "PROTOCOL", defaultValue = "http",
            description = {"What connections speak: http (HTTP/1.1, the default) or uwsgi (the binary protocol of "
                    + "nginx's uwsgi_pass; plain connections only, one request each)."})
    String protocol;

    @Option(names = "--uwsgi-allow-from", paramLabel = "IPS", defaultValue = "127.0.0.1,::1",
            description = {"With --protocol uwsgi, the peers that may connect: comma-separated IPv4/IPv6 addresses "
                    + "and CIDR networks, or * for every peer (default: ${DEFAULT-VALUE}); Unix-socket peers "
                    + "always may. Others are closed at once: a uwsgi peer's vars set REMOTE_ADDR, the scheme and "
                    + "the host, so only the proxy may connect."})
    String uwsgiAllowFrom;

    /** @throws IllegalArgumentException naming the option and the value at fault */
    UwsgiSettings toConfig() {
        TrustedProxies allowed;
        try {
            allowed = TrustedProxies.parse(uwsgiAllowFrom);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--uwsgi-allow-from: " + e.getMessage(), e);
        }
        return switch (protocol) {
            case "http" -> new UwsgiSettings(false, allowed);
            case "uwsgi" -> UwsgiSettings.on(allowed);
            default -> throw new IllegalArgumentException("--protocol must be http or uwsgi: " + protocol);
        };
    }

    /** What {@code --check-config} prints for {@code uwsgi}. */
    static String describe(UwsgiSettings uwsgi) {
        return uwsgi.enabled() ? "uwsgi, uwsgi-allow-from: " + uwsgi.allowFrom() + " and Unix sockets" : "http";
    }
}
