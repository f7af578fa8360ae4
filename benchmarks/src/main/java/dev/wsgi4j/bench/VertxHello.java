package dev.wsgi4j.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Vert.x 5 with one HTTP server verticle per event loop: answering on the event loop, or handing each request to
 * the worker pool with {@code executeBlocking} (unordered, so requests of different connections run side by side)
 * and answering from the loop when it is done, the way Vert.x runs blocking code.
 */
final class VertxHello {

    private static final Buffer BODY = Buffer.buffer(Hello.BODY);

    private VertxHello() {
    }

    static Vertx start(int port, int eventLoops, boolean blocking) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        vertx.deployVerticle(() -> new HelloVerticle(port, blocking), new DeploymentOptions().setInstances(eventLoops))
                .await();
        return vertx;
    }

    private static final class HelloVerticle extends VerticleBase {
        private final int port;
        private final boolean blocking;

        HelloVerticle(int port, boolean blocking) {
            this.port = port;
            this.blocking = blocking;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1");
        }

        private void handle(HttpServerRequest request) {
            if (blocking) {
                vertx.executeBlocking(() -> BODY, false).onSuccess(body -> answer(request, body));
            } else {
                answer(request, BODY);
            }
        }

        private static void answer(HttpServerRequest request, Buffer body) {
            request.response().putHeader("Content-Type", Hello.CONTENT_TYPE).end(body);
        }
    }
}
