package dev.wsgi4j.http;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.wsgi4j.Generators.charRange;
import static dev.wsgi4j.Generators.strings;
import static dev.wsgi4j.Generators.theory;
import static dev.wsgi4j.Generators.weight;
import static dev.wsgi4j.Generators.weighted;
import static org.assertj.core.api.Assertions.assertThat;

class RequestUriPropertiesTest {

    private static final String ORIGIN = "http://example.org";

    /** A CGI path: "" or "/" followed by any Latin-1 characters (each standing for one byte). */
    static Gen<String> cgiPath() {
        Gen<String> rest = strings(charRange('\u0000', '\u00ff'), 0, 24);
        return weighted(weight(1, Generate.constant("")), weight(1, rest.map(s -> "/" + s)));
    }

    @Test
    void quotedRequestUrisDecodeBackToTheCgiPath() {
        theory(1000).forAll(cgiPath(), cgiPath()).checkAssert((scriptName, pathInfo) -> {
            Map<String, Object> env = TestEnviron.get(scriptName, pathInfo, "");
            String url = RequestUri.requestUri(env, false);

            assertThat(url).startsWith(ORIGIN + "/");
            String path = url.substring(ORIGIN.length());
            assertThat(path).matches("[A-Za-z0-9_.~/;=,%-]*");
            String expected = scriptName.isEmpty() && pathInfo.isEmpty() ? "/" : scriptName + pathInfo;
            if (scriptName.isEmpty() && !pathInfo.isEmpty()) {
                expected = pathInfo;
            }
            // quote() escapes '+', so URLDecoder's '+'-as-space rule never applies here.
            assertThat(URLDecoder.decode(path, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        });
    }

    @Test
    void quotingLeavesOnlyUnreservedAndSafeCharactersAndEscapesAllOthers() {
        theory(1000).forAll(cgiPath()).checkAssert(cgi -> {
            String quoted = RequestUri.quote(cgi, "/;=,");
            int escapes = 0;
            for (char c : cgi.toCharArray()) {
                boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || "_.-~/;=,".indexOf(c) >= 0;
                escapes += kept ? 0 : 1;
            }
            assertThat(quoted).hasSize(cgi.length() + 2 * escapes);
        });
    }
}
