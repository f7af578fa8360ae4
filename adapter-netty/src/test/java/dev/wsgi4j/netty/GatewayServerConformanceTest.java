package dev.wsgi4j.netty;

import dev.wsgi4j.conformance.Pep3333Conformance;
import dev.wsgi4j.conformance.ServerUnderTest;

/** PEP 3333's statements, every one, on the real server over loopback sockets. */
class GatewayServerConformanceTest extends Pep3333Conformance {

    @Override
    protected ServerUnderTest factory() {
        return new GatewayServerUnderTest();
    }
}
