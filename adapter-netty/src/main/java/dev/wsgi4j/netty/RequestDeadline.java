package dev.wsgi4j.netty;

import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.ResponseHead;
import dev.wsgi4j.gateway.ResponseTransport;
import io.netty.util.concurrent.EventExecutor;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One application call's request timeout (SPEC.md §6.6, {@code --request-timeout}): the transport the call writes
 * through while the deadline holds, and the timer that ends it. Exactly one side answers the request, decided under
 * this object's lock: the application, once its last message is handed over ({@code sendFull}, {@code finish},
 * {@code abort}, a file's end), or the server, when the timer fires first. From then on the application's writes
 * are dropped (a head or a whole response) or refused with an {@link IOException} (body bytes, which a loop would
 * otherwise write forever), its thread is interrupted, and {@link ResponseTransport#superseded()} is true.
 * <p>The lock is held only for a state check and a channel write (off the event loop, a write only queues a task),
 * never while waiting for the client, so the timer never blocks the event loop for long. The server's answer runs
 * in a task queued after the timer's decision, hence after every write the application queued before it: a head
 * already queued goes out before the cut, and no 103 can follow the 503.
 * <p>Made only when a timeout is set (one per request then); without one, the call writes to its
 * {@link NettyTransport} directly.
 */
final class RequestDeadline implements ResponseTransport, Runnable {

    /** What the server does once the deadline passed: on the event loop, after the writes queued before it. */
    interface Expiry {
        /** @param headSent whether the application's response head went out (cut it) or not (answer 503) */
        void expired(boolean headSent);
    }

    private final NettyTransport transport;
    private final Expiry expiry;
    private EventExecutor loop;
    private ScheduledFuture<?> timer;
    /** The thread running the call, while it runs; null before and after. */
    private Thread thread;
    private boolean headSent;
    /** The application's answer is handed over: the deadline no longer applies. */
    private boolean done;
    private boolean interrupted;
    /** Written under the lock, read without it by the cheap checks the application makes. */
    private volatile boolean timedOut;

    RequestDeadline(NettyTransport transport, Expiry expiry) {
        this.transport = transport;
        this.expiry = expiry;
    }

    /** Starts the clock on {@code loop}, once the call is handed to its executor; nothing if it ended already. */
    synchronized void schedule(EventExecutor loop, long nanos) {
        if (!done && !timedOut) {
            this.loop = loop;
            timer = loop.schedule(this, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** On the call's thread, before the application: false when the deadline passed while it waited for a thread. */
    synchronized boolean enter() {
        if (timedOut) {
            return false;
        }
        thread = Thread.currentThread();
        return true;
    }

    /**
     * On the call's thread, after it, whatever happened: no interrupt reaches the thread from now on, and one this
     * deadline made is cleared, so that a pool thread takes its next request uninterrupted.
     */
    void exit() {
        boolean clear;
        synchronized (this) {
            thread = null;
            clear = interrupted;
            if (!timedOut) {
                finished();
            }
        }
        if (clear) {
            Thread.interrupted();
        }
    }

    /** True once the server answered in the application's place. */
    boolean timedOut() {
        return timedOut;
    }

    /** The timer, on the event loop. */
    @Override
    public void run() {
        boolean wasHeadSent;
        synchronized (this) {
            timer = null;
            if (done || timedOut) {
                return;
            }
            timedOut = true;
            wasHeadSent = headSent;
            if (thread != null) {
                interrupted = true;
                thread.interrupt();
            }
        }
        loop.execute(() -> expiry.expired(wasHeadSent));
    }

    private void finished() {
        done = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public synchronized void sendEarlyHints(List<Header> headers) {
        if (!timedOut) {
            transport.sendEarlyHints(headers);
        }
    }

    @Override
    public synchronized void sendFull(ResponseHead head, List<byte[]> chunks) {
        if (!timedOut) {
            transport.sendFull(head, chunks);
            finished();
        }
    }

    @Override
    public synchronized void sendHead(ResponseHead head) throws IOException {
        refuseIfTimedOut();
        transport.sendHead(head);
        headSent = true;
    }

    /** Outside the lock: the transport may wait for the client here. Bytes written after the cut meet a closed channel. */
    @Override
    public void sendChunk(byte[] chunk) throws IOException {
        refuseIfTimedOut();
        transport.sendChunk(chunk);
    }

    /**
     * The head is claimed under the lock; the file itself goes out without it, since a file read as blocks waits
     * for the client like any body. A file refused here is closed by the driver ({@code onDone}).
     */
    @Override
    public void sendFile(ResponseHead head, FileWrapper file, long count, Runnable onDone) throws IOException {
        synchronized (this) {
            refuseIfTimedOut();
            headSent = true;
        }
        transport.sendFile(head, file, count, onDone);
        synchronized (this) {
            if (!timedOut) {
                finished();
            }
        }
    }

    @Override
    public synchronized void finish() {
        if (!timedOut) {
            transport.finish();
            finished();
        }
    }

    @Override
    public synchronized void abort(Throwable cause) {
        if (!timedOut) {
            transport.abort(cause);
            finished();
        }
    }

    @Override
    public boolean clientGone() {
        return timedOut || transport.clientGone();
    }

    @Override
    public boolean superseded() {
        return timedOut;
    }

    private void refuseIfTimedOut() throws IOException {
        if (timedOut) {
            throw new IOException("the request timed out; the server answered in the application's place");
        }
    }
}
