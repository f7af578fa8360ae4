package dev.wsgi4j.samples;

import dev.wsgi4j.testing.ApplicationRunner;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's contract through {@link TestClient}: no socket, the application on the test's thread. */
class DemoInProcessTest extends JavaDemoContract {

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

    @Test
    void theTestClientCarriesTheFlashCookieThroughTheRedirectAndTheMessageShowsOnce() throws Exception {
        TestClient browser = new TestClient(demo).followRedirects(true);

        assertThat(browser.send(TestRequest.post("/flash").form(Map.of("message", "saved €"))).text())
                .contains("<p id=\"flash\">saved €</p>");
        assertThat(browser.get("/flash").text()).doesNotContain("id=\"flash\"");
        assertThat(browser.cookieJar().cookies()).isEmpty();
    }
}
