package dev.wsgi4j.netty;

import dev.wsgi4j.gateway.HeaderRules;
import dev.wsgi4j.gateway.HostHeader;
import dev.wsgi4j.gateway.RequestTarget;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import dev.wsgi4j.netty.http2.Http2Stack;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks on a decoded request head that Netty leaves to the server (RFC 9112 §3.2, §6; SPEC.md §6.5). Returns the
 * status to answer, or 0 when fine. In this order:
 * <ol>
 * <li>505: HTTP major version other than 1 (an HTTP/2 stream's request, marked {@code Http2Stack.HTTP_2_0} by the
 * stream codec rather than parsed from a request line, is checked as HTTP/1.1) ({@code HTTP/1.x} with x &gt; 1 is served as HTTP/1.1). Both cases set
 * the request's version to HTTP/1.1, so the answer's status line says HTTP/1.1;</li>
 * <li>431: more than {@code maxHeaderCount} fields, or one field line over {@code maxHeaderFieldSize};</li>
 * <li>400: HTTP/1.1 without Host (unless {@code allowMissingHost}), two Hosts, an invalid Host;</li>
 * <li>400 / 501: Transfer-Encoding other than exactly {@code chunked}: 501 when {@code chunked} is last but other
 * codings precede it (we implement none), 400 when the list is malformed;</li>
 * <li>400: more than one Content-Length line (Netty only refuses that on HTTP/1.1);</li>
 * <li>400 / 501: the request-target ({@link RequestTarget#check}).</li>
 * </ol>
 */
final class RequestHeadRules {

    private RequestHeadRules() {
    }

    static int check(HttpRequest request, ServerConfig config) {
        HttpVersion version = request.protocolVersion();
        if (version == Http2Stack.HTTP_2_0) {
            version = HttpVersion.HTTP_1_1; // an HTTP/2 stream's request (Http2Stack): checked like HTTP/1.1's
        } else if (version.majorVersion() != 1) {
            // The answer's status line must name a version we speak, not echo "HTTP/2.0".
            request.setProtocolVersion(HttpVersion.HTTP_1_1);
            return 505;
        }
        if (version.minorVersion() > 1) {
            request.setProtocolVersion(HttpVersion.HTTP_1_1);
            version = HttpVersion.HTTP_1_1;
        }
        HttpHeaders headers = request.headers();
        int count = 0;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            count++;
            if (count > config.maxHeaderCount()
                    || header.getKey().length() + 2 + header.getValue().length() > config.maxHeaderFieldSize()) {
                return 431;
            }
        }
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return 400;
        }
        if (hosts.isEmpty()) {
            if (version.minorVersion() >= 1 && !config.allowMissingHost()) {
                return 400;
            }
        } else if (!HostHeader.isValid(hosts.get(0))) {
            return 400;
        }
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!codings.isEmpty()) {
            int status = transferCodings(codings);
            if (status != 0) {
                return status;
            }
        }
        if (headers.getAll(HttpHeaderNames.CONTENT_LENGTH).size() > 1) {
            return 400;
        }
        return RequestTarget.check(request.method().name(), request.uri());
    }

    /** 0 for exactly one {@code chunked}; 501 for other codings before a final {@code chunked}; else 400. */
    private static int transferCodings(List<String> lines) {
        List<String> codings = new ArrayList<>();
        for (String line : lines) {
            for (String element : line.split(",", -1)) {
                String coding = owsTrim(element);
                if (!coding.isEmpty()) {
                    codings.add(coding);
                }
            }
        }
        if (codings.isEmpty()) {
            return 400;
        }
        for (String coding : codings) {
            if (!HeaderRules.isToken(coding.indexOf(';') < 0 ? coding : owsTrim(coding.substring(0, coding.indexOf(';'))))) {
                return 400;
            }
        }
        boolean lastChunked = codings.get(codings.size() - 1).equalsIgnoreCase("chunked");
        if (!lastChunked) {
            return 400;
        }
        return codings.size() == 1 ? 0 : 501;
    }

    /** Trims SP and HTAB only (never {@link String#trim()}, which also eats other control characters). */
    private static String owsTrim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }
}
