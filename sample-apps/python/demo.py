"""The wsgi4j demo site as a plain WSGI application (PEP 3333): no framework, the standard library only.

A port of the Java demo (sample-apps' dev.wsgi4j.samples.DemoApp and the apps it mounts) that answers what the
Java one answers, so one contract suite checks both and gunicorn and wsgi4j can be compared on the same code:

    gunicorn --chdir sample-apps/python demo:application
    java -jar adapter-graalpy/target/wsgi4j-python.jar --python demo:application --python-path sample-apps/python

/file and /upload keep temp files while a request needs them: in DEMO_TEMP_DIR when it is set, else in the
system's temp directory; make_application(directory) builds a site that uses another directory.
"""

import datetime
import os
import tempfile
import time

import demo_files
import demo_multipart
from demo_http import (HttpError, content_length, cookies, decode, error_answer, escape, first, form_fields, html,
                       json_answer, not_found, origin, parse_query, query_number, quote, redirect, respond,
                       set_cookie, status, status_line, text)

PATTERN_PERIOD = 251
MAX_BLOCK = 1 << 20
MAX_TOTAL = 1 << 30
MODIFIED = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
FLASH_MAX = 200

INDEX = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>wsgi4j demo</title></head><body>
<h1>wsgi4j demo</h1>
<ul>
<li><a href="{base}/hello/world">/hello/world</a>: hello and the path below /hello</li>
<li><a href="{base}/redirect">/redirect</a>: 302 back to this page</li>
<li><a href="{base}/redirect?to=/hello/redirected">/redirect?to=/hello/redirected</a>: 302 to a local path</li>
<li><a href="{base}/flash">/flash</a>: a message posted, redirected (303) and shown once, through a cookie</li>
<li><a href="{base}/hints">/hints</a>: a 103 Early Hints naming the page's stylesheet, then the page</li>
<li><a href="{base}/environ">/environ</a>: the environ of your request, as JSON</li>
<li><a href="{base}/stream?chunks=8&amp;size=1024">/stream?chunks=8&amp;size=1024</a>: a lazily streamed body</li>
<li><a href="{base}/file?size=65536">/file?size=65536</a>: a temp file sent through wsgi.file_wrapper</li>
<li><a href="{base}/write">/write</a>: a body sent through the legacy write() callable</li>
<li><a href="{base}/slow?ms=500">/slow?ms=500</a>: a blocking application</li>
<li><a href="{base}/error">/error</a>: fails before start_response (500)</li>
<li><a href="{base}/error-late">/error-late</a>: fails after its first block (cut response)</li>
</ul>
<h2>A form</h2>
<form method="post" action="{base}/process_form">
<label>name <input type="text" name="name"></label>
<label>message <input type="text" name="message"></label>
<button type="submit">Send</button>
</form>
<h2>An upload</h2>
<form method="post" enctype="multipart/form-data" action="{base}/upload">
<label>files <input type="file" name="file" multiple></label>
<label>note <input type="text" name="note"></label>
<button type="submit">Upload</button>
</form>
<p>POST a body to <code>{base}/echo</code> to get it back.</p>
</body></html>
"""

HINTS = """<!DOCTYPE html>
<html><head><title>Early hints</title><link rel="stylesheet" href="/style.css"></head>
<body><h1>Early hints</h1><p>A 103 response named /style.css before this page.</p></body></html>
"""


def methods(**handlers):
    """One handler per method (keyword order); HEAD goes to GET; OPTIONS is 204 and the rest 405, with Allow."""
    names = list(handlers)
    if 'GET' in handlers and 'HEAD' not in handlers:
        names.append('HEAD')
    names.append('OPTIONS')
    allow = [('Allow', ', '.join(names))]

    def dispatch(environ, start_response):
        method = environ['REQUEST_METHOD']
        handler = handlers.get(method) or (handlers.get('GET') if method == 'HEAD' else None)
        if handler:
            return handler(environ, start_response)
        return status(environ, start_response, 204 if method == 'OPTIONS' else 405, allow)
    return dispatch


def exact(app):
    """Serves only the mount point itself (and a trailing '/'): /write/x is a 404, not /write."""
    def only_here(environ, start_response):
        if environ.get('PATH_INFO', '') in ('', '/'):
            return app(environ, start_response)
        return not_found(environ, start_response)
    return only_here


def url_map(mounts):
    """Each app at its path prefix, the longest matching at a segment boundary (wsgi4j's UrlMap)."""
    ordered = sorted(((prefix.rstrip('/'), app) for prefix, app in mounts), key=lambda m: -len(m[0]))

    def route(environ, start_response):
        path = environ.get('PATH_INFO', '')
        for prefix, app in ordered:
            if path.startswith(prefix) and (len(path) == len(prefix) or path[len(prefix)] == '/'):
                shifted = dict(environ, SCRIPT_NAME=environ.get('SCRIPT_NAME', '') + prefix,
                               PATH_INFO=path[len(prefix):])
                return app(shifted, start_response)
        return not_found(environ, start_response)
    return route


def index_page(environ, start_response):
    # quote() leaves only unreserved characters, '/' and %XX: safe in an HTML attribute as it is.
    return html(environ, start_response, INDEX.replace('{base}', quote(environ['SCRIPT_NAME'], '/')))


_index_methods = methods(GET=index_page)


def index(environ, start_response):
    """The front page at the site's root; any other path the site does not mount is a 404."""
    if environ.get('PATH_INFO', '') not in ('', '/'):
        return not_found(environ, start_response)
    return _index_methods(environ, start_response)


def hello(environ, start_response):
    return text(environ, start_response, 'hello, ' + decode(environ.get('PATH_INFO', '')))


def show_form(environ, start_response):
    fields = form_fields(environ)
    page = ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Submitted form</title></head><body>\n'
            '<h1>Submitted form</h1>\n')
    if not fields:
        page += '<p>No fields were submitted.</p>\n'
    else:
        page += '<ul id="fields">\n' + ''.join('<li>%s = %s</li>\n' % (escape(k), escape(v)) for k, v in fields)
        page += '</ul>\n'
    return html(environ, start_response, page + '</body></html>\n')


