package dev.wsgi4j.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.wsgi4j.Generators.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

class HttpDatesTest {

    private static final Instant NOV_6 = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void readsTheThreeFormsOfRfc9110() {
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).contains(NOV_6);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).contains(NOV_6);
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).contains(NOV_6);
    }

    @Test
    void writesImfFixdateWithTwoDigitDays() {
        assertThat(HttpDates.format(NOV_6.plusMillis(999))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void junkIsAbsentNotAnError() {
        assertThat(HttpDates.parse(null)).isEmpty();
        assertThat(HttpDates.parse("")).isEmpty();
        assertThat(HttpDates.parse("Sun, 06 Nov 1994")).isEmpty();
        assertThat(HttpDates.parse("Mon, 06 Nov 1994 08:49:37 GMT")).as("wrong weekday").isEmpty();
    }

    @Test
    void formattedDatesReadBackToTheSameSecond() {
        theory(1000).forAll(longs().between(0, 253402300799L)).checkAssert(seconds -> {
            Instant t = Instant.ofEpochSecond(seconds);
            assertThat(HttpDates.parse(HttpDates.format(t))).contains(t);
        });
    }
}
