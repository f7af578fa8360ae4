package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The paths the server answers itself (the health check), on the connection pipeline: README "Health and metrics". */
class ServerEndpointsTest {

    private final List<String> calls = new ArrayList<>();
    private final Application app = (env, sr) -> {
        calls.add(Environ.pathInfo(env));
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(("app saw " + Environ.pathInfo(env)).getBytes(StandardCharsets.ISO_8859_1));
    };
    private GatewayHarness harness;

    private GatewayHarness serve(OpsSettings ops) {
        ServerConfig config = GatewayHarness.inline().ops(ops).build();
        ServerLifecycle lifecycle = new ServerLifecycle();
        ServerContext context = new ServerContext(config, new ApplicationSlot(app), AppExecutor.create(config),
                new ResponseDriver(false), new EnvironBuilder(LoggerFactory.getLogger("dev.wsgi4j.app")),
                Runnable::run, null, null, lifecycle, ServerEndpoints.of(ops, lifecycle, null), null);
        harness = new GatewayHarness(context, true);
        return harness;
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static String request(String method, String target) {
        return method + " " + target + " HTTP/1.1\r\nHost: h\r\n\r\n";
    }

    @Test
    void theHealthPathIsAnsweredOkWithoutCallingTheApplicationAndTheConnectionStaysOpen() {
        serve(OpsSettings.health("/healthz")).send(request("GET", "/healthz") + request("GET", "/other"));

        List<RawHttp.Response> rs = harness.responses();

        assertThat(rs).hasSize(2);
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).text()).isEqualTo("ok\n");
        assertThat(rs.get(0).header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(rs.get(0).header("Cache-Control")).isEqualTo("no-store");
        assertThat(rs.get(1).text()).isEqualTo("app saw /other");
        assertThat(calls).containsExactly("/other");
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void onceTheServerDrainsTheHealthPathSaysStoppingWith503() {
        serve(OpsSettings.health("/healthz")).send(request("GET", "/healthz"));
        assertThat(harness.only().status()).isEqualTo(200);

        harness.context.lifecycle().beginDrain();
        harness.send(request("GET", "/healthz"));

        RawHttp.Response r = harness.only();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.text()).isEqualTo("stopping\n");
        assertThat(calls).isEmpty();
    }

    @Test
    void headGetsTheHeadersOfGetWithoutTheBody() {
        serve(OpsSettings.health("/healthz")).send(request("HEAD", "/healthz") + request("GET", "/next"));

        List<RawHttp.Response> rs = harness.responses("HEAD", "GET");

        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).header("Content-Length")).isEqualTo("3");
        assertThat(rs.get(0).body()).isEmpty();
        assertThat(rs.get(1).text()).isEqualTo("app saw /next"); // no stray body bytes before the next response
    }

    @Test
    void otherMethodsAre405WithAllowAndNeverReachTheApplication() {
        serve(OpsSettings.health("/healthz"))
                .send("POST /healthz HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                        + request("DELETE", "/healthz"));

        List<RawHttp.Response> rs = harness.responses();

        assertThat(rs).extracting(RawHttp.Response::status).containsExactly(405, 405);
        assertThat(rs.get(0).header("Allow")).isEqualTo("GET, HEAD");
        assertThat(calls).isEmpty();
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void thePathMatchesExactlyWhateverTheQueryAndInAbsoluteForm() {
        serve(OpsSettings.health("/healthz")).send(request("GET", "/healthz?probe=1")
                + request("GET", "http://h/healthz") + request("GET", "/healthz/") + request("GET", "/healthzz")
                + request("GET", "/HEALTHZ"));

        List<RawHttp.Response> rs = harness.responses();

        assertThat(rs).extracting(RawHttp.Response::text)
                .containsExactly("ok\n", "ok\n", "app saw /healthz/", "app saw /healthzz", "app saw /HEALTHZ");
    }

    @Test
    void withoutAHealthPathTheApplicationGetsEveryPath() {
        serve(null).send(request("GET", "/healthz"));

        assertThat(harness.only().text()).isEqualTo("app saw /healthz");
        assertThat(harness.context.endpoints()).isNull();
    }

    @Test
    void pathsMustBeAbsoluteAndPlain() {
        assertThatThrownBy(() -> OpsSettings.health("healthz")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> OpsSettings.health("/health?x")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> new OpsSettings("/same", "/same", null, 0)).hasMessageContaining("both");
        assertThat(new OpsSettings(null, null, "127.0.0.1", 0).metricsPath()).isEqualTo("/metrics");
    }
}
