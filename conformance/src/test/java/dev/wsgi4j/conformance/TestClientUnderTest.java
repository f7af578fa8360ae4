package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.gateway.DeploymentEnviron;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The in-process {@link TestClient} as a server under test: no socket, so the statements about connections and the
 * wire are skipped; deployer pairs and the single-threaded mode come from {@link TestClient#deployment}.
 */
final class TestClientUnderTest implements ServerUnderTest {

    @Override
    public RunningServer start(Application application, KitOptions options) {
        TestClient client = new TestClient(application).keepCookies(false)
                .deployment(new DeploymentEnviron(options.environ(), !options.singleThreaded()));
        return new RunningServer() {
            @Override
            public TestResponse send(TestRequest request) throws Exception {
                return client.send(request);
            }

            @Override
            public void close() {
                // Nothing runs between requests.
            }
        };
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.DEPLOYER_ENVIRON, Capability.SINGLE_THREADED);
    }

    @Override
    public String extensionPrefix() {
        return "wsgi4j.";
    }

    @Override
    public Path environDocumentation() {
        return Path.of("..", "SPEC.md");
    }
}