def _flash_self(environ):
    return quote(environ.get('SCRIPT_NAME', '') or '/', '/')


def _flash_page(self, message):
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Flash message</title></head><body>\n'
            '<h1>Flash message</h1>\n'
            + ('' if message is None else '<p id="flash">' + escape(message) + '</p>\n')
            + '<form method="post" action="' + self + '">\n'
            '<label>message <input type="text" name="message"></label>\n'
            '<button type="submit">Flash</button>\n</form>\n</body></html>\n')


def flash_show(environ, start_response):
    self = _flash_self(environ)
    message = first(cookies(environ), 'flash')
    headers = [('Cache-Control', 'no-store')]
    if message is not None:
        headers.append(('Set-Cookie', set_cookie('flash', '', self, _https(environ), expired=True)))
    return html(environ, start_response, _flash_page(self, message), headers=headers)


def flash_post(environ, start_response):
    self = _flash_self(environ)
    message = first(form_fields(environ), 'message', '')
    if _blank(message) or len(message.encode('utf-16-le')) // 2 > FLASH_MAX:
        return text(environ, start_response, "400 Bad Request\nthe form needs a 'message' of 1 to %d characters\n"
                    % FLASH_MAX, 400)
    return redirect(environ, start_response, origin(environ) + self, 303,
                    [('Set-Cookie', set_cookie('flash', message, self, _https(environ)))])


def _https(environ):
    return environ['wsgi.url_scheme'] == 'https'


def _blank(value):
    """Java's String.isBlank: only whitespace, which there excludes the no-break spaces and U+0085."""
    return all(c.isspace() and c not in '\u00a0\u2007\u202f\u0085' for c in value)


def make_redirect(mount):
    def redirect_app(environ, start_response):
        fields = parse_query(environ.get('QUERY_STRING', ''))
        to = first(fields, 'to')
        if to is None:
            script_name = environ.get('SCRIPT_NAME', '')
            if script_name.endswith(mount):
                script_name = script_name[:len(script_name) - len(mount)]
            url = origin(environ) + quote(script_name or '/', '/')
            return redirect(environ, start_response, url if url.endswith('/') else url + '/', 302)
        local = local_path(to)
        if local is None:
            return text(environ, start_response,
                        "400 Bad Request\n'to' must be a path on this site, starting with one '/'\n", 400)
        return redirect(environ, start_response, origin(environ) + local, 302)
    return redirect_app


_KEPT = frozenset(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&\'()*+,;=:@/?')
_HEXDIGITS = frozenset(b'0123456789abcdefABCDEF')


