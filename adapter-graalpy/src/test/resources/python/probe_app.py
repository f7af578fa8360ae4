"""A plain WSGI application (PEP 3333, no framework) that shows the tests what it was given."""

import sys

closes = []


def application(environ, start_response):
    path = environ['PATH_INFO']
    route = ROUTES.get(path.split('/')[1] if path.count('/') > 1 else path)
    if route is None:
        start_response('404 Not Found', [('Content-Type', 'text/plain')])
        return [b'no such route\n']
    return route(environ, start_response)


def text(start_response, body, status='200 OK'):
    data = body.encode('utf-8')
    start_response(status, [('Content-Type', 'text/plain; charset=utf-8'), ('Content-Length', str(len(data)))])
    return [data]


def hello(environ, start_response):
    return text(start_response, 'Hello from Python %d.%d\n' % sys.version_info[:2])


def cgi(environ, start_response):
    """PATH_INFO and QUERY_STRING as the bytes the server decoded, then the types of every value."""
    # CGI values are native strings (PEP 3333); dotted keys (wsgi.*, the server's wsgi4j.*) may be any object.
    native = all(type(k) is str for k in environ) and all(
        type(v) is str for k, v in environ.items() if '.' not in k)
    body = b'\n'.join([
        environ['PATH_INFO'].encode('latin-1'),
        environ['QUERY_STRING'].encode('latin-1'),
        environ['REQUEST_METHOD'].encode('latin-1'),
        b'native=%r' % native,
        b'version=%r' % (environ['wsgi.version'],),
        b'multithread=%r multiprocess=%r run_once=%r' % (
            environ['wsgi.multithread'], environ['wsgi.multiprocess'], environ['wsgi.run_once']),
        b'scheme=' + environ['wsgi.url_scheme'].encode('latin-1'),
        b'disconnected=%r' % (environ['wsgi4j.client_disconnected'](),),
    ])
    start_response('200 OK', [('Content-Type', 'application/octet-stream')])
    return [body]


def pieces(environ, start_response):
    """Reads the body in pieces of the sizes the query names, then the rest; answers each piece's length."""
    stream = environ['wsgi.input']
    sizes = [int(s) for s in environ['QUERY_STRING'].split(',') if s]
    got = [len(stream.read(size)) for size in sizes]
    rest = stream.read()
    got.append(len(rest))
    environ['wsgi.errors'].write('pieces read: %r\n' % got)
    return text(start_response, ' '.join(map(str, got)) + ' end=%d' % len(stream.read(10)))


def lines(environ, start_response):
    """readline(), readline(size), readlines() and iteration over wsgi.input, as repr of what each returned."""
    stream = environ['wsgi.input']
    first = stream.readline()
    limited = stream.readline(4)
    if environ['QUERY_STRING'] == 'iterate':
        rest = [line for line in stream]
    else:
        rest = stream.readlines()
    return text(start_response, repr([first, limited] + rest))


def replaced(environ, start_response):
    """start_response, then an error before any byte went out: the second call with exc_info replaces the head."""
    start_response('200 OK', [('Content-Type', 'text/plain')])
    try:
        raise ValueError('changed my mind')
    except ValueError:
        start_response('503 Service Unavailable', [('Content-Type', 'text/plain'), ('Retry-After', '5')],
                       sys.exc_info())
    return [b'try later\n']


def late_error(environ, start_response):
    """exc_info after the head went out: start_response must re-raise it, so the response is cut short."""
    start_response('200 OK', [('Content-Type', 'text/plain')])
    yield b'first part\n'
    try:
        raise KeyError('too late')
    except KeyError:
        start_response('500 Internal Server Error', [('Content-Type', 'text/plain')], sys.exc_info())
    yield b'never sent\n'


class Counted:
    """A body whose close() the next request can see."""

    def __init__(self, count):
        self.count = count

    def __iter__(self):
        for i in range(self.count):
            yield b'chunk %d\n' % i

    def close(self):
        closes.append(self.count)


def stream(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return Counted(int(environ['QUERY_STRING'] or '3'))


def closed(environ, start_response):
    return text(start_response, repr(closes))


def write_callable(environ, start_response):
    write = start_response('200 OK', [('Content-Type', 'text/plain')])
    write(b'written, ')
    return [b'then returned\n']


def fail(environ, start_response):
    raise RuntimeError('the application broke on purpose')


def send_file(environ, start_response):
    f = open(environ['QUERY_STRING'], 'rb')
    f.read(6)  # the response starts where the application left the file
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return environ['wsgi.file_wrapper'](f, 4)


def bad_chunk(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain')])
    return ['text, not bytes']


ROUTES = {
    '/hello': hello,
    'cgi': cgi,
    '/pieces': pieces,
    '/lines': lines,
    '/replaced': replaced,
    '/late-error': late_error,
    '/stream': stream,
    '/closed': closed,
    '/write': write_callable,
    '/fail': fail,
    '/file': send_file,
    '/bad-chunk': bad_chunk,
}
