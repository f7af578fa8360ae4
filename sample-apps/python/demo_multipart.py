"""multipart/form-data (RFC 7578) read from wsgi.input as it arrives, stdlib only (the cgi module is gone in 3.13).

Fields are held in memory within limits; files stream to temp files and are hashed on the way, so memory stays at
a block or two whatever the client sends. Malformed input is a 400, input over a limit a 413, as the Java demo's
parser answers; every temp file is deleted before the summary is returned or the error leaves.
"""

import hashlib
import os
import tempfile

from demo_http import HttpError, content_length, content_type, request_charset

BLOCK = 64 * 1024
MAX_TOTAL = 1 << 30
MAX_FILE = 1 << 30
MAX_PARTS = 100
MAX_FIELD = 1 << 20
MAX_FIELDS_TOTAL = 2 << 20
MAX_PART_HEADER = 10 * 1024


class _Body:
    """The request body with a look-ahead buffer, counted against MAX_TOTAL."""

    def __init__(self, stream):
        self.stream = stream
        self.buffer = bytearray()
        self.read = 0

    def fill(self):
        """Reads one more block into the buffer; False at the end of the body."""
        data = self.stream.read(BLOCK)
        if not data:
            return False
        self.read += len(data)
        if self.read > MAX_TOTAL:
            raise HttpError(413, 'multipart body exceeds the limit of %d bytes' % MAX_TOTAL)
        self.buffer += data
        return True

    def need(self, count):
        """True once count bytes are buffered; False when the body ends first."""
        while len(self.buffer) < count:
            if not self.fill():
                return False
        return True

    def take(self, count):
        data = bytes(self.buffer[:count])
        del self.buffer[:count]
        return data


def _malformed(detail='Stream ended unexpectedly'):
    return HttpError(400, 'malformed multipart body: ' + detail)


def _parameters(header):
    """(value before the first ';' in lower case, {name: value}) of a header like Content-Disposition."""
    items, current, quoted = [], '', False
    for c in header:
        if c == '"':
            quoted = not quoted
        if c == ';' and not quoted:
            items.append(current)
            current = ''
        else:
            current += c
    items.append(current)
    params = {}
    for item in items[1:]:
        name, eq, value = item.partition('=')
        value = value.strip()
        if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
            value = value[1:-1]
        params.setdefault(name.strip().lower(), value if eq else None)
    return items[0].strip().lower(), params


def _part_headers(body):
    end = body.buffer.find(b'\r\n\r\n')
    while end < 0 and not body.buffer.startswith(b'\r\n'):
        if len(body.buffer) > MAX_PART_HEADER:
            raise HttpError(400, 'multipart part header too long')
        if not body.fill():
            raise _malformed()
        end = body.buffer.find(b'\r\n\r\n')
    if end < 0:  # no header at all
        body.take(2)
        return {}
    if end > MAX_PART_HEADER:
        raise HttpError(400, 'multipart part header too long')
    headers = {}
    name = None
    for line in body.take(end + 4)[:-4].decode('utf-8', 'replace').split('\r\n'):
        if line[:1] in (' ', '\t') and name:
            headers[name] += ' ' + line.strip()
        elif ':' in line:
            name, _, value = line.partition(':')
            name = name.strip().lower()
            headers.setdefault(name, value.strip())
    return headers


def _content(body, delimiter, sink):
    """Passes the part's bytes to sink up to the next delimiter, which it consumes."""
    keep = len(delimiter) - 1
    while True:
        at = body.buffer.find(delimiter)
        if at >= 0:
            sink(body.take(at))
            body.take(len(delimiter))
            return
        if len(body.buffer) > keep:
            sink(body.take(len(body.buffer) - keep))
        if not body.fill():
            raise _malformed()


def _after_delimiter(body):
    """True when the delimiter just read closes the body ('--'), False when a part follows (CRLF)."""
    if not body.need(2):
        raise _malformed()
    follows = body.take(2)
    if follows == b'--':
        return True
    if follows != b'\r\n':
        raise _malformed('Stream ended unexpectedly (Unexpected characters follow a boundary)')
    return False


class _Field(bytearray):
    """A text field's bytes, held in memory up to MAX_FIELD."""

    def __init__(self, name):
        super().__init__()
        self.name = name

    def write(self, data):
        self.extend(data)
        if len(self) > MAX_FIELD:
            raise HttpError(413, 'multipart field "%s" exceeds %d bytes' % (self.name, MAX_FIELD))


class _File:
    def __init__(self, directory):
        handle, self.path = tempfile.mkstemp(prefix='wsgi4j-upload-', suffix='.tmp', dir=directory)
        self.out = os.fdopen(handle, 'wb')
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data):
        self.size += len(data)
        if self.size > MAX_FILE:
            raise HttpError(413, 'multipart upload over a limit: a file exceeds %d bytes' % MAX_FILE)
        self.digest.update(data)
        self.out.write(data)


def parse(environ, directory):
    """(fields [(name, value)], files [{field, filename, size, sha256, content_type}]) of a multipart request."""
    kind = content_type(environ.get('CONTENT_TYPE', ''))
    if not kind or kind[0] != 'multipart/form-data':
        raise HttpError(415, 'expected multipart/form-data, got: ' + environ.get('CONTENT_TYPE', ''))
    request_charset(environ.get('CONTENT_TYPE'))
    if content_length(environ) > MAX_TOTAL:
        raise HttpError(413, 'multipart body of %d bytes exceeds the limit of %d' % (content_length(environ),
                                                                                    MAX_TOTAL))
    boundary = kind[1].get('boundary')
    if not boundary:
        raise _malformed('the request was rejected because no multipart boundary was found')
    delimiter = b'\r\n--' + boundary.encode('latin-1', 'replace')
    body = _Body(environ['wsgi.input'])
    body.buffer += b'\r\n'  # so that a delimiter at the very start looks like every other one
    fields, files, spooled = [], [], []
    try:
        _content(body, delimiter, lambda preamble: None)
        field_bytes = 0
        while not _after_delimiter(body):
            if len(fields) + len(files) >= MAX_PARTS:
                raise HttpError(413, 'more than %d multipart parts' % MAX_PARTS)
            headers = _part_headers(body)
            disposition, params = _parameters(headers.get('content-disposition', ''))
            name = params.get('name')
            if disposition != 'form-data' or name is None:
                _content(body, delimiter, lambda skipped: None)
                continue
            name = name.strip()
            filename = params.get('filename', False)
            if filename is False:
                value = _Field(name)
                _content(body, delimiter, value.write)
                field_bytes += len(value)
                if field_bytes > MAX_FIELDS_TOTAL:
                    raise HttpError(413, 'multipart fields exceed %d bytes in total' % MAX_FIELDS_TOTAL)
                charset = request_charset(headers.get('content-type'))
                try:
                    fields.append((name, bytes(value).decode(charset)))
                except UnicodeDecodeError:
                    raise HttpError(400, 'multipart field "%s" is not valid %s' % (name, charset.upper()))
            else:
                filename = (filename or '').strip()
                if '\0' in filename:
                    raise HttpError(400, 'multipart file name is invalid: it contains a NUL character')
                spool = _File(directory)
                spooled.append(spool)
                _content(body, delimiter, spool.write)
                spool.out.close()
                files.append({'field': name, 'filename': filename, 'size': spool.size,
                              'sha256': spool.digest.hexdigest(), 'content_type': headers.get('content-type')})
        return fields, files
    finally:
        for spool in spooled:
            spool.out.close()
            os.unlink(spool.path)
