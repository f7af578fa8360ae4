/**
 * Python WSGI applications (PEP 3333) served as wsgi4j {@link dev.wsgi4j.Application}s through GraalPy.
 */
package dev.wsgi4j.graalpy;