def local_path(target):
    """target as a percent-encoded path on this host, or None when a browser could read it as another host."""
    if not target.startswith('/') or target.startswith('//'):
        return None
    if any(c == '\\' or ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return None
    data = target.encode('utf-8', 'surrogatepass')
    out = []
    for i, b in enumerate(data):
        escape = b == 0x25 and i + 2 < len(data) and data[i + 1] in _HEXDIGITS and data[i + 2] in _HEXDIGITS
        out.append(chr(b) if escape or b in _KEPT else '%%%02X' % b)
    return ''.join(out)


def environ_app(environ, start_response):
    shown = {}
    for key, value in environ.items():
        if isinstance(value, str):
            shown[key] = decode(value)
        elif isinstance(value, (bool, int, float)):
            shown[key] = value
    shown['wsgi.version'] = [1, 0]
    return json_answer(environ, start_response, dict(sorted(shown.items())))


def echo(environ, start_response):
    headers = [('Content-Type', environ.get('CONTENT_TYPE') or 'application/octet-stream')]
    length = content_length(environ)
    if length >= 0:
        headers.append(('Content-Length', str(length)))
    start_response(status_line(200), headers)
    stream = environ['wsgi.input']

    def blocks():
        while True:
            block = stream.read(64 * 1024)
            if not block:
                return
            yield block
    return blocks()


_PATTERN = bytes(range(PATTERN_PERIOD)) * (MAX_BLOCK // PATTERN_PERIOD + 2)


def pattern(offset, size):
    """Bytes offset..offset+size of the demo's generated data: byte i is i mod 251."""
    start = offset % PATTERN_PERIOD
    return _PATTERN[start:start + size]


def stream(environ, start_response):
    chunks = query_number(environ, 'chunks', 8, 0, MAX_TOTAL)
    size = query_number(environ, 'size', 1024, 1, MAX_BLOCK)
    if chunks * size > MAX_TOTAL:
        raise HttpError(400, 'chunks * size must be at most %d bytes' % MAX_TOTAL)
    start_response(status_line(200), [('Content-Type', 'application/octet-stream')])
    # A generator, not a list: the server asks for each block when it can send it, and none for HEAD.
    return (pattern(k * size, size) for k in range(0 if environ['REQUEST_METHOD'] == 'HEAD' else chunks))


def make_file(directory):
    def file_app(environ, start_response):
        size = query_number(environ, 'size', 1024, 0, MAX_TOTAL)
        handle, path = tempfile.mkstemp(prefix='wsgi4j-demo-', suffix='.bin', dir=directory)
        try:
            with os.fdopen(handle, 'wb') as out:
                for offset in range(0, size, 64 * 1024):
                    out.write(pattern(offset, min(64 * 1024, size - offset)))
        except BaseException:
            os.unlink(path)
            raise
        return demo_files.send_file(environ, start_response, path, 'application/octet-stream',
                                    'pattern-%d' % size, MODIFIED)
    return file_app


def write(environ, start_response):
    out = start_response(status_line(200), [('Content-Type', 'text/plain; charset=utf-8')])
    if environ['REQUEST_METHOD'] == 'HEAD':
        return iter(())  # the head only, its length unknown, as for GET
    out(b'this body was sent through write(),\n')
    out(b'one call per line, before the application returned.\n')
    return []


def hints(environ, start_response):
    early_hints = environ.get('wsgi.early_hints')
    if early_hints:
        early_hints([('Link', '</style.css>; rel=preload; as=style')])
    return html(environ, start_response, HINTS)


def style(environ, start_response):
    return respond(environ, start_response, 200, [('Content-Type', 'text/css; charset=utf-8')],
                   b'body { font-family: sans-serif }\n')


def slow(environ, start_response):
    millis = query_number(environ, 'ms', 1000, 0, 10000)
    time.sleep(millis / 1000)
    return text(environ, start_response, 'slept %d' % millis)


def error(environ, start_response):
    raise RuntimeError('the demo fails before start_response, as it was asked to')


def error_late(environ, start_response):
    start_response(status_line(200), [('Content-Type', 'text/plain; charset=utf-8')])

    def blocks():
        yield b'the first block arrives; the rest never will\n'
        raise RuntimeError('the demo fails after its first block, as it was asked to')
    return blocks()


def make_upload(directory):
    def upload(environ, start_response):
        fields, files = demo_multipart.parse(environ, directory)
        grouped = {}
        for name, value in fields:
            grouped.setdefault(name, []).append(value)
        return json_answer(environ, start_response, {'fields': grouped, 'files': files})
    return upload


def make_application(directory=None):
    """The demo site; /file and /upload keep their temp files in directory (the system's temp directory if None)."""
    directory = directory or tempfile.gettempdir()
    site = url_map([
        ('/', index),
        ('/hello', hello),
        ('/process_form', exact(methods(GET=show_form, POST=show_form))),
        ('/flash', exact(methods(GET=flash_show, POST=flash_post))),
        ('/upload', exact(methods(POST=make_upload(directory)))),
        ('/redirect', exact(make_redirect('/redirect'))),
        ('/environ', environ_app),
        ('/echo', exact(methods(POST=echo))),
        ('/stream', exact(stream)),
        ('/file', exact(make_file(directory))),
        ('/write', exact(write)),
        ('/hints', exact(hints)),
        ('/style.css', exact(style)),
        ('/slow', exact(slow)),
        ('/error', exact(error)),
        ('/error-late', exact(error_late)),
    ])

    def demo(environ, start_response):
        try:
            return site(environ, start_response)
        except HttpError as refused:
            return error_answer(environ, start_response, refused)
    return demo


application = make_application(os.environ.get('DEMO_TEMP_DIR'))
