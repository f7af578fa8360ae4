package dev.wsgi4j.netty;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The connection's clock (SPEC.md §6.6). Between requests it closes a keep-alive connection left idle; from a
 * request's first byte it closes one whose head has not fully arrived in time, however slowly bytes trickle
 * (slowloris); while a body arrives it answers 408 when reading stalls. While the application runs, nothing here
 * ticks: send stalls are the {@link WritabilityGate}'s business. Once it has returned, the response's last write may
 * still be going out (a large file to a slow reader): then the connection is not idle but sending, and is closed
 * only when the client takes nothing of it for the send timeout; the idle clock starts when it is all written.
 * When the client half-closes (the connection allows half-closure), the responses still owed are written and the
 * connection then closes at once instead of idling.
 *
 * <pre>{@code p.addFirst("timeouts", new ConnectionTimeouts(config)); // before the codec: it sees raw bytes}</pre>
 */
final class ConnectionTimeouts extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTimeouts.class);

    /** Fired down the pipeline when a body stalls; {@link RequestBodyStage} answers it with 408. */
    enum BodyStalled {
        INSTANCE
    }

    /**
     * Fired at every connection when the server begins to stop ({@code GatewayServer.stop}): an idle keep-alive
     * connection closes at once; one whose request is under way finishes it, and {@link GatewayHandler} ends it
     * after the answers owed (SPEC.md §6.6).
     */
    enum DrainStarted {
        INSTANCE
    }

    /** Fired down the pipeline when the client half-closed in the middle of a body; answered with 400. */
    enum BodyTruncated {
        INSTANCE
    }

    private enum Phase { IDLE, HEAD, BODY, BUSY, SENDING }

    private final long idleNanos;
    private final long headNanos;
    private final long bodyNanos;
    private final long sendNanos;
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.IDLE;
    /**
     * One timer per connection, scheduled only when none is pending or the new deadline is earlier than the
     * pending one: a phase change just moves {@link #deadline}, and the timer, when it fires, checks it and sleeps
     * again for what is left. So a request costs the scheduler nothing in the common case.
     */
    private ScheduledFuture<?> timer;
    private long timerAt;
    private final Runnable fire = this::onTimer;
    /** When the current phase times out, on the event loop's clock; MAX_VALUE while the application's turn. */
    private long deadline = Long.MAX_VALUE;
    private long lastRead;
    private boolean inputClosed;
    private boolean draining;
    /** While {@link Phase#SENDING}: the write it waits for, and what the outbound buffer held when last looked at. */
    private ChannelFuture sending;
    private long lastSent;
    private Object sentMessage;
    private long sentProgress;
    private long sentPending;

    ConnectionTimeouts(ServerConfig config) {
        this.idleNanos = config.idleTimeout().toNanos();
        this.headNanos = config.requestHeadTimeout().toNanos();
        this.bodyNanos = config.bodyReadTimeout().toNanos();
        this.sendNanos = config.sendTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        enterIdle();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (phase == Phase.IDLE || phase == Phase.SENDING) { // a next request may come while the last answer goes
            phase = Phase.HEAD;
            setDeadline(now() + headNanos);
        } else if (phase == Phase.BODY) {
            lastRead = now();
        }
        ctx.fireChannelRead(msg);
    }

    /** The request head is in; its body (if any) follows. */
    void headReceived() {
        phase = Phase.BODY;
        lastRead = now();
        setDeadline(lastRead + bodyNanos);
    }

    /** A whole request is in: the application's time now. */
    void requestReceived() {
        phase = Phase.BUSY;
        deadline = Long.MAX_VALUE;
    }

    /** The last response owed is out: unless a next request is already arriving, wait for one. */
    void responsesDone() {
        responsesDone(null);
    }

    /**
     * The application is done with the last response owed, whose last write is {@code lastWrite} (null: nothing
     * left to wait for). Until that write is done the connection is sending, not idle.
     */
    void responsesDone(ChannelFuture lastWrite) {
        if (phase != Phase.BUSY) {
            return;
        }
        if (lastWrite == null || lastWrite.isDone()) {
            afterResponses();
            return;
        }
        phase = Phase.SENDING;
        sending = lastWrite;
        lastSent = now();
        outputMoved();
        setDeadline(lastSent + sendNanos);
        lastWrite.addListener((ChannelFutureListener) this::written);
    }

    private void written(ChannelFuture write) {
        if (write == sending && phase == Phase.SENDING) {
            sending = null;
            afterResponses();
        }
    }

    private void afterResponses() {
        if (inputClosed) {
            expire("client closed its side; every answer owed is out");
        } else if (draining) {
            expire("the server is stopping");
        } else {
            enterIdle();
        }
    }

    /**
     * Whether the outbound buffer moved since the last look: another message at its head, fewer bytes pending, or
     * more of a file region sent (the progress Netty's {@code IdleStateHandler} observes for the same purpose).
     */
    private boolean outputMoved() {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer == null) {
            return false;
        }
        Object message = buffer.current();
        long progress = buffer.currentProgress();
        long pending = buffer.totalPendingWriteBytes();
        boolean moved = message != sentMessage || progress != sentProgress || pending != sentPending;
        sentMessage = message;
        sentProgress = progress;
        sentPending = pending;
        return moved;
    }

    /**
     * The client half-closed. The codec, further on, turns what it still holds into requests or failures when the
     * event passes it; after that, with nothing in progress, there is nothing left to answer.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        ctx.fireUserEventTriggered(evt);
        if (evt == DrainStarted.INSTANCE) {
            draining = true; // a connection still sending closes once the answer is out
            if (phase == Phase.IDLE) {
                expire("the server is stopping");
            }
        } else if (evt instanceof ChannelInputShutdownEvent) {
            inputClosed = true;
            if (phase == Phase.IDLE || phase == Phase.HEAD) {
                expire("client closed its side"); // SENDING: the answer goes out first (afterResponses)
            } else if (phase == Phase.BODY) {
                // The body can never complete; answered in order, after any response still owed.
                phase = Phase.BUSY;
                deadline = Long.MAX_VALUE;
                ctx.pipeline().fireUserEventTriggered(BodyTruncated.INSTANCE);
            }
        }
    }

    private void enterIdle() {
        phase = Phase.IDLE;
        setDeadline(now() + idleNanos);
    }

    private void setDeadline(long at) {
        deadline = at;
        if (timer == null || at < timerAt) {
            schedule(at);
        }
    }

    /** The timer fired: act if the current phase's deadline passed, else sleep again until it. */
    private void onTimer() {
        timer = null;
        if (phase == Phase.BUSY || !ctx.channel().isActive()) {
            return;
        }
        long now = now();
        if (phase == Phase.BODY) {
            if (!ctx.channel().config().isAutoRead()) {
                lastRead = now; // the server paused reading; the client is not stalling
            }
            deadline = lastRead + bodyNanos;
        } else if (phase == Phase.SENDING) {
            if (outputMoved()) {
                lastSent = now;
            }
            deadline = lastSent + sendNanos;
        }
        if (now < deadline) {
            schedule(deadline);
            return;
        }
        switch (phase) {
            case IDLE -> expire("idle keep-alive connection");
            case SENDING -> expire("the client read none of the response for the send timeout");
            case HEAD -> expire("request head not complete");
            case BODY -> {
                phase = Phase.BUSY;
                deadline = Long.MAX_VALUE;
                ctx.pipeline().fireUserEventTriggered(BodyStalled.INSTANCE);
            }
            default -> throw new IllegalStateException(phase.name());
        }
    }

    /** The event loop's clock, the one the timers run on (not System.nanoTime, which a test ticker cannot move). */
    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    /**
     * Closes the connection below the protocol's handlers, so an HTTP/1.x codec has no say; but an HTTP/2
     * connection is closed through its frame codec, which first sends GOAWAY {@code NO_ERROR} naming the last stream
     * it took (RFC 9113 §6.8), so the client knows no request of its was dropped. The clock closes an HTTP/2
     * connection only while it has no open stream, so the codec closes it as soon as the GOAWAY is written.
     */
    private void expire(String why) {
        LOG.debug("closing {}: {}", ctx.channel(), why);
        if (ctx.pipeline().get(Http2FrameCodec.class) != null) {
            ctx.channel().close();
        } else {
            ctx.close();
        }
    }

    private void schedule(long at) {
        cancel();
        timerAt = at;
        timer = ctx.executor().schedule(fire, Math.max(0, at - now()), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }
}
