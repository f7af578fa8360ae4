"""The hello application for gunicorn, equivalent to the JVM servers' (benchmarks/run.sh):
the same 13 bytes, the same content type, a Content-Length."""

BODY = b"Hello, world!"
HEADERS = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def app(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
