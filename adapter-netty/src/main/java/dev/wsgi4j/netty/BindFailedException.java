package dev.wsgi4j.netty;

/** {@link GatewayServer#start()} could not listen on one of its addresses; the message names the address and why. */
public final class BindFailedException extends RuntimeException {

    private final transient ListenAddress address;

    BindFailedException(ListenAddress address, String why, Throwable cause) {
        super("cannot listen on " + address + ": " + why, cause);
        this.address = address;
    }

    /** The address that could not be bound. */
    public ListenAddress address() {
        return address;
    }
}
