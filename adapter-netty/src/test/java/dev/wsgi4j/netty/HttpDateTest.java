package dev.wsgi4j.netty;

import io.netty.handler.codec.DateFormatter;
import org.junit.jupiter.api.Test;

import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class HttpDateTest {

    @Test
    void isAnImfFixdateWithinASecondOfNow() {
        long before = System.currentTimeMillis() / 1000 * 1000;
        Date parsed = DateFormatter.parseHttpDate(HttpDate.now());
        long after = System.currentTimeMillis();

        assertThat(HttpDate.now().toString()).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(parsed.getTime()).isBetween(before, after);
    }
}
