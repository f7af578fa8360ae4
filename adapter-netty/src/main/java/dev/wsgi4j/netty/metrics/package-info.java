/**
 * The server's metrics through Micrometer (README "Health and metrics"): {@link
 * dev.wsgi4j.netty.metrics.MicrometerMetrics} implements {@link dev.wsgi4j.netty.ServerMetrics}. The only package
 * that names Micrometer: the server loads it only when metrics are on, so that Micrometer stays an optional
 * dependency of an embedder.
 */
package dev.wsgi4j.netty.metrics;
