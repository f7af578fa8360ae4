package dev.wsgi4j.gateway;

import dev.wsgi4j.Environ;
import dev.wsgi4j.Generators;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;

import static org.quicktheories.generators.SourceDSL.lists;
import static dev.wsgi4j.Generators.charRange;
import static dev.wsgi4j.Generators.charsOf;
import static dev.wsgi4j.Generators.strings;
import static dev.wsgi4j.Generators.theory;
import static dev.wsgi4j.Generators.weight;
import static dev.wsgi4j.Generators.weighted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forwarding headers full of junk, drawn mostly from the characters their grammars give meaning to: building the
 * environ never throws, what a trusted proxy sets is always a valid environ (SPEC.md §3.4, §3.5, §3.9), and from an
 * untrusted peer nothing changes at all.
 */
class ForwardedPropertiesTest {

    private static final List<String> NAMES = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix");

    /** Values that look like forwarding headers, with their delimiters, quotes, brackets, and the odd control. */
    private static Gen<String> values() {
        Gen<Character> meaningful = charsOf("0123456789abcdef.:[]\",;= _/%-\\forpthsunkw\t");
        Gen<Character> any = charRange('\u0000', '\u00ff');
        Gen<String> junk = strings(weighted(weight(9, meaningful), weight(1, any)), 0, 40);
        return weighted(weight(1, junk), weight(1, fragments()));
    }

    /** Pieces of well-formed values run together, so that valid and nearly valid values are common. */
    private static Gen<String> fragments() {
        Gen<String> piece = Generate.pick(List.of("203.0.113.5", "127.0.0.1", "10.0.0.2", "2001:db8::1",
                "[2001:db8::1]:80", "\"[::1]\"", "unknown", "_hidden", "https", "HTTP", "public.example:8443",
                "a.example:0", "/app", "/a/b", "/..", "%2F", "for=", "proto=", "host=", "by=", "\"", ";", ", ", " ",
                ":", "443", "65536"));
        return lists().of(piece).ofSizeBetween(0, 8).map(parts -> String.join("", parts))
                .describedAs(Generators::visible);
    }

    private static Gen<String[]> headers() {
        return Generate.pick(NAMES).zip(values(), Generate.pick(NAMES), values(),
                (n1, v1, n2, v2) -> new String[] {n1, v1, n2, v2})
                .describedAs(h -> h[0] + ": " + Generators.visible(h[1]) + " / " + h[2] + ": "
                        + Generators.visible(h[3]));
    }

    @Test
    void junkNeverThrowsAndATrustedProxyOnlyEverSetsValidValues() {
        ProxyTrust trust = new LiteralTrust("127.0.0.1", "10.0.0.2");
        theory(3000).forAll(headers()).checkAssert(headers -> {
            Map<String, Object> env = ForwardedEnvironTest.build(trust, ForwardedEnvironTest.head(headers));

            assertThat(env.get("wsgi.url_scheme")).isIn("http", "https");
            assertThat(Integer.parseInt((String) env.get("SERVER_PORT"))).isBetween(1, 65535);
            String scriptName = Environ.scriptName(env);
            assertThat(scriptName.isEmpty() || scriptName.startsWith("/") && !scriptName.endsWith("/")).isTrue();
            assertThat(scriptName).doesNotContain("\r", "\n", "\u0000", "/../", "/./");
            Object host = env.get("HTTP_HOST");
            if (host != null && !host.equals(findValue(headers, "Host"))) {
                assertThat(HostHeader.parse((String) host)).isNotNull();
            }
            assertThat(new LiteralTrust().literal((String) env.get("REMOTE_ADDR"))).isNotNull();
        });
    }

    @Test
    void fromAnUntrustedPeerJunkOrNotNothingChanges() {
        ProxyTrust others = new LiteralTrust("10.9.9.9");
        theory(2000).forAll(headers()).checkAssert(headers -> {
            Map<String, Object> env = ForwardedEnvironTest.build(others, ForwardedEnvironTest.head(headers));

            assertThat(env).containsEntry("REMOTE_ADDR", "127.0.0.1").containsEntry("REMOTE_PORT", "40000")
                    .containsEntry("wsgi.url_scheme", "http").containsEntry("SCRIPT_NAME", "")
                    .containsEntry("SERVER_NAME", "127.0.0.1").containsEntry("SERVER_PORT", "8000")
                    .doesNotContainKeys("HTTP_HOST", EnvironBuilder.PEER_ADDR);
        });
    }

    private static String findValue(String[] headers, String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return headers[i + 1];
            }
        }
        return null;
    }
}
