package dev.wsgi4j.netty;

import dev.wsgi4j.Header;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The access-log atoms rendered for one fixed request and response. */
class AccessLogFormatTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final long START = ZonedDateTime.of(2026, 12, 1, 22, 20, 0, 0, UTC).toInstant().toEpochMilli();

    private static AccessRecord record() {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Host", "example.com");
        headers.set("User-Agent", "curl/8.5 \"quoted\"");
        headers.set("X-Request-Id", "abc-123");
        return new AccessRecord(new InetSocketAddress("192.0.2.7", 51234), START, "GET", "/items/7?color=red&x=1",
                "HTTP/1.1", headers, 200, List.of(Header.of("Content-Type", "text/plain"),
                Header.of("X-Cache", "hit")), 1234, 2_345_678_000L);
    }

    private static String render(String pattern, AccessRecord r) {
        return AccessLogFormat.parse(pattern, UTC).format(r);
    }

    @Test
    void commonLogFormatIsTheDefault() {
        assertThat(render(new AccessLogSettings("-", null).pattern(), record()))
                .isEqualTo("192.0.2.7 - - [01/Dec/2026:22:20:00 +0000] \"GET /items/7?color=red&x=1 HTTP/1.1\" 200 1234");
    }

    @Test
    void combinedAddsRefererAndEscapedUserAgent() {
        assertThat(render(new AccessLogSettings("-", "combined").pattern(), record()))
                .endsWith("200 1234 \"-\" \"curl/8.5 \\\"quoted\\\"\"");
    }

    @Test
    void everyAtomOfTheDocumentedSubset() {
        assertThat(render("%(m)s|%(U)s|%(q)s|%(H)s|%(s)s|%(b)s|%(B)s|%(D)s|%(M)s|%(T)s|%(L)s", record()))
                .isEqualTo("GET|/items/7|color=red&x=1|HTTP/1.1|200|1234|1234|2345678|2345|2|2.345678");
        assertThat(render("%({x-request-id}i)s %({X-Cache}o)s %({missing}i)s %({missing}o)s 100%%", record()))
                .isEqualTo("abc-123 hit - - 100%");
    }

    @Test
    void missingValuesAreDashesAndAnEmptyBodyIsDashForBAndZeroForCapitalB() {
        AccessRecord rejected = new AccessRecord(new InetSocketAddress("192.0.2.7", 1), START, null, null, null,
                null, 400, List.of(), 0, 1_000);
        assertThat(render("%(h)s \"%(r)s\" %(m)s %(U)s %(q)s %(s)s %(b)s %(B)s \"%(f)s\" \"%(a)s\" %(D)s", rejected))
                .isEqualTo("192.0.2.7 \"-\" - - - 400 - 0 \"-\" \"-\" 1");
    }

    @Test
    void controlCharactersCannotSplitALine() {
        HttpHeaders headers = new DefaultHttpHeaders(false);
        headers.set("Referer", "a\nb\\c");
        AccessRecord r = new AccessRecord(null, START, "GET", "/", "HTTP/1.1", headers, 200, List.of(), 0, 0);
        assertThat(render("%(f)s", r)).isEqualTo("a\\x0ab\\\\c");
    }

    @Test
    void anUnknownAtomIsRefusedWhenTheFormatIsGiven() {
        assertThatThrownBy(() -> new AccessLogSettings("-", "%(h)s %(z)s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("%(z)s");
        assertThatThrownBy(() -> new AccessLogSettings("-", "%(h"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed");
    }

    @Test
    void jsonIsOneEscapedAsciiObjectPerResponseWithNullsForWhatTheRequestLacked() {
        AccessRecord withId = new AccessRecord(new InetSocketAddress("192.0.2.7", 1), START, "GET",
                "/caf\u00e9?q=\"x\"\\", "HTTP/1.1", record().requestHeaders(), 201,
                List.of(Header.of("X-Request-Id", "id-1")), 12, 3_456_000);
        assertThat(render("json", withId)).isEqualTo("{\"time\":\"2026-12-01T22:20:00Z\",\"request_id\":\"id-1\","
                + "\"method\":\"GET\",\"target\":\"/caf\\u00e9?q=\\\"x\\\"\\\\\",\"protocol\":\"HTTP/1.1\","
                + "\"status\":201,\"bytes\":12,\"duration_us\":3456,\"peer\":\"192.0.2.7\","
                + "\"user_agent\":\"curl/8.5 \\\"quoted\\\"\",\"referer\":null}");

        AccessRecord refused = new AccessRecord(new InetSocketAddress("192.0.2.7", 1), START, null, null, null,
                null, 400, List.of(), 0, 1_000);
        assertThat(render("json", refused)).matches("\\{\"time\":\"2026-12-01T22:20:00Z\",\"request_id\":\"[0-9a-f]{32}\","
                + "\"method\":null,\"target\":null,\"protocol\":null,\"status\":400,\"bytes\":0,\"duration_us\":1,"
                + "\"peer\":\"192.0.2.7\",\"user_agent\":null,\"referer\":null}");
        assertThat(new AccessLogSettings("-", "json").json()).isTrue();
        assertThat(new AccessLogSettings("-", "combined").json()).isFalse();
    }
}
