/**
 * The {@code wsgi4j-python} command: {@code wsgi4j-server} with the {@code python:} APP scheme and its
 * {@code --python-*} options (README "Serving a Python WSGI application").
 */
package dev.wsgi4j.graalpy.cli;
