package com.example;

import dev.wsgi4j.testing.TestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The application tested in-process, with core's TestClient: no server, no socket. */
class HelloTest {

    @Test
    void greetsTheNameInThePath() throws Exception {
        var response = new TestClient(new Hello()).get("/Ada");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("Hello, Ada!\n");
    }

    @Test
    void greetsTheWorldAtTheRoot() throws Exception {
        assertThat(new TestClient(new Hello()).get("/").text()).isEqualTo("Hello, world!\n");
    }

    @Test
    void theAssembledSiteMountsHelloUnderItsPrefix() throws Exception {
        TestClient client = new TestClient(Apps.site());

        assertThat(client.get("/hello/Grace").text()).isEqualTo("Hello, Grace!\n");
        assertThat(client.get("/elsewhere").status()).isEqualTo(404);
    }
}
