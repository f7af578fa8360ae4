package dev.wsgi4j.gateway;

import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CgiHeadersTest {

    @Test
    void namesMapToCgiKeysAndFramingOrUnderscoreNamesToNone() {
        assertThat(CgiHeaders.key("X-Forwarded-For")).isEqualTo("HTTP_X_FORWARDED_FOR");
        assertThat(CgiHeaders.key("content-type")).isEqualTo("CONTENT_TYPE");
        assertThat(CgiHeaders.key("Content-Length")).isNull();
        assertThat(CgiHeaders.key("Transfer-Encoding")).isNull();
        assertThat(CgiHeaders.key("X_Forwarded_For")).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", textBlock = """
            host,                      HTTP_HOST
            HOST,                      HTTP_HOST
            uSeR-aGeNt,                HTTP_USER_AGENT
            upgrade-insecure-requests, HTTP_UPGRADE_INSECURE_REQUESTS
            X-REAL-ip,                 HTTP_X_REAL_IP
            sec-ch-ua-platform,        HTTP_SEC_CH_UA_PLATFORM
            CONTENT-TYPE,              CONTENT_TYPE
            content-LENGTH,            NULL
            TRANSFER-encoding,         NULL
            Content_Length,            NULL
            X-Custom-Header,           HTTP_X_CUSTOM_HEADER
            x-hosts,                   HTTP_X_HOSTS
            hos,                       HTTP_HOS
            """)
    void commonAndUncommonNamesMapAlikeInAnyCase(String name, String key) {
        assertThat(CgiHeaders.key(name)).isEqualTo(key);
        // Netty hands names over as CharSequences that need not be Strings.
        assertThat(CgiHeaders.key(new StringBuilder(name))).isEqualTo(key);
    }

    @Test
    void repeatedCookieLinesAreJoinedWithSemicolonSpace() {
        Map<String, Object> env = new HashMap<>();
        CgiHeaders.put(env, "Cookie", "a=1");
        CgiHeaders.put(env, "cookie", "b=2");
        CgiHeaders.put(env, "Accept", "text/html");
        CgiHeaders.put(env, "Accept", "*/*");

        assertThat(env).containsEntry("HTTP_COOKIE", "a=1; b=2").containsEntry("HTTP_ACCEPT", "text/html, */*");
    }

    @Test
    void theTestClientJoinsCookiesAsAServerDoes() throws Exception {
        String cookie = new TestClient((env, sr) -> {
            sr.start("200 OK", List.of());
            return List.of(((String) env.get("HTTP_COOKIE")).getBytes());
        }).send(TestRequest.get("/").header("Cookie", "a=1").header("Cookie", "b=2").build()).text();

        assertThat(cookie).isEqualTo("a=1; b=2");
    }
}
