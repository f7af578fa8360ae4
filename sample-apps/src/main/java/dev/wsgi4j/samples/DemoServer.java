package dev.wsgi4j.samples;

import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar sample-apps.jar}: serves the {@link DemoApp} until the JVM is stopped (Ctrl-C), then lets running
 * requests finish for a few seconds. Server settings come from {@link ServerOptions}.
 */
@Command(name = "sample-apps", mixinStandardHelpOptions = true, version = "wsgi4j sample-apps 0.1.0-SNAPSHOT",
        description = "Serves the wsgi4j demo application over HTTP/1.1.")
public final class DemoServer implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);
    private static final Duration GRACE = Duration.ofSeconds(5);

    @Mixin
    ServerOptions options = new ServerOptions();

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoServer()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        GatewayServer server = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping; running requests get {} s to finish", GRACE.toSeconds());
            server.stop(GRACE);
            stopped.countDown();
        }, "wsgi4j-demo-shutdown"));
        stopped.await();
        return 0;
    }

    /** Binds and starts the demo; a bad setting is a usage error, reported with the usage help. */
    GatewayServer start() throws InterruptedException {
        ServerConfig config;
        try {
            config = options.toConfig();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        GatewayServer server = new GatewayServer(new DemoApp(), config).start();
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        LOG.info("wsgi4j demo serving on http://{}:{}/", host, server.port());
        return server;
    }
}
