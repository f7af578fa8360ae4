package dev.wsgi4j.netty.http2;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.util.AsciiString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * h2c by {@code Upgrade} (RFC 7540 §3.2) on a plain listener: Netty's {@link HttpServerUpgradeHandler} and
 * {@link Http2ServerUpgradeCodec}, placed after the HTTP/1.1 codec (and so after the server's byte-level HTTP/1.1
 * handlers, which see the upgrade request's bytes like any other's: {@link PrefaceSwitch} says why that matters).
 * <p>Only a connection's first request may switch, and only one {@link UpgradeRequestRules} lets through; whatever
 * the first request, this handler then leaves the pipeline, so later requests cost nothing and an upgrade can never
 * overtake a response still owed. A request that switches is answered {@code 101}; the HTTP/1.1 handlers are removed
 * ({@link Http2Stack.Hooks#leaveHttp1}), the HTTP/2 ones added as for prior knowledge, and Netty hands the request
 * to the multiplexer as stream 1, half-closed: it reaches {@link StreamRequestCodec} and the stream's request stages
 * like any stream's, and the application answers it over HTTP/2 ({@code SERVER_PROTOCOL} {@code HTTP/2.0}).
 */
final class UpgradeSwitch extends HttpServerUpgradeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeSwitch.class);

    private final Http2Stack.Hooks hooks;

    UpgradeSwitch(Http2Settings settings, Http2Stack.Hooks hooks) {
        // maxContentLength 0: only bodiless requests get this far (UpgradeRequestRules), so nothing is aggregated.
        super(ctx -> hooks.leaveHttp1(ctx.pipeline()), protocol -> codec(protocol, settings, hooks), 0,
                DefaultHttpHeadersFactory.headersFactory(), DefaultHttpHeadersFactory.trailersFactory(), true);
        this.hooks = hooks;
    }

    private static UpgradeCodec codec(CharSequence protocol, Http2Settings settings, Http2Stack.Hooks hooks) {
        if (!AsciiString.contentEqualsIgnoreCase(protocol, Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME)) {
            return null;
        }
        return new Http2ServerUpgradeCodec("h2", Http2Stack.frameCodec(settings), Http2Stack.afterFrameCodec(settings, hooks));
    }

    /** Called for a first request that carries {@code Upgrade}; any other passes on untouched. */
    @Override
    protected boolean shouldHandleUpgradeRequest(HttpRequest request) {
        String refusal = UpgradeRequestRules.check(request, hooks::http1Accepts);
        if (refusal != null) {
            LOG.debug("{} {}: served over HTTP/1.1, not upgraded: {}", request.method(), request.uri(), refusal);
            return false;
        }
        return true;
    }

    /**
     * Netty's aggregation adds {@code Content-Length: 0} to a request that had none; stream 1's request must carry
     * the fields the client sent, as any stream's does.
     */
    @Override
    protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
        boolean declared = HttpUtil.isContentLengthSet(aggregated);
        super.finishAggregation(aggregated);
        if (!declared) {
            aggregated.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        }
    }
}
