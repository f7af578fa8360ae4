/**
 * Small, pure helpers every application needs and should not rewrite: complete responses, file responses with
 * conditional GET and ranges, URL reconstruction, path shifting, Content-Type, bounded body reads, query and form
 * parsing, streaming multipart uploads, and cookies. Nothing here depends on a server.
 *
 * <p>Helpers that read client input throw {@link BadRequestException} (400) for malformed input and
 * {@link PayloadTooLargeException} (413) when a limit is exceeded, both kinds of {@link GatewayException}, so a
 * server can answer them without the application catching anything (SPEC.md §5). They live here, beside the
 * helpers that throw them, because applications throw and catch them too; the server side
 * ({@code dev.wsgi4j.gateway}) only reads their status.
 *
 * <p>Not here: middleware that wraps an application ({@code dev.wsgi4j.middleware}) and anything a server does with
 * a request or a response ({@code dev.wsgi4j.gateway}).
 */
package dev.wsgi4j.http;
