package dev.wsgi4j.testing;

/** The contract suite on the in-process runner: the reference every server is held to. */
class TestClientContractTest extends ApplicationContract {

    @Override
    protected ApplicationRunner runner() {
        return new TestClient();
    }
}
