package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's contract for the Java {@link DemoApp}, plus the rows that look inside it: what /slow counted, which
 * only the Java demo exposes ({@link SlowApp#mostSleepersAtOnce()}).
 */
abstract class JavaDemoContract extends DemoContract {

    DemoApp javaDemo;

    @Override
    Application newDemo(Path tempDirectory) {
        javaDemo = new DemoApp(tempDirectory);
        return javaDemo;
    }

    @Test
    void slowCountsOneRequestAsOneSleeper() throws Exception {
        assertThat(get(this, "/slow?ms=20").status()).isEqualTo(200);

        assertThat(javaDemo.slowApp().mostSleepersAtOnce()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ms=10001", "ms=-5", "ms=soon"})
    void slowDoesNotSleepForARefusedRequest(String query) throws Exception {
        assertThat(get(this, "/slow?" + query).status()).isEqualTo(400);

        assertThat(javaDemo.slowApp().mostSleepersAtOnce()).isZero();
    }
}
