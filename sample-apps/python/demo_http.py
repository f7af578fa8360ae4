"""The HTTP helpers demo.py needs, stdlib only: what wsgi4j's dev.wsgi4j.http package gives the Java demo.

Each helper answers byte for byte as its Java counterpart does (Responses, QueryString, Cookies, RequestUri,
ErrorOutput), so the demo's contract suite holds for the Python port as it holds for the Java demo. Text in
environ is a WSGI "native string" (PEP 3333): one character per byte, so it is encoded as Latin-1 to get the bytes.
"""

import json
import re
from urllib.parse import quote as _quote

TEXT = 'text/plain; charset=utf-8'
HTML = 'text/html; charset=utf-8'
JSON = 'application/json'

REASONS = {
    200: 'OK', 204: 'No Content', 206: 'Partial Content', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
    400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 412: 'Precondition Failed',
    413: 'Content Too Large', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable',
    500: 'Internal Server Error',
}

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")
_HEX = '0123456789ABCDEFabcdef'


def status_line(code):
    return '%d %s' % (code, REASONS[code])


class HttpError(Exception):
    """Client input the demo refuses: answered with this status, the message as text (wsgi4j's GatewayException)."""

    def __init__(self, code, message, headers=()):
        super().__init__(message)
        self.code = code
        self.message = message
        self.headers = list(headers)


def error_answer(environ, start_response, error):
    """What wsgi4j's server answers for a GatewayException: the status line and the message, as text/plain."""
    body = ('%s\n%s\n' % (status_line(error.code), error.message)).encode('utf-8')
    return respond(environ, start_response, error.code, error.headers + [('Content-Type', TEXT)], body)


def respond(environ, start_response, code, headers, body=b''):
    """Starts a buffered response with its Content-Length (none for 204 and 304) and returns its body.

    A HEAD request gets the same head and no body: a server must send none, and not every server drops it.
    """
    headers = list(headers)
    if code not in (204, 304):
        headers.append(('Content-Length', str(len(body))))
    start_response(status_line(code), headers)
    return [] if environ['REQUEST_METHOD'] == 'HEAD' or not body else [body]


def text(environ, start_response, content, code=200, headers=()):
    return respond(environ, start_response, code, [('Content-Type', TEXT)] + list(headers), content.encode('utf-8'))


def html(environ, start_response, page, code=200, headers=()):
    return respond(environ, start_response, code, [('Content-Type', HTML)] + list(headers), page.encode('utf-8'))


def json_answer(environ, start_response, value):
    body = json.dumps(value, ensure_ascii=False, separators=(',', ':')).encode('utf-8')
    return respond(environ, start_response, 200, [('Content-Type', JSON)], body)


def status(environ, start_response, code, headers=()):
    """code with its status line as a text body; for 204 and 304 no body and no Content-Type."""
    if code in (204, 304):
        return respond(environ, start_response, code, headers)
    return text(environ, start_response, status_line(code) + '\n', code, headers)


def escape(value):
    """Python's html.escape, which wsgi4j's Html.escape copies."""
    return (value.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')
            .replace("'", '&#x27;'))


def decode(cgi):
    """A native string's bytes read as UTF-8 (invalid sequences become U+FFFD)."""
    return cgi.encode('latin-1', 'replace').decode('utf-8', 'replace')


def quote(cgi, safe):
    """urllib.parse.quote of a native string: every byte outside the unreserved set and safe as %XX."""
    return _quote(cgi, safe=safe, encoding='latin-1')


def not_found(environ, start_response):
    path = decode(environ.get('SCRIPT_NAME', '') + environ.get('PATH_INFO', ''))
    return html(environ, start_response, '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>\n'
                '<h1>Not Found</h1>\n<p>The requested URL ' + escape(path)
                + ' was not found on this server.</p>\n</body></html>\n', 404)


def origin(environ):
    """scheme://host[:port], from the Host header or SERVER_NAME and SERVER_PORT (wsgiref.util)."""
    scheme = environ['wsgi.url_scheme']
    host = environ.get('HTTP_HOST')
    if host:
        return scheme + '://' + host
    port = environ.get('SERVER_PORT')
    default = '443' if scheme == 'https' else '80'
    return scheme + '://' + environ['SERVER_NAME'] + (':' + port if port and port != default else '')


def redirect(environ, start_response, absolute, code, headers=()):
    """A redirect to an absolute URL on this site, with a small page linking to it."""
    link = escape(absolute)
    return html(environ, start_response, '<!DOCTYPE html>\n<html><head><title>Redirecting</title></head><body>\n'
                '<p>Redirecting to <a href="' + link + '">' + link + '</a>.</p>\n</body></html>\n', code,
                [('Location', absolute)] + list(headers))


def parse_query(raw, charset='utf-8', max_fields=1000):
    """application/x-www-form-urlencoded text as [(name, value)], strictly: a bad escape or bad text is a 400."""
    fields = []
    for pair in raw.split('&') if raw else []:
        if not pair:
            continue
        if len(fields) >= max_fields:
            raise HttpError(413, 'more than %d form fields' % max_fields)
        name, eq, value = pair.partition('=')
        fields.append((_decode_component(name, charset), _decode_component(value, charset) if eq else ''))
    return fields


def _decode_component(component, charset):
    out = bytearray()
    i = 0
    while i < len(component):
        c = component[i]
        if c == '+':
            out.append(0x20)
        elif c == '%':
            pair = component[i + 1:i + 3]
            if len(pair) < 2 or pair[0] not in _HEX or pair[1] not in _HEX:
                raise HttpError(400, 'malformed percent-escape at index %d in form data: %s'
                                % (i, _excerpt(component, i)))
            out.append(int(pair, 16))
            i += 2
        else:
            out.append(ord(c))
        i += 1
    try:
        return bytes(out).decode(charset)
    except UnicodeDecodeError:
        raise HttpError(400, 'form data %s is not valid %s' % (_excerpt(component, 0), _charset_name(charset)))


