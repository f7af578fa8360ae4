package dev.wsgi4j.netty;

import dev.wsgi4j.netty.http2.Http2Settings;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import dev.wsgi4j.netty.uwsgi.UwsgiSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The start line says which protocols a listener speaks, so an operator sees whether HTTP/2 is on. */
class StartLineTest {

    @Test
    void namesHttp11AloneOrWithWhicheverHttp2IsOnOrUwsgi() {
        assertThat(GatewayServer.protocols(ServerConfig.defaults())).isEqualTo("HTTP/1.1");
        assertThat(GatewayServer.protocols(ServerConfig.builder()
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)).build()))
                .isEqualTo("HTTP/1.1 and h2c by prior knowledge");
        assertThat(GatewayServer.protocols(ServerConfig.builder()
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.UPGRADE)).build()))
                .isEqualTo("HTTP/1.1 and h2c by Upgrade");
        assertThat(GatewayServer.protocols(ServerConfig.builder()
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.BOTH)).build()))
                .isEqualTo("HTTP/1.1 and h2c by prior knowledge or Upgrade");
        assertThat(GatewayServer.protocols(ServerConfig.builder().uwsgi(UwsgiSettings.on(TrustedProxies.LOOPBACK))
                .build())).isEqualTo("uwsgi protocol");
    }
}
