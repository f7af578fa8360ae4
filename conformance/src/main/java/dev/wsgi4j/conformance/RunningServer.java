package dev.wsgi4j.conformance;

import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;

import java.net.InetSocketAddress;

/** A started server: the kit sends it requests, then closes it. */
public interface RunningServer extends AutoCloseable {

    /**
     * Sends one request and returns what a client receives: throws when no response arrived at all, and marks a
     * response cut after its head {@link TestResponse#truncated()}.
     */
    TestResponse send(TestRequest request) throws Exception;

    /** Where a socket reaches the server; only with {@link Capability#SOCKET}. */
    default InetSocketAddress address() {
        throw new UnsupportedOperationException("this server has no socket address");
    }

    /** Stops the server; requests no longer arrive. */
    @Override
    void close() throws Exception;

    /**
     * A running server reached at {@code address}: each request goes over a fresh connection, byte for byte as the
     * {@link TestRequest} describes it ({@link RequestWriter}), with {@code Connection: close}; {@code stop} runs at
     * {@link #close()}. What a socket server's factory returns.
     */
    static RunningServer overSocket(InetSocketAddress address, AutoCloseable stop) {
        return new RunningServer() {
            @Override
            public TestResponse send(TestRequest request) throws Exception {
                try (RawConnection connection = RawConnection.open(address)) {
                    connection.send(RequestWriter.write(request, true));
                    return connection.read("HEAD".equals(request.method())).toTestResponse();
                }
            }

            @Override
            public InetSocketAddress address() {
                return address;
            }

            @Override
            public void close() throws Exception {
                stop.close();
            }
        };
    }
}
