package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static dev.wsgi4j.Generators.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;

/** For any mounts and any path: nothing of the path is lost, and the most specific mount wins. */
class UrlMapPropertyTest {

    /** Few, overlapping segment names, so prefixes often share starts ("a" / "ab") and paths often match. */
    private static Gen<String> paths(int maxSegments) {
        return lists().of(Generate.pick(List.of("a", "ab", "b", "app", "apple", ""))).ofSizeBetween(0, maxSegments)
                .map(segments -> segments.isEmpty() ? "" : "/" + String.join("/", segments));
    }

    /** One to six distinct prefixes. */
    private static Gen<Set<String>> prefixSets() {
        return lists().of(paths(3)).ofSizeBetween(1, 6).map(l -> (Set<String>) new LinkedHashSet<>(l));
    }

    @Test
    void mountedAppSeesThePathSplitAtTheLongestMatchingPrefix() {
        theory(1000).forAll(prefixSets(), paths(5), paths(5)).checkAssert(UrlMapPropertyTest::splitsAtLongestPrefix);
    }

    private static void splitsAtLongestPrefix(Set<String> prefixes, String path, String scriptName) {
        AtomicReference<String> chosen = new AtomicReference<>();
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        UrlMap.Builder builder = UrlMap.builder();
        List<String> normalized = prefixes.stream().map(UrlMap::normalize).distinct().toList();
        for (String prefix : normalized) {
            builder.mount(prefix, recording(prefix, chosen, seen));
        }
        Map<String, Object> environ = new HashMap<>(Map.of(Environ.SCRIPT_NAME, scriptName, Environ.PATH_INFO, path));

        try {
            builder.build().call(environ, (status, headers, excInfo) -> null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }

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
