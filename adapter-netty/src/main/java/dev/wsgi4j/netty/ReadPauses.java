package dev.wsgi4j.netty;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Why a connection has stopped reading. Several stages pause reading for their own reasons (pipelined requests
 * queued, spool file behind, request rejected); reading resumes only when none remains. Event-loop only.
 */
final class ReadPauses {

    static final int PIPELINE = 1;
    static final int SPOOL = 2;
    static final int REJECTED = 4;
    static final int LIMIT = 8;

    private static final AttributeKey<ReadPauses> KEY = AttributeKey.valueOf(ReadPauses.class, "readPauses");

    private int reasons;

    static ReadPauses of(Channel channel) {
        ReadPauses pauses = channel.attr(KEY).get();
        if (pauses == null) {
            pauses = new ReadPauses();
            channel.attr(KEY).set(pauses);
        }
        return pauses;
    }

    void pause(Channel channel, int reason) {
        reasons |= reason;
        channel.config().setAutoRead(false);
    }

    void resume(Channel channel, int reason) {
        reasons &= ~reason;
        if (reasons == 0 && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }
}
