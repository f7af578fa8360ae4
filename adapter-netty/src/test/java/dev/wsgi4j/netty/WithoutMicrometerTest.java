package dev.wsgi4j.netty;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Micrometer is an optional dependency: an embedder without it on the class path still serves, health check
 * included, as long as metrics are off; asking for metrics then fails the start with one clear message.
 */
class WithoutMicrometerTest {

    private static final List<String> METRICS_JARS = List.of("micrometer", "prometheus", "hdrhistogram",
            "latencyutils");

    @Test
    void aServerWithoutMetricsRunsWithNoMicrometerOnTheClassPath() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        URL[] urls = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> METRICS_JARS.stream().noneMatch(entry.toLowerCase(Locale.ROOT)::contains))
                .map(WithoutMicrometerTest::url)
                .toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> probe = Class.forName(WithoutMicrometerProbe.class.getName(), true, loader);
            assertThat(probe.getClassLoader()).isSameAs(loader);

            Object report = probe.getMethod("run").invoke(null);

            assertThat(report).isEqualTo("/ 200 app|/healthz 200 ok|metrics need "
                    + "io.micrometer:micrometer-registry-prometheus on the class path (wsgi4j-server.jar has it)");
        }
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new AssertionError(e);
        }
    }
}
