package dev.wsgi4j.gateway;

import dev.wsgi4j.WsgiInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Request ids in the environ (SPEC.md §3.12): kept from a trusted proxy, generated for anyone else, off by default. */
class RequestIdsTest {

    private static final ProxyTrust LOOPBACK = new LiteralTrust("127.0.0.1");
    private static final ProxyTrust OTHERS = new LiteralTrust("10.9.9.9");

    private static Map<String, Object> build(ProxyTrust trust, boolean ids, String... headers) {
        return new EnvironBuilder(LoggerFactory.getLogger(RequestIdsTest.class), trust, ids)
                .build(ForwardedEnvironTest.head(headers), WsgiInput.of(new byte[0]));
    }

    @Test
    void offByDefaultTheEnvironHasNoIdAndTheHeaderStaysAnHttpKey() {
        Map<String, Object> env = new EnvironBuilder(LoggerFactory.getLogger(RequestIdsTest.class), LOOPBACK)
                .build(ForwardedEnvironTest.head("X-Request-Id", "abc"), WsgiInput.of(new byte[0]));

        assertThat(env).doesNotContainKey(RequestIds.KEY).containsEntry("HTTP_X_REQUEST_ID", "abc");
    }

    @Test
    void aTrustedProxysIdIsKept() {
        assertThat(build(LOOPBACK, true, "X-Request-Id", "req-7f3a:edge/1")).containsEntry(RequestIds.KEY,
                "req-7f3a:edge/1");
    }

    @Test
    void anUntrustedPeerCannotChooseItsIdAndGetsAFreshOne() {
        Map<String, Object> env = build(OTHERS, true, "X-Request-Id", "chosen-by-the-client");

        assertThat((String) env.get(RequestIds.KEY)).matches("[0-9a-f]{32}");
        assertThat(env).containsEntry("HTTP_X_REQUEST_ID", "chosen-by-the-client");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "quote\"d", "back\\slash", "caf\u00e9", "tab\there"})
    void aMalformedIdFromATrustedProxyIsReplaced(String sent) {
        assertThat((String) build(LOOPBACK, true, "X-Request-Id", sent).get(RequestIds.KEY)).matches("[0-9a-f]{32}");
    }

    @Test
    void anIdLongerThanTheLimitIsReplacedAndOneAtTheLimitIsKept() {
        String atLimit = "a".repeat(RequestIds.MAX_LENGTH);
        assertThat(build(LOOPBACK, true, "X-Request-Id", atLimit)).containsEntry(RequestIds.KEY, atLimit);
        assertThat((String) build(LOOPBACK, true, "X-Request-Id", atLimit + "a").get(RequestIds.KEY))
                .matches("[0-9a-f]{32}");
    }

    @Test
    void withoutAHeaderEachRequestGetsADifferentId() {
        Set<Object> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(build(LOOPBACK, true).get(RequestIds.KEY));
        }
        assertThat(ids).hasSize(1000).allSatisfy(id -> assertThat((String) id).matches("[0-9a-f]{32}"));
    }
}
