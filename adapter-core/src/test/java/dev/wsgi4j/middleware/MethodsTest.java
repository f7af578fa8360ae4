package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MethodsTest {

    private final Validator validator = new Validator();

    private static Application says(String word) {
        return (env, sr) -> Responses.text(word + " " + Environ.method(env)).send(sr);
    }

    private TestResponse send(Application app, String method) throws IOException {
        return new TestClient(validator.wrap(app)).send(TestRequest.request(method, "/").build());
    }

    @AfterEach
    void noViolations() {
        validator.assertNoViolations();
    }

    @Test
    void eachMethodReachesItsOwnApplication() throws IOException {
        Methods app = Methods.builder().get(says("list")).post(says("add")).delete(says("drop")).build();

        assertThat(send(app, "GET").text()).isEqualTo("list GET");
        assertThat(send(app, "POST").text()).isEqualTo("add POST");
        assertThat(send(app, "DELETE").text()).isEqualTo("drop DELETE");
    }

    @Test
    void anyOtherMethodIs405WithAllow() throws IOException {
        Methods app = Methods.builder().get(says("list")).post(says("add")).build();

        TestResponse r = send(app, "PUT");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.reason()).isEqualTo("Method Not Allowed");
        assertThat(r.header("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
        assertThat(send(app, "get").status()).as("methods are case-sensitive").isEqualTo(405);
        assertThat(send(Methods.builder().post(says("add")).build(), "GET").header("Allow")).isEqualTo("POST, OPTIONS");
    }

    @Test
    void headIsServedByGetWithTheSameHeadersAndNoBody() throws IOException {
        Methods app = Methods.builder().get(says("list")).build();

        TestResponse get = send(app, "GET");
        TestResponse head = send(app, "HEAD");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.header("Content-Length")).isEqualTo("9"); // "list HEAD": the GET app saw the real method
        assertThat(send(Methods.builder().post(says("add")).build(), "HEAD").status()).isEqualTo(405);
    }

    @Test
    void anOwnHeadOrOptionsApplicationWins() throws IOException {
        Methods app = Methods.builder().get(says("list")).head(says("peeking")).options(says("opts")).build();

        assertThat(send(app, "HEAD").header("Content-Length")).isEqualTo("12"); // "peeking HEAD"
        assertThat(send(app, "OPTIONS").text()).isEqualTo("opts OPTIONS");
        assertThat(app.allow()).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void optionsIsAnswered204WithAllow() throws IOException {
        TestResponse r = send(Methods.builder().get(says("list")).put(says("set")).build(), "OPTIONS");

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Allow")).isEqualTo("GET, PUT, HEAD, OPTIONS");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void aMethodIsAToken() {
        assertThatIllegalArgumentException().isThrownBy(() -> Methods.builder().on("GE T", says("x")));
        assertThatIllegalArgumentException().isThrownBy(() -> Methods.builder().get(says("x")).get(says("y")));
    }
}
