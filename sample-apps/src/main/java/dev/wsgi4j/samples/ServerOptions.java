package dev.wsgi4j.samples;

import dev.wsgi4j.netty.ServerConfig;
import picocli.CommandLine.Option;

/**
 * The server settings a command line may change, as a picocli mixin: each option maps to one {@link ServerConfig}
 * setting, so a new option is one annotated field and one line in {@link #toConfig()}; the rest keep their defaults.
 */
public final class ServerOptions {

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    /** @throws IllegalArgumentException when a value is out of range (ServerConfig checks every setting) */
    public ServerConfig toConfig() {
        return ServerConfig.builder().host(host).port(port).build();
    }
}
