/**
 * The PEP 3333 conformance kit: every server-side statement of PEP 3333 as a JUnit test with a stable id
 * ({@code P3333-ENV-01} ...), run against any wsgi4j server through {@link dev.wsgi4j.conformance.ServerUnderTest}.
 * A server's tests subclass {@link dev.wsgi4j.conformance.Pep3333Conformance} and return their factory; a statement
 * that cannot apply to that server (an in-process client has no socket) is skipped with its reason, never passed.
 * SPEC.md §8.1 lists the statements and their tests; conformance/README.md shows how to run the kit.
 */
package dev.wsgi4j.conformance;
