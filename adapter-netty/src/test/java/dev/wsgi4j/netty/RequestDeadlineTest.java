package dev.wsgi4j.netty;

import dev.wsgi4j.gateway.ResponseHead;
import dev.wsgi4j.gateway.StatusLine;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who answers a request with a timeout, the application or the server, in each order the two can meet in: exactly
 * one of them, and what the loser does afterwards is dropped. The clock is the embedded event loop's, moved by hand.
 */
class RequestDeadlineTest {

    private static final ResponseHead OK = new ResponseHead(StatusLine.of(200), List.of(), -1, false);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final NettyTransport transport = new NettyTransport(channel, HttpVersion.HTTP_1_1, true,
            new WritabilityGate(channel, TimeUnit.SECONDS.toNanos(60)), true, "wsgi4j", () -> false);
    private final List<Boolean> expiries = new ArrayList<>();
    private final RequestDeadline deadline = new RequestDeadline(transport, expiries::add);

    @AfterEach
    void release() {
        Thread.interrupted();
        channel.finishAndReleaseAll();
    }

    private void passTime() {
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    @Test
    void anApplicationThatAnswersFirstKeepsItsAnswerAndTheTimerDoesNothing() {
        deadline.schedule(channel.eventLoop(), TimeUnit.SECONDS.toNanos(1));
        assertThat(deadline.enter()).isTrue();
        deadline.sendFull(OK, List.of("ok".getBytes()));
        passTime();
        deadline.exit();

        assertThat(expiries).isEmpty();
        assertThat(deadline.timedOut()).isFalse();
        assertThat(transport.head()).isSameAs(OK);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aCallThatEndedBeforeTheClockStartedNeverStartsIt() {
        assertThat(deadline.enter()).isTrue();
        deadline.sendFull(OK, List.of());
        deadline.exit();
        deadline.schedule(channel.eventLoop(), TimeUnit.SECONDS.toNanos(1));
        passTime();

        assertThat(expiries).isEmpty();
    }

    @Test
    void whenTheTimerWinsBeforeTheHeadTheServerAnswersAndTheApplicationsAnswerIsDropped() throws Exception {
        deadline.schedule(channel.eventLoop(), TimeUnit.SECONDS.toNanos(1));
        assertThat(deadline.enter()).isTrue();
        passTime();

        assertThat(expiries).containsExactly(false);
        assertThat(Thread.currentThread().isInterrupted()).as("the call's thread is interrupted").isTrue();
        assertThat(deadline.superseded()).isTrue();
        assertThat(deadline.clientGone()).as("nothing it sends reaches the client").isTrue();
        deadline.sendEarlyHints(List.of());
        deadline.sendFull(OK, List.of("late".getBytes()));
        deadline.finish();
        deadline.abort(new IOException("late"));
        assertThatThrownBy(() -> deadline.sendHead(OK)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> deadline.sendChunk("late".getBytes())).isInstanceOf(IOException.class);
        assertThat(transport.head()).as("nothing of the application's reached the transport").isNull();
        assertThat((Object) channel.readOutbound()).isNull();
        deadline.exit();
        assertThat(Thread.currentThread().isInterrupted()).as("cleared for the thread's next call").isFalse();
        passTime();
        assertThat(expiries).as("once only").hasSize(1);
    }

    @Test
    void whenTheTimerWinsAfterTheHeadTheServerCutsTheResponse() throws Exception {
        deadline.schedule(channel.eventLoop(), TimeUnit.SECONDS.toNanos(1));
        assertThat(deadline.enter()).isTrue();
        deadline.sendHead(OK);
        channel.flushOutbound();
        HttpResponse head = channel.readOutbound();
        passTime();

        assertThat(head.status().code()).isEqualTo(200);
        assertThat(expiries).containsExactly(true);
        assertThatThrownBy(() -> deadline.sendChunk("more".getBytes())).isInstanceOf(IOException.class);
        deadline.finish();
        assertThat((Object) channel.readOutbound()).as("no last chunk: the server cuts the response").isNull();
        deadline.exit();
    }

    @Test
    void aCallStillWaitingForAThreadAtItsDeadlineIsNeverRun() {
        deadline.schedule(channel.eventLoop(), TimeUnit.SECONDS.toNanos(1));
        passTime();

        assertThat(expiries).containsExactly(false);
        assertThat(deadline.enter()).isFalse();
        deadline.exit();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anInterruptTheDeadlineDidNotMakeIsLeftAlone() {
        deadline.schedule(channel.eventLoop(), TimeUnit.SECONDS.toNanos(1));
        assertThat(deadline.enter()).isTrue();
        Thread.currentThread().interrupt();
        deadline.sendFull(OK, List.of());
        deadline.exit();

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
