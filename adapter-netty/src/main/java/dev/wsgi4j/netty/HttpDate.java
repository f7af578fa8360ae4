package dev.wsgi4j.netty;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;

import java.util.Date;

/**
 * The value of the {@code Date} header (RFC 9110 §6.6.1), which has a resolution of one second: formatted once a
 * second and shared, rather than once per response.
 */
final class HttpDate {

    private record Stamp(long second, AsciiString value) {
    }

    private static volatile Stamp current = new Stamp(-1, AsciiString.EMPTY_STRING);

    private HttpDate() {
    }

    static AsciiString now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.second() != second) {
            stamp = new Stamp(second, new AsciiString(DateFormatter.format(new Date(second * 1000))));
            current = stamp;
        }
        return stamp.value();
    }
}
