package dev.wsgi4j.netty.http2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.base64.Base64;
import io.netty.handler.codec.base64.Base64Dialect;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.HttpConversionUtil;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which HTTP/1.1 requests may switch a connection to HTTP/2 by {@code Upgrade: h2c} (RFC 7540 §3.2; SPEC.md
 * "HTTP/2"). Returns why a request is answered over HTTP/1.1 instead, or null when it may switch. A request that may
 * not is served exactly as without h2c: the HTTP/1.1 path gives it its usual answer, refusals included.
 * <ul>
 * <li>A successfully decoded HTTP/1.1 request whose {@code Upgrade} names {@code h2c} and whose {@code Connection}
 * names {@code Upgrade} and {@code HTTP2-Settings}; exactly one {@code HTTP2-Settings}, holding valid settings
 * (checked here, so that a bad one is answered over HTTP/1.1 without Netty logging it).</li>
 * <li>No body: no {@code Transfer-Encoding}, {@code Content-Length} absent or 0, no {@code Expect}. The upgrade
 * request would otherwise have to be held whole in memory before the switch; clients that upgrade (curl, the JDK's
 * client) do so with a bodiless request, and a request with a body is simply served over HTTP/1.1.</li>
 * <li>An origin-form target ({@code /path}); no {@code x-http2-*} field (the HTTP/2 conversion uses or drops those);
 * a head the HTTP/1.1 rules accept ({@code http1Accepts}) and that, converted to an HTTP/2 header block, passes
 * {@link Http2HeadRules}: what is answered over HTTP/2 meets both policies.</li>
 * </ul>
 */
final class UpgradeRequestRules {

    private static final String EXTENSION_PREFIX = "x-http2-";
    /** The largest SETTINGS payload Netty's upgrade codec reads (its default largest frame). */
    private static final int MAX_SETTINGS_PAYLOAD = Http2CodecUtil.DEFAULT_MAX_FRAME_SIZE;
    private static final int SETTING_LENGTH = 6;

    private UpgradeRequestRules() {
    }

    static String check(HttpRequest request, Predicate<HttpRequest> http1Accepts) {
        if (!request.decoderResult().isSuccess() || !HttpVersion.HTTP_1_1.equals(request.protocolVersion())) {
            return "not a valid HTTP/1.1 request";
        }
        HttpHeaders headers = request.headers();
        if (!headers.containsValue(HttpHeaderNames.UPGRADE, Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, true)) {
            return "no Upgrade: h2c";
        }
        if (!headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                || !headers.containsValue(HttpHeaderNames.CONNECTION, Http2CodecUtil.HTTP_UPGRADE_SETTINGS_HEADER,
                true)) {
            return "Connection does not name Upgrade and HTTP2-Settings";
        }
        List<String> settings = headers.getAll(Http2CodecUtil.HTTP_UPGRADE_SETTINGS_HEADER);
        if (settings.size() != 1 || !validSettings(settings.get(0))) {
            return "not exactly one valid HTTP2-Settings";
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING) || length != null && !length.trim().equals("0")
                || headers.contains(HttpHeaderNames.EXPECT)) {
            return "a body, or Expect";
        }
        if (!request.uri().startsWith("/")) {
            return "not an origin-form target";
        }
        for (Map.Entry<String, String> field : headers) {
            if (field.getKey().regionMatches(true, 0, EXTENSION_PREFIX, 0, EXTENSION_PREFIX.length())) {
                return "client-sent " + field.getKey();
            }
        }
        if (!http1Accepts.test(request)) {
            return "refused by the HTTP/1.1 rules";
        }
        return asHttp2Refusal(request);
    }

    /** Why the request as Netty's upgrade codec will turn it into stream 1's header block would be refused. */
    private static String asHttp2Refusal(HttpRequest request) {
        HttpHeaders copy = request.headers().copy();
        copy.set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(), "http"); // as the upgrade codec sets it
        try {
            String refusal = Http2HeadRules.checkHead(HttpConversionUtil.toHttp2Headers(
                    new DefaultHttpRequest(request.protocolVersion(), request.method(), request.uri(), copy), true));
            return refusal == null ? null : "as HTTP/2: " + refusal;
        } catch (RuntimeException e) {
            return "no HTTP/2 form: " + e.getMessage();
        }
    }

    /** RFC 7540 §3.2.1: a SETTINGS payload in base64url, each setting in its range (RFC 9113 §6.5.2). */
    static boolean validSettings(String value) {
        ByteBuf encoded = Unpooled.copiedBuffer(value, StandardCharsets.US_ASCII);
        ByteBuf payload = null;
        try {
            payload = Base64.decode(encoded, Base64Dialect.URL_SAFE);
            if (payload.readableBytes() % SETTING_LENGTH != 0 || payload.readableBytes() > MAX_SETTINGS_PAYLOAD) {
                return false;
            }
            io.netty.handler.codec.http2.Http2Settings settings = new io.netty.handler.codec.http2.Http2Settings();
            while (payload.isReadable()) {
                settings.put((char) payload.readUnsignedShort(), Long.valueOf(payload.readUnsignedInt()));
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false; // not base64url, or a setting out of its range
        } finally {
            encoded.release();
            if (payload != null) {
                payload.release();
            }
        }
    }
}
