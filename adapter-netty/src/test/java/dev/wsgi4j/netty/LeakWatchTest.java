package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The leak watch must itself be able to fail, or a clean run proves nothing. */
class LeakWatchTest {

    /** True only while this class runs a probe class through the test kit, so surefire never runs one alone. */
    private static volatile boolean probing;

    @Test
    void aBufferThatIsNeverReleasedFailsTheTestClass() {
        leak();
        ExtensionContext context = mock(ExtensionContext.class);
        when(context.getDisplayName()).thenReturn("probe");
        when(context.getTestClass()).thenReturn(Optional.empty());
        assertThatThrownBy(() -> new LeakWatch().afterAll(context))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LEAK");
    }

    /**
     * A class with no {@code @ExtendWith} that leaks fails: LeakWatch is registered for every class by the service
     * file and the autodetection switch in junit-platform.properties, which the kit reads like the real launcher.
     */
    @Test
    void aTestClassWithoutExtendWithThatLeaksABufferFails() {
        EngineExecutionResults results = run(LeaksABuffer.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("leaks"), finishedSuccessfully()));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(LeaksABuffer.class),
                finishedWithFailure(instanceOf(AssertionError.class), message(m -> m.contains("resource leak")))));
    }

    @Test
    void theSameClassThatReleasesItsBufferPasses() {
        EngineExecutionResults results = run(ReleasesItsBuffer.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test("releases"), finishedSuccessfully()));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(ReleasesItsBuffer.class),
                finishedSuccessfully()));
    }

    private static EngineExecutionResults run(Class<?> probe) {
        probing = true;
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(probe))
                    .enableImplicitConfigurationParameters(true).execute();
        } finally {
            probing = false;
        }
    }

    private static void leak() {
        ByteBuf lost = PooledByteBufAllocator.DEFAULT.buffer(16);
        lost.writeInt(42);
    }

    /** Leaks a buffer and declares no extension. */
    static class LeaksABuffer {
        @Test
        void leaks() {
            assumeTrue(probing, "runs only inside LeakWatchTest");
            leak();
        }
    }

    /** Uses a buffer the same way and releases it. */
    static class ReleasesItsBuffer {
        @Test
        void releases() {
            assumeTrue(probing, "runs only inside LeakWatchTest");
            ByteBuf kept = PooledByteBufAllocator.DEFAULT.buffer(16);
            kept.writeInt(42);
            kept.release();
        }
    }
}
