package dev.wsgi4j.netty;

import dev.wsgi4j.Header;

/**
 * The health check ({@link OpsSettings#healthPath()}): {@code 200 ok} while the server serves, {@code 503 stopping}
 * from the moment {@link GatewayServer#stop} begins, so that a load balancer takes the instance out of rotation
 * while its running requests finish. The application is not called: the check says the server takes requests,
 * nothing about the application's own dependencies.
 */
final class HealthEndpoint implements ServerEndpoint {

    private static final Header NO_STORE = new Header("Cache-Control", "no-store");

    private final ServerLifecycle lifecycle;

    HealthEndpoint(ServerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Answer answer(boolean omitBody) {
        return lifecycle.draining()
                ? Answer.plain(503, "stopping\n", omitBody, NO_STORE)
                : Answer.plain(200, "ok\n", omitBody, NO_STORE);
    }

    @Override
    public java.util.concurrent.Executor executor() {
        return null;
    }
}