def _charset_name(charset):
    return 'UTF-8' if charset.lower().replace('_', '-') in ('utf-8', 'utf8') else charset


def _excerpt(s, start):
    tail = s[start:start + 20]
    shown = ''.join(c if 0x20 <= ord(c) < 0x7F else '\\x%02x' % ord(c) for c in tail)
    return '"' + shown + ('..."' if len(s) > start + 20 else '"')


def first(fields, name, default=None):
    return next((value for key, value in fields if key == name), default)


def content_type(value):
    """(media type in lower case, {parameter: value}) or None for junk, as wsgi4j's ContentType.parse."""
    media, _, rest = (value or '').partition(';')
    kind, slash, sub = media.strip().partition('/')
    if not slash or not _TOKEN.match(kind) or not _TOKEN.match(sub):
        return None
    parameters = {}
    for item in rest.split(';'):
        name, eq, raw = item.partition('=')
        name = name.strip().lower()
        raw = raw.strip()
        if eq and _TOKEN.match(name):
            parameters.setdefault(name, _unquote(raw))
    return (kind + '/' + sub).lower(), parameters


def _unquote(raw):
    """A parameter value: a quoted-string up to its closing quote, a backslash escaping the next character."""
    if not raw.startswith('"'):
        return raw
    out = []
    i = 1
    while i < len(raw) and raw[i] != '"':
        if raw[i] == '\\' and i + 1 < len(raw):
            i += 1
        out.append(raw[i])
        i += 1
    return ''.join(out)


def request_charset(value):
    """The charset a body in content type value is read in: its charset parameter, UTF-8 when absent; else 415."""
    parsed = content_type(value)
    name = parsed[1].get('charset') if parsed else None
    if not name:
        return 'utf-8'
    try:
        ''.encode(name)
    except LookupError:
        raise HttpError(415, 'unsupported charset in Content-Type: ' + name)
    return name


def content_length(environ):
    value = environ.get('CONTENT_LENGTH', '').strip()
    return int(value) if value.isdigit() and value.isascii() else -1


def form_fields(environ, max_body=1024 * 1024):
    """A form's fields: from QUERY_STRING for GET and HEAD, else from an urlencoded body (other bodies: none)."""
    if environ['REQUEST_METHOD'] in ('GET', 'HEAD'):
        return parse_query(environ.get('QUERY_STRING', ''))
    kind = content_type(environ.get('CONTENT_TYPE', ''))
    if not kind or kind[0] != 'application/x-www-form-urlencoded':
        return []
    charset = request_charset(environ.get('CONTENT_TYPE'))
    declared = content_length(environ)
    if declared > max_body:
        raise HttpError(413, 'request body of %d bytes exceeds the limit of %d' % (declared, max_body))
    body = read_up_to(environ['wsgi.input'], max_body + 1)
    if len(body) > max_body:
        raise HttpError(413, 'request body exceeds the limit of %d bytes' % max_body)
    if declared > len(body):
        raise HttpError(400, 'the request body ended after %d of its %d bytes' % (len(body), declared))
    return parse_query(body.decode('latin-1'), charset)


def read_up_to(stream, limit):
    """Up to limit bytes of stream, however many bytes each read() gives."""
    data = bytearray()
    while len(data) < limit:
        block = stream.read(min(64 * 1024, limit - len(data)))
        if not block:
            break
        data += block
    return bytes(data)


def query_number(environ, name, fallback, least, most):
    """The first value of name in the query as a whole number in least..most, fallback when absent; else 400."""
    value = first(parse_query(environ.get('QUERY_STRING', '')), name)
    if value is None:
        return fallback
    digits = 0 < len(value) <= 18 and all('0' <= c <= '9' for c in value)
    if not digits or not least <= int(value) <= most:
        raise HttpError(400, '%s must be a whole number in %d..%d' % (name, least, most))
    return int(value)


def cookies(environ):
    """The request's cookies as [(name, value)], leniently, %XX decoded as UTF-8 (kept as sent when it fails)."""
    found = []
    for pair in environ.get('HTTP_COOKIE', '').split(';'):
        name, eq, value = pair.partition('=')
        name = name.strip(' \t')
        value = value.strip(' \t')
        if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
            value = value[1:-1]
        if eq and _TOKEN.match(name):
            found.append((name, _cookie_value(value)))
    return found


def _cookie_value(raw):
    out = bytearray()
    i = 0
    while i < len(raw):
        if raw[i] == '%':
            pair = raw[i + 1:i + 3]
            if len(pair) < 2 or pair[0] not in _HEX or pair[1] not in _HEX:
                return raw
            out.append(int(pair, 16))
            i += 3
        elif ord(raw[i]) > 0xFF:
            return raw
        else:
            out.append(ord(raw[i]))
            i += 1
    try:
        return bytes(out).decode('utf-8')
    except UnicodeDecodeError:
        return raw


def set_cookie(name, value, path, secure, expired=False):
    """A Set-Cookie value: the value's UTF-8 bytes outside RFC 6265's cookie-octets (and %) as %XX."""
    encoded = ''.join(chr(b) if 0x21 <= b <= 0x7E and chr(b) not in '",;\\%' else '%%%02X' % b
                      for b in value.encode('utf-8'))
    header = name + '=' + encoded
    if expired:
        header += '; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT'
    header += '; Path=' + path + ('; Secure' if secure else '') + '; HttpOnly; SameSite=Lax'
    return header
