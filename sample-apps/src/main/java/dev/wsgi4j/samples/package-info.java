/**
 * The demo: one small application per feature, each a plain {@link dev.wsgi4j.Application} that works alone, mounted
 * together by {@link dev.wsgi4j.samples.DemoApp} (a {@code UrlMap}) and served by
 * {@link dev.wsgi4j.samples.DemoServer}, which is {@code wsgi4j-server} serving {@link dev.wsgi4j.samples.DemoApp}.
 * The routes are listed by {@link dev.wsgi4j.samples.IndexApp} and in README.md ("Try the demo"); the small helpers
 * ({@code Json}, {@code QueryParams}, {@code LocalPath}, {@code BytePattern}) exist
 * only for these samples ({@code Json} is public for the guide's guestbook in {@code dev.wsgi4j.samples.guide}).
 *
 * <p>Not here: anything another application would need. Reusable helpers belong in {@code dev.wsgi4j.http}, server
 * behaviour in adapter-netty; a sample shows how to use them and is not a place to add a rule.
 */
package dev.wsgi4j.samples;
