package dev.wsgi4j.netty;

import io.netty.handler.codec.http.HttpDecoderConfig;

/** Package-private views of the server for the hardening corpus in {@code dev.wsgi4j.netty.hardening}. */
public final class HardeningAccess {

    private HardeningAccess() {
    }

    /** Connections the server holds open right now. */
    public static int openConnections(GatewayServer server) {
        return server.connections().size();
    }

    /** The decoder settings every connection of a server with this config gets. */
    public static HttpDecoderConfig decoderConfig(ServerConfig config) {
        return GatewayInitializer.decoderConfig(config);
    }
}
