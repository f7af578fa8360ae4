package dev.wsgi4j.netty;

import dev.wsgi4j.testing.ApplicationContract;
import dev.wsgi4j.testing.ApplicationRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared application suite on the real server: the same apps, the same answers as on the TestClient. */
class GatewayServerContractTest extends ApplicationContract {

    private static NettyRunner runner;

    @BeforeAll
    static void startServer() throws InterruptedException {
        runner = new NettyRunner();
    }

    @AfterAll
    static void stopServer() {
        runner.close();
    }

    @Override
    protected ApplicationRunner runner() {
        return runner;
    }
}
