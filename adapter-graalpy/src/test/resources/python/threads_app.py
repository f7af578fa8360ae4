"""A plain WSGI application for the pool's tests: which interpreter answered, whether it was warmed, and a meeting
point that only requests running in one interpreter at the same time can pass."""

import threading
import uuid

# Made at import: each interpreter (GraalPy context) imports the module for itself, so each has its own.
TOKEN = uuid.uuid4().hex
warmed = 0
_barriers = {}
_lock = threading.Lock()


def application(environ, start_response):
    global warmed
    path = environ['PATH_INFO']
    if path == '/warm':
        with _lock:
            warmed += 1
        body = b'warm'
    elif path == '/meet':
        # ?N[,SECONDS]: passes only when N requests are inside this interpreter at once; with fewer it times out.
        n, _, seconds = environ['QUERY_STRING'].partition(',')
        with _lock:
            barrier = _barriers.setdefault(n, threading.Barrier(int(n), timeout=float(seconds or 60)))
        barrier.wait()
        body = ('%s warmed=%d multithread=%r' % (TOKEN, warmed, environ['wsgi.multithread'])).encode('ascii')
    elif path == '/broken':
        body = b'%d' % (1 // 0)
    else:
        start_response('404 Not Found', [('Content-Type', 'text/plain')])
        return [b'no such route\n']
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return [body]
