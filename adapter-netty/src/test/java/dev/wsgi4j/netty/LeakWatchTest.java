package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The leak watch must itself be able to fail, or a clean run proves nothing. */
class LeakWatchTest {

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

    private static void leak() {
        ByteBuf lost = PooledByteBufAllocator.DEFAULT.buffer(16);
        lost.writeInt(42);
    }
}
