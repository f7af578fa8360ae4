package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns Netty's leak reports into test failures. Registered for every test class (service file plus
 * {@code junit.jupiter.extensions.autodetection.enabled}); it installs its detector factory before any buffer
 * class is loaded, and after each class nudges the collector so that leaked buffers get reported, then fails the
 * class if any were. The surefire argLine sets the detection level to paranoid.
 */
public final class LeakWatch implements AfterAllCallback {

    private static final List<String> LEAKS = new ArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                    long maxActive) {
                return new RecordingDetector<>(resource, samplingInterval);
            }
        });
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            // Leaks are reported when a new resource is tracked, so allocate one.
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(8);
            probe.release();
        }
        List<String> found;
        synchronized (LEAKS) {
            found = new ArrayList<>(LEAKS);
            LEAKS.clear();
        }
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " Netty resource leak(s) reported during "
                    + context.getDisplayName() + ":\n" + String.join("\n", found));
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        @SuppressWarnings("deprecation")
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            synchronized (LEAKS) {
                LEAKS.add("LEAK: " + resourceType + records);
            }
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            synchronized (LEAKS) {
                LEAKS.add("LEAK: " + resourceType + " (untraced)");
            }
            super.reportUntracedLeak(resourceType);
        }
    }
}
