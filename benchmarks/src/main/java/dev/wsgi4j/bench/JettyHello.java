package dev.wsgi4j.bench;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Jetty 12 with a plain {@link Handler.Abstract}: a blocking handler, so Jetty runs it on its default
 * {@code QueuedThreadPool}, the way a blocking application runs there.
 */
final class JettyHello {

    private JettyHello() {
    }

    static Server start(int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, Hello.CONTENT_TYPE);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Hello.BODY.length);
                response.write(true, ByteBuffer.wrap(Hello.BODY), callback);
                return true;
            }
        });
        server.start();
        return server;
    }
}
