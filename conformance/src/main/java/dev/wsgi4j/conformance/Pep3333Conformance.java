package dev.wsgi4j.conformance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * PEP 3333's server-side statements, all of them, against one server: subclass it in the server's tests and return
 * the server's factory.
 *
 * <pre>{@code
 * class MyServerConformanceTest extends Pep3333Conformance {
 *     protected ServerUnderTest factory() {
 *         return new MyServerUnderTest();
 *     }
 * }
 * }</pre>
 *
 * Each group of statements is a nested class, so a report reads by PEP section; each test's display name starts
 * with its stable id ({@code P3333-ENV-01}) and states the PEP's requirement. SPEC.md §8.1 maps ids to statements.
 */
public abstract class Pep3333Conformance {

    /** The server every statement runs against. */
    protected abstract ServerUnderTest factory();

    @Nested
    @DisplayName("Invocation and environ (ENV-01..07)")
    class Environ extends EnvironStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }

    @Nested
    @DisplayName("Environ values, wsgi.* and extension keys (ENV-08..14)")
    class EnvironValues extends EnvironValueStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }

    @Nested
    @DisplayName("Input and error streams (IN)")
    class Input extends InputStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }

    @Nested
    @DisplayName("start_response (SR-01..05)")
    class StartResponse extends StartResponseStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }

    @Nested
    @DisplayName("Status and headers (SR-06..09)")
    class Headers extends HeaderStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }

    @Nested
    @DisplayName("The response body (BODY-01..04)")
    class Body extends BodyStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }

    @Nested
    @DisplayName("close() and Content-Length (BODY-05..07)")
    class Closing extends ClosingStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }

    @Nested
    @DisplayName("Framing, write() and errors (BODY-08..11)")
    class Delivery extends DeliveryStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }

    @Nested
    @DisplayName("HTTP features (HTTP)")
    class Http extends HttpStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }

    @Nested
    @DisplayName("wsgi.file_wrapper (FW)")
    class FileWrapper extends FileWrapperStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }

    @Nested
    @DisplayName("URL reconstruction and HEAD (URL, HEAD)")
    class UrlAndHead extends UrlAndHeadStatements {
        @Override
        protected ServerUnderTest server() {
            return factory();
        }
    }
}
