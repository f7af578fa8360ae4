/**
 * Server-level mounts (README "Mounts", SPEC.md §6.10): several applications served by one server, each under a
 * path prefix of its own and on an executor of its own. {@link dev.wsgi4j.netty.mount.Mounts} says what is mounted
 * where, {@link dev.wsgi4j.netty.mount.MountSettings} how each mount runs, {@link dev.wsgi4j.netty.mount.MountPrefix}
 * the rules a prefix follows; at start the server turns them into a {@link dev.wsgi4j.netty.mount.MountTable}, which
 * its connections ask which {@link dev.wsgi4j.netty.mount.ActiveMount} serves a request. Core's {@code UrlMap} does
 * the same inside one application; these mounts are the server's, so each one has its own threads, and one mount's
 * saturation answers 503 for that mount only.
 */
package dev.wsgi4j.netty.mount;
