package dev.wsgi4j.samples;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a test needs from the machine (nginx, a browser, gunicorn, Flask): missing, the test is skipped, except under
 * CI (the variable {@code CI} set, as for {@code CI=true bash .ci/run}), where .ci/run installed it, so a missing one
 * is a broken CI and fails rather than passes unseen.
 */
final class Installed {

    private Installed() {
    }

    /** @param missing what is missing and how to install it, as the skip or the failure says it */
    static void require(boolean installed, String missing) {
        String ci = System.getenv("CI");
        if (!installed && ci != null && !ci.isEmpty() && !"false".equals(ci)) {
            fail("CI=" + ci + " but " + missing);
        }
        assumeTrue(installed, missing);
    }
}
