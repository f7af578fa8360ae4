package dev.wsgi4j.netty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks on a decoded request head that Netty leaves to the server (RFC 9112 §3.2, §6; SPEC.md §6.5): header count
 * and per-field size, Host presence and syntax, protocol version. Returns the status to answer, or 0 when fine.
 */
final class RequestHeadRules {

    private RequestHeadRules() {
    }

    static int check(HttpRequest request, ServerConfig config) {
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1) {
            return 505;
        }
        int count = 0;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = request.headers().iteratorCharSequence();
                it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            count++;
            if (count > config.maxHeaderCount()
                    || header.getKey().length() + 2 + header.getValue().length() > config.maxHeaderFieldSize()) {
                return 431;
            }
        }
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return 400;
        }
        if (hosts.isEmpty()) {
            return version.minorVersion() >= 1 ? 400 : 0;
        }
        return HostHeader.parse(hosts.get(0)) == null ? 400 : 0;
    }
}
