/**
 * Small, pure helpers every application needs and should not rewrite: complete responses, URL reconstruction,
 * path shifting, query and form parsing, and streaming multipart uploads. Nothing here depends on a server.
 *
 * <p>Helpers that read client input throw {@link BadRequestException} (400) for malformed
 * input and {@link PayloadTooLargeException} (413) when a limit is exceeded, so a server can
 * answer them without the application catching anything.
 */
package dev.wsgi4j.http;
