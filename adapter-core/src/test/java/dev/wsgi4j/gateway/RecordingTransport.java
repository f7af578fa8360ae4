package dev.wsgi4j.gateway;

import dev.wsgi4j.FileWrapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link ResponseTransport} that records every call in order; it can simulate a client that goes away. */
final class RecordingTransport implements ResponseTransport {

    final List<String> calls = new ArrayList<>();
    final List<ResponseHead> heads = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final List<byte[]> chunks = new ArrayList<>();
    Throwable abortCause;
    FileWrapper file;
    long fileCount = -1;
    Runnable onDone;

    /** What {@link #clientGone()} says: a test sets it when its client "leaves". */
    volatile boolean gone;
    private int chunksBeforeDisconnect = -1;
    private IOException sendFileFailure;
    private boolean sendFileRunsOnDone;

    /** Every sendChunk after the first {@code accepted} ones throws, as for a client that went away. */
    RecordingTransport disconnectAfterChunks(int accepted) {
        this.chunksBeforeDisconnect = accepted;
        return this;
    }

    /** sendFile throws; with {@code runOnDoneFirst} it first releases the file, as a careful server would. */
    RecordingTransport failSendFile(boolean runOnDoneFirst) {
        this.sendFileFailure = new IOException("connection reset during sendfile");
        this.sendFileRunsOnDone = runOnDoneFirst;
        return this;
    }

    /** sendFile records its arguments and releases the file at once, as a server does when the copy is done. */
    @Override
    public void sendFile(ResponseHead head, FileWrapper file, long count, Runnable onDone) throws IOException {
        calls.add("sendFile");
        heads.add(head);
        this.file = file;
        this.fileCount = count;
        this.onDone = onDone;
        if (sendFileFailure != null) {
            if (sendFileRunsOnDone) {
                onDone.run();
            }
            throw sendFileFailure;
        }
        onDone.run();
    }

    @Override
    public void sendFull(ResponseHead head, List<byte[]> chunks) {
        calls.add("sendFull");
        heads.add(head);
        for (byte[] chunk : chunks) {
            record(chunk);
        }
    }

    @Override
    public void sendHead(ResponseHead head) {
        calls.add("sendHead");
        heads.add(head);
    }

    @Override
    public void sendChunk(byte[] chunk) throws IOException {
        calls.add("sendChunk");
        if (chunksBeforeDisconnect >= 0 && chunks.size() >= chunksBeforeDisconnect) {
            throw new IOException("client disconnected");
        }
        record(chunk);
    }

    @Override
    public void finish() {
        calls.add("finish");
    }

    @Override
    public void abort(Throwable cause) {
        calls.add("abort");
        abortCause = cause;
    }

    @Override
    public boolean clientGone() {
        return gone;
    }

    private void record(byte[] chunk) {
        chunks.add(chunk);
        body.writeBytes(chunk);
    }

    ResponseHead head() {
        if (heads.size() != 1) {
            throw new AssertionError("expected exactly one response head, got " + heads + " via " + calls);
        }
        return heads.get(0);
    }

    int status() {
        return head().status().code();
    }

    String bodyText() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
