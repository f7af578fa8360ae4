package dev.wsgi4j.netty.uwsgi;

import dev.wsgi4j.netty.proxy.TrustedProxies;

import java.util.Objects;

/**
 * Whether connections speak the uwsgi protocol (nginx's {@code uwsgi_pass}) instead of HTTP/1.1, and which peers
 * may (README "The uwsgi protocol", SECURITY.md). Off by default.
 *
 * @param enabled   serve uwsgi packets instead of HTTP/1.1 ({@code --protocol uwsgi})
 * @param allowFrom the peers that may connect when {@code enabled} ({@code --uwsgi-allow-from}); a peer on a Unix
 *                  domain socket always may. Their vars are believed: REMOTE_ADDR, HTTPS, SERVER_NAME and the
 *                  rest come from them
 */
public record UwsgiSettings(boolean enabled, TrustedProxies allowFrom) {

    /** gunicorn's defaults: HTTP, and loopback allowed should uwsgi be turned on. */
    public static final UwsgiSettings OFF = new UwsgiSettings(false, TrustedProxies.LOOPBACK);

    public UwsgiSettings {
        Objects.requireNonNull(allowFrom, "allowFrom");
    }

    /** uwsgi from {@code allowFrom} and Unix-socket peers. */
    public static UwsgiSettings on(TrustedProxies allowFrom) {
        return new UwsgiSettings(true, allowFrom);
    }
}
