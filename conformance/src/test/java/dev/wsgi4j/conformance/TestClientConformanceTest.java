package dev.wsgi4j.conformance;

/** PEP 3333's statements on the in-process TestClient (the wire-only ones are skipped, each with its reason). */
class TestClientConformanceTest extends Pep3333Conformance {

    @Override
    protected ServerUnderTest factory() {
        return new TestClientUnderTest();
    }
}
