package dev.wsgi4j.netty;

import dev.wsgi4j.gateway.RequestIds;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The {@code json} access-log format (SPEC.md §6.7): one JSON object per response, on one line, for log shippers
 * that would otherwise parse Common Log Format with regular expressions. Keys: {@code time} (ISO-8601, UTC, when the
 * request was taken up), {@code request_id} (the id the response carries, SPEC.md §3.12; a fresh one for a request
 * the server refused before the application saw it), {@code method}, {@code target}, {@code protocol},
 * {@code status}, {@code bytes} (body bytes sent), {@code duration_us}, {@code peer}, {@code user_agent},
 * {@code referer}. A value the request did not have is {@code null}. Strings are escaped so that a line stays
 * ASCII and one line: {@code \"}, {@code \\}, and {@code \}{@code u00XX} for control and non-ASCII characters.
 */
final class JsonAccessLine {

    /** The format's name in {@link AccessLogSettings}. */
    static final String NAME = "json";

    private JsonAccessLine() {
    }

    static void append(StringBuilder out, AccessRecord r) {
        out.append("{\"time\":");
        string(out, DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(r.startMillis())));
        String id = r.responseHeader(RequestIds.HEADER);
        out.append(",\"request_id\":");
        string(out, id != null ? id : RequestIds.generate());
        out.append(",\"method\":");
        string(out, r.method());
        out.append(",\"target\":");
        string(out, r.uri());
        out.append(",\"protocol\":");
        string(out, r.protocol());
        out.append(",\"status\":").append(r.status());
        out.append(",\"bytes\":").append(r.bodyBytes());
        out.append(",\"duration_us\":").append(r.durationNanos() / 1_000);
        out.append(",\"peer\":");
        string(out, r.host());
        out.append(",\"user_agent\":");
        string(out, r.requestHeader("User-Agent"));
        out.append(",\"referer\":");
        string(out, r.requestHeader("Referer"));
        out.append('}');
    }

    private static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append("\\u");
                String hex = Integer.toHexString(c);
                out.append("0000", hex.length(), 4).append(hex);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
