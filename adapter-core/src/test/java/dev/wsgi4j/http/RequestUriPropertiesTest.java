package dev.wsgi4j.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestUriPropertiesTest {

    private static final String ORIGIN = "http://example.org";

    /** A CGI path: "" or "/" followed by any Latin-1 characters (each standing for one byte). */
    @Provide
    Arbitrary<String> cgiPath() {
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(24);
        return Arbitraries.oneOf(Arbitraries.just(""), rest.map(s -> "/" + s));
    }

    @Property
    void quotedRequestUrisDecodeBackToTheCgiPath(@ForAll("cgiPath") String scriptName,
                                                 @ForAll("cgiPath") String pathInfo) {
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
    }

    @Property
    void quotingLeavesOnlyUnreservedAndSafeCharactersAndEscapesAllOthers(
            @ForAll("cgiPath") String cgi) {
        String quoted = RequestUri.quote(cgi, "/;=,");
        int escapes = 0;
        for (char c : cgi.toCharArray()) {
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_.-~/;=,".indexOf(c) >= 0;
            escapes += kept ? 0 : 1;
        }
        assertThat(quoted).hasSize(cgi.length() + 2 * escapes);
    }
}
