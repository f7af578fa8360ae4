package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** For any mounts and any path: nothing of the path is lost, and the most specific mount wins. */
class UrlMapPropertyTest {

    /** Few, overlapping segment names, so prefixes often share starts ("a" / "ab") and paths often match. */
    private static Arbitrary<String> paths(int maxSegments) {
        return Arbitraries.of("a", "ab", "b", "app", "apple", "")
                .list().ofMaxSize(maxSegments)
                .map(segments -> segments.isEmpty() ? "" : "/" + String.join("/", segments));
    }

    @Provide
    Arbitrary<Set<String>> prefixSets() {
        return paths(3).set().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> requestPaths() {
        return paths(5);
    }

    @Property
    void mountedAppSeesThePathSplitAtTheLongestMatchingPrefix(@ForAll("prefixSets") Set<String> prefixes,
            @ForAll("requestPaths") String path, @ForAll("requestPaths") String scriptName) throws Exception {
        AtomicReference<String> chosen = new AtomicReference<>();
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        UrlMap.Builder builder = UrlMap.builder();
        List<String> normalized = prefixes.stream().map(UrlMap::normalize).distinct().toList();
        for (String prefix : normalized) {
            builder.mount(prefix, recording(prefix, chosen, seen));
        }
        Map<String, Object> environ = new HashMap<>(Map.of(Environ.SCRIPT_NAME, scriptName, Environ.PATH_INFO, path));

        builder.build().call(environ, (status, headers, excInfo) -> null);

        String expected = normalized.stream()
                .filter(p -> path.equals(p) || path.startsWith(p + "/"))
                .max(Comparator.comparingInt(String::length)).orElse(null);
        assertThat(chosen.get()).isEqualTo(expected);
        if (expected != null) {
            Map<String, Object> env = seen.get();
            assertThat(Environ.scriptName(env) + Environ.pathInfo(env)).isEqualTo(scriptName + path);
            assertThat(Environ.scriptName(env)).isEqualTo(scriptName + expected);
            assertThat(Environ.pathInfo(env)).matches(p -> p.isEmpty() || p.startsWith("/"));
        }
    }

    private static Application recording(String prefix, AtomicReference<String> chosen,
            AtomicReference<Map<String, Object>> seen) {
        return (environ, start) -> {
            chosen.set(prefix);
            seen.set(environ);
            return List.of();
        };
    }
}
