package dev.wsgi4j.samples;

import dev.wsgi4j.testing.ApplicationRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The demo's contract over a real server on an ephemeral port, through {@code java.net.http.HttpClient}. */
class DemoOverHttpTest extends JavaDemoContract {

    private static HttpClientRunner runner;

    @BeforeAll
    static void startServer() throws InterruptedException {
        runner = new HttpClientRunner();
    }

    @AfterAll
    static void stopServer() {
        runner.close();
    }

    @Override
    ApplicationRunner runner() {
        return runner;
    }

    @Override
    String origin() {
        return runner.origin();
    }

    @Override
    String reasonAsSeen(String sent) {
        return "";
    }
}
