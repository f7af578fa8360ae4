package dev.wsgi4j.netty.mount;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.wsgi4j.Generators.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * For any mounts and any request path, encoded or not: the longest prefix covering the decoded path at a segment
 * boundary is chosen, as core's UrlMap chooses, and the environ it then sees loses nothing of the path.
 */
class MountTablePropertyTest {

    private static final Application APP = (env, sr) -> List.of();
    private static final ServerConfig INLINE = ServerConfig.builder().executor(ExecutorKind.INLINE).build();

    /** Few, overlapping segment names, so prefixes often share starts ("a" / "ab") and paths often match. */
    private static Gen<String> paths(int maxSegments) {
        return lists().of(Generate.pick(List.of("a", "ab", "b", "app", "apple", ""))).ofSizeBetween(0, maxSegments)
                .map(segments -> segments.isEmpty() ? "" : "/" + String.join("/", segments));
    }

    /** One to five distinct prefixes that follow the rules (no empty segment). */
    private static Gen<Set<String>> prefixSets() {
        return lists().of(paths(3).map(p -> p.replaceAll("/+", "/").replaceAll("/$", "")))
                .ofSizeBetween(1, 5).map(l -> (Set<String>) new LinkedHashSet<>(l));
    }

    @Test
    void theLongestCoveringPrefixServesAndTheEnvironSplitsThePathThere() {
        theory(500).forAll(prefixSets(), paths(5), Generate.booleans())
                .checkAssert(MountTablePropertyTest::splitsAtLongestPrefix);
    }

    private static void splitsAtLongestPrefix(Set<String> prefixes, String path, Boolean encode) {
        Mounts.Builder builder = Mounts.builder();
        for (String prefix : prefixes) {
            builder.mount(prefix, APP);
        }
        MountTable table = MountTable.start(builder.build(), INLINE);
        String target = (path.isEmpty() ? "/" : encode ? percentEncodeLetters(path) : path) + "?q=1";

        ActiveMount chosen = table.select(target);

        String decoded = path.isEmpty() ? "/" : path;
        String expected = prefixes.stream().filter(p -> MountPrefix.matches(p, decoded))
                .max(Comparator.comparingInt(String::length)).orElse(null);
        assertThat(chosen.prefix()).as("mount for %s", target).isEqualTo(expected);
        if (expected != null) {
            Map<String, Object> env = new HashMap<>(Map.of(Environ.SCRIPT_NAME, "/proxy", Environ.PATH_INFO, decoded));
            chosen.shift(env);
            assertThat(Environ.scriptName(env)).isEqualTo("/proxy" + expected);
            assertThat(Environ.scriptName(env) + Environ.pathInfo(env)).isEqualTo("/proxy" + decoded);
            assertThat(Environ.pathInfo(env)).matches(p -> p.isEmpty() || p.startsWith("/"));
        }
        table.shutdown(Duration.ZERO);
    }

    /** Every letter as %XX, so that the choice must be made on the decoded path. */
    private static String percentEncodeLetters(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            out.append(c == '/' ? "/" : String.format("%%%02X", (int) c));
        }
        return out.toString();
    }
}
