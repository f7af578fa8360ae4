package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The EmbeddedChannel tests run the pipeline a real connection of the server runs, handler for handler. */
class ProductionPipelineTest {

    private static final Application HELLO = (env, sr) -> {
        sr.start("200 OK", List.of(Header.of("Content-Length", "2")));
        return List.of("hi".getBytes(StandardCharsets.ISO_8859_1));
    };

    @Test
    void theHarnessPipelineIsTheServersConnectionPipeline() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).build();
        List<String> served;
        try (GatewayServer server = new GatewayServer(HELLO, config).start();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("the connection was served").isEqualTo('H');
            Channel connection = server.connections().iterator().next();
            served = handlerTypes(connection);
        }
        List<String> tested;
        try (GatewayHarness harness = new GatewayHarness(config, HELLO)) {
            tested = handlerTypes(harness.channel);
        }

        assertThat(served).startsWith("ConnectionLimiter", "ConnectionTimeouts", "PipelinedInputHold",
                "RequestHeadGuard", "HttpServerCodec", "CodecFollower", "RequestBodyStage", "GatewayHandler");
        assertThat(tested).isEqualTo(served);
    }

    private static List<String> handlerTypes(Channel channel) throws Exception {
        if (channel.eventLoop().inEventLoop()) { // an EmbeddedChannel's loop is the test thread
            return handlerTypesNow(channel);
        }
        return channel.eventLoop().submit(() -> handlerTypesNow(channel)).get();
    }

    private static List<String> handlerTypesNow(Channel channel) {
        return channel.pipeline().names().stream()
                .map(name -> channel.pipeline().get(name))
                .filter(handler -> handler != null)
                .map(handler -> handler.getClass().getSimpleName())
                .toList();
    }
}
