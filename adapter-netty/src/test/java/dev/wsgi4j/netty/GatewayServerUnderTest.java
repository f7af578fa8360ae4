package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.conformance.Capability;
import dev.wsgi4j.conformance.KitOptions;
import dev.wsgi4j.conformance.RunningServer;
import dev.wsgi4j.conformance.ServerUnderTest;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** {@link GatewayServer} as a server under test: one server per statement, on an ephemeral loopback port. */
final class GatewayServerUnderTest implements ServerUnderTest {

    @Override
    public RunningServer start(Application application, KitOptions options) throws Exception {
        GatewayServer server = new GatewayServer(application, ServerConfig.builder().host("127.0.0.1").port(0)
                .environ(options.environ())
                .executor(options.singleThreaded() ? ExecutorKind.SINGLE : ExecutorKind.POOL)
                .build()).start();
        return RunningServer.overSocket(new InetSocketAddress("127.0.0.1", server.port()),
                () -> server.stop(Duration.ofSeconds(1)));
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public String extensionPrefix() {
        return "wsgi4j.";
    }

    @Override
    public Path environDocumentation() {
        return Path.of("..", "SPEC.md");
    }
}
