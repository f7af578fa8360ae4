package dev.wsgi4j.samples;

import dev.wsgi4j.testing.ApplicationRunner;
import dev.wsgi4j.testing.TestClient;

/** The demo's contract through {@link TestClient}: no socket, the application on the test's thread. */
class DemoInProcessTest extends DemoContract {

    @Override
    ApplicationRunner runner() {
        return new TestClient();
    }

    @Override
    String origin() {
        return "http://localhost";
    }

    @Override
    String reasonAsSeen(String sent) {
        return sent;
    }
}
