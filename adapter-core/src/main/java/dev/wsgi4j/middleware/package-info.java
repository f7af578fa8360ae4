/**
 * Applications that wrap applications (SPEC.md §1.3): {@link dev.wsgi4j.middleware.Middleware} (composition),
 * {@link dev.wsgi4j.middleware.UrlMap} (several applications mounted at path prefixes, each seeing its own
 * {@code SCRIPT_NAME}/{@code PATH_INFO} through a {@code ShiftedEnviron} layer),
 * {@link dev.wsgi4j.middleware.Methods} (one application per request method: 405, HEAD through GET, OPTIONS), and
 * {@link dev.wsgi4j.middleware.Validator} with its parts ({@code EnvironChecks}, {@code ValidatingStartResponse},
 * {@code ValidatingBody}, {@code ValidatingInput}, {@link dev.wsgi4j.middleware.Violations},
 * {@link dev.wsgi4j.middleware.ValidationError}), which checks both sides of the gateway against SPEC.md and names
 * the rule broken.
 *
 * <p>Not here: pure helpers that do not wrap an application (path shifting, forms, responses:
 * {@code dev.wsgi4j.http}), and anything a server must do itself ({@code dev.wsgi4j.gateway}). Middleware sees only
 * what any application sees, so it runs unchanged on every server and in the test client.
 */
package dev.wsgi4j.middleware;
