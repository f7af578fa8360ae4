/**
 * What {@code benchmarks/run.sh} runs and BENCHMARKS.md reports, built only with {@code -Pbenchmarks}.
 * <ul>
 * <li>Load-test servers, started by {@link dev.wsgi4j.bench.BenchServer}, all answering the same {@code Hello}: wsgi4j
 * ({@link dev.wsgi4j.bench.Wsgi4jHello}), the raw Netty baseline every ratio is taken against
 * ({@code RawHelloServer}), and the JVM peers ({@code JettyHello}, {@code VertxHello}).</li>
 * <li>The idle-connection client of the memory run, {@link dev.wsgi4j.bench.IdleClients}.</li>
 * <li>JMH benchmarks of the hot path: {@link dev.wsgi4j.bench.EnvironBenchmark} (over
 * {@link dev.wsgi4j.bench.BrowserGet}) and {@link dev.wsgi4j.bench.ResponseDriverBenchmark};
 * {@code FullResponseBenchmark} sits in
 * {@code dev.wsgi4j.netty} of this module because it drives the package-private {@code NettyTransport}.</li>
 * </ul>
 *
 * <p>Not here: assertions about speed. Timing belongs in these runs, never in unit tests; the tests of this module
 * only check that each server answers. (The {@code dev.wsgi4j.netty} package of this module has no
 * {@code package-info.java} of its own: adapter-netty's describes that package, and a second one would collide with
 * it in the shaded benchmarks jar.)
 */
package dev.wsgi4j.bench;
