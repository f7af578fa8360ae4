"""A file as a response, as wsgi4j's FileResponse sends one: validators, conditional GET and a single byte range.

The body goes out through wsgi.file_wrapper, so a server may send the file without copying it. The file is the
request's own temp file: closing the body (which every WSGI server does, PEP 3333) deletes it.
"""

import datetime
import os

from demo_http import status, status_line

BLOCK = 64 * 1024


class TempFile:
    """A temp file opened for reading that deletes itself once closed: the body of one response."""

    def __init__(self, path):
        self.name = path
        self.mode = 'rb'
        self._file = open(path, 'rb')

    def read(self, size=-1):
        return self._file.read(size)

    def seek(self, offset, whence=0):
        return self._file.seek(offset, whence)

    def tell(self):
        return self._file.tell()

    def fileno(self):
        return self._file.fileno()

    def close(self):
        if not self._file.closed:
            self._file.close()
            try:
                os.unlink(self.name)
            except FileNotFoundError:
                pass


class FileSlice:
    """count bytes of a file from its position, read as the server asks for them; closing it closes the file."""

    def __init__(self, file, count):
        self._file = file
        self._count = count

    def __iter__(self):
        left = self._count
        while left > 0:
            data = self._file.read(min(BLOCK, left))
            if not data:
                return
            left -= len(data)
            yield data

    def close(self):
        self._file.close()


def http_date(moment):
    """IMF-fixdate (RFC 9110 5.6.7) of a UTC datetime."""
    return moment.strftime('%a, %d %b %Y %H:%M:%S GMT')


def parse_http_date(value):
    """The UTC datetime an HTTP-date names in any of its three forms, or None."""
    if value is None:
        return None
    for form in ('%a, %d %b %Y %H:%M:%S GMT', '%A, %d-%b-%y %H:%M:%S GMT', '%a %b %d %H:%M:%S %Y'):
        try:
            return datetime.datetime.strptime(value.strip(), form).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            pass
    return None


def _parse_tag(value):
    """(weak, opaque) for one entity-tag, or None."""
    text = value.strip()
    weak = text.startswith('W/')
    quoted = text[2:] if weak else text
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':
        return None
    opaque = quoted[1:-1]
    if any(c == '"' or ord(c) < 0x21 or ord(c) == 0x7F or ord(c) > 0xFF for c in opaque):
        return None
    return weak, opaque


def _tag_list(value):
    """The entity-tags of an If-Match / If-None-Match value; None for '*'. Commas in quotes do not split."""
    if value.strip() == '*':
        return None
    tags, start, quoted = [], 0, False
    for i, c in enumerate(value + ','):
        if c == ',' and not quoted:
            tag = _parse_tag(value[start:i])
            if tag:
                tags.append(tag)
            start = i + 1
        elif c == '"':
            quoted = not quoted
    return tags


def _matches(header, tag, strong):
    tags = _tag_list(header)
    if tags is None:
        return True
    return any(t[1] == tag and not (strong and t[0]) for t in tags)


def _precondition(environ, tag, modified):
    """RFC 9110 13.2.2 in order: 304, 412 or None (proceed)."""
    if_match = environ.get('HTTP_IF_MATCH')
    if if_match is not None:
        if not _matches(if_match, tag, True):
            return 412
    else:
        since = parse_http_date(environ.get('HTTP_IF_UNMODIFIED_SINCE'))
        if since is not None and modified > since:
            return 412
    safe = environ['REQUEST_METHOD'] in ('GET', 'HEAD')
    if_none_match = environ.get('HTTP_IF_NONE_MATCH')
    if if_none_match is not None:
        if _matches(if_none_match, tag, False):
            return 304 if safe else 412
    elif safe:
        since = parse_http_date(environ.get('HTTP_IF_MODIFIED_SINCE'))
        if since is not None and not modified > since:
            return 304
    return None


def _range_applies(environ, tag, modified):
    if_range = environ.get('HTTP_IF_RANGE')
    if if_range is None:
        return True
    parsed = _parse_tag(if_range)
    if parsed is not None:
        return not parsed[0] and parsed[1] == tag
    return parse_http_date(if_range) == modified


def byte_range(header, length):
    """(first, last) of the one range to serve; None for the whole file; 'unsatisfiable' for a 416."""
    unit, eq, specs = (header or '').partition('=')
    if not eq or unit.strip().lower() != 'bytes':
        return None
    members = [m.strip() for m in specs.split(',') if m.strip()]
    if len(members) != 1:
        return None
    first, dash, last = members[0].partition('-')
    if not dash:
        return None
    if not first:
        if not _digits(last):
            return None
        suffix = int(last)
        if suffix == 0:
            return 'unsatisfiable'
        return None if length == 0 else (max(0, length - suffix), length - 1)
    if not _digits(first) or not (last == '' or _digits(last)):
        return None
    start, end = int(first), int(last) if last else None
    if end is not None and end < start:
        return None
    if start >= length:
        return 'unsatisfiable'
    return start, length - 1 if end is None else min(end, length - 1)


def _digits(s):
    return s != '' and all('0' <= c <= '9' for c in s)


def send_file(environ, start_response, path, media_type, tag, modified):
    """Answers the request with the file at path (deleted when the body closes): 200, 206, 304, 412 or 416."""
    body = TempFile(path)
    try:
        length = os.fstat(body.fileno()).st_size
        modified = modified.replace(microsecond=0)
        quoted_tag = '"%s"' % tag
        outcome = _precondition(environ, tag, modified)
        if outcome == 304:
            return status(environ, start_response, 304, [('ETag', quoted_tag)])
        if outcome == 412:
            return status(environ, start_response, 412)
        ranged = environ['REQUEST_METHOD'] == 'GET' and _range_applies(environ, tag, modified)
        span = byte_range(environ.get('HTTP_RANGE'), length) if ranged else None
        if span == 'unsatisfiable':
            return status(environ, start_response, 416, [('Content-Range', 'bytes */%d' % length)])
        first, last = span if span else (0, length - 1)
        headers = [('Content-Type', media_type), ('Content-Length', str(last - first + 1)), ('ETag', quoted_tag),
                   ('Last-Modified', http_date(modified)), ('Accept-Ranges', 'bytes')]
        if span:
            headers.append(('Content-Range', 'bytes %d-%d/%d' % (first, last, length)))
        start_response(status_line(206 if span else 200), headers)
        if environ['REQUEST_METHOD'] == 'HEAD':
            return []
        body.seek(first)
        # gunicorn 20.1 sends a wrapped file from its start whatever its position, so a range goes by iteration.
        answer = FileSlice(body, last - first + 1) if span else environ['wsgi.file_wrapper'](body, BLOCK)
        body = None
        return answer
    finally:
        if body is not None:
            body.close()

