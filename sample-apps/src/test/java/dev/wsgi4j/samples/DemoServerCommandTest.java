package dev.wsgi4j.samples;

import dev.wsgi4j.netty.GatewayServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DemoServerCommandTest {

    @Test
    void helpPrintsUsageWithTheServerOptions() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new DemoServer()).setOut(new PrintWriter(out)).execute("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: sample-apps", "--host=HOST", "--port=PORT", "127.0.0.1", "8080");
    }

    @Test
    void withoutOptionsTheServerIsConfiguredFor127001Port8080() {
        DemoServer command = new DemoServer();
        new CommandLine(command).parseArgs();

        assertThat(command.options.toConfig().host()).isEqualTo("127.0.0.1");
        assertThat(command.options.toConfig().port()).isEqualTo(8080);
    }

    @Test
    void hostAndPortOverrideTheDefaults() {
        DemoServer command = new DemoServer();
        new CommandLine(command).parseArgs("--host", "0.0.0.0", "--port", "18080");

        assertThat(command.options.toConfig().host()).isEqualTo("0.0.0.0");
        assertThat(command.options.toConfig().port()).isEqualTo(18080);
    }

    @Test
    void anOutOfRangePortIsAUsageErrorWithANonZeroExitCode() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new DemoServer()).setErr(new PrintWriter(err)).execute("--port", "70000");

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("port must be in 0..65535", "Usage:");
    }

    @Test
    void theStartedServerServesTheDemoIndex() throws Exception {
        DemoServer command = new DemoServer();
        new CommandLine(command).parseArgs("--port", "0");
        GatewayServer server = command.start();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("<h1>wsgi4j demo</h1>");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
