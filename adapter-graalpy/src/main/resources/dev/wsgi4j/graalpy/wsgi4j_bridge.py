"""wsgi4j's half of the bridge between a wsgi4j server and a Python WSGI application (PEP 3333).

Loaded once into every GraalPy context by the Java class Interpreter. The Java side hands in plain callables
(reading the request body, writing to the server's log, starting the response); this module wraps them in the
objects PEP 3333 promises an application, checks what the application gives back, and calls the application.
Text crosses the boundary as str; a byte string crosses as a str of Latin-1 characters, one per byte.
"""

import importlib
import os
import stat
import traceback


class Input:
    """wsgi.input: reads the request body from the server as the application reads, never all of it first."""

    __slots__ = ('_read', '_readline')

    def __init__(self, read, readline):
        self._read = read
        self._readline = readline

    def read(self, size=-1):
        if size is None or size < 0:
            size = -1
        return self._read(size).encode('latin-1')

    def readline(self, size=-1):
        if size is None or size < 0:
            size = -1
        return self._readline(size).encode('latin-1')

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                break
        return lines

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


class Errors:
    """wsgi.errors: a text stream to the server's log."""

    __slots__ = ('_write', '_flush')

    def __init__(self, write, flush):
        self._write = write
        self._flush = flush

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError('wsgi.errors.write() takes a str, not %s' % type(text).__name__)
        self._write(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        self._flush()


class FileWrapper:
    """wsgi.file_wrapper: iterable in blocks anywhere; a regular file is sent by the server without copying."""

    def __init__(self, filelike, blksize=8192):
        self.filelike = filelike
        self.blksize = blksize
        if hasattr(filelike, 'close'):
            self.close = filelike.close

    def __iter__(self):
        return self

    def __next__(self):
        data = self.filelike.read(self.blksize)
        if data:
            return data
        raise StopIteration


def regular_file(result):
    """(path, position, size, inode, block size) when result is a FileWrapper around a regular file opened by name, else None.

    The server opens the path itself and checks the inode and size, so a file renamed or replaced meanwhile is
    read through the iterator instead.
    """
    if type(result) is not FileWrapper:
        return None
    f = result.filelike
    try:
        name = f.name
        if not isinstance(name, str) or 'r' not in getattr(f, 'mode', 'r'):
            return None
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            return None
        return (os.path.abspath(name), f.tell(), st.st_size, st.st_ino, result.blksize)
    except (AttributeError, OSError, ValueError):
        return None


def _check_headers(headers):
    if not isinstance(headers, list):
        raise TypeError('headers must be a list, not %s' % type(headers).__name__)
    flat = []
    for header in headers:
        if type(header) is not tuple or len(header) != 2:
            raise TypeError('each header must be a (name, value) tuple, not %r' % (header,))
        name, value = header
        if type(name) is not str or type(value) is not str:
            raise TypeError('header names and values must be str: %r' % (header,))
        flat.append(name)
        flat.append(value)
    return flat


def _write_callable(java_write):
    def write(data):
        if not isinstance(data, bytes):
            raise TypeError('write() takes bytes, not %s' % type(data).__name__)
        java_write(data)
    return write


def _start_response_callable(java_start, write):
    def start_response(status, headers, exc_info=None):
        if type(status) is not str:
            raise TypeError('status must be a str, not %s' % type(status).__name__)
        flat = _check_headers(headers)
        # java_start answers True when exc_info was given after the head went out: PEP 3333 says re-raise it.
        if java_start(status, flat, exc_info is not None):
            try:
                raise exc_info[1].with_traceback(exc_info[2])
            finally:
                exc_info = None
        return write
    return start_response


def _early_hints_callable(java_hints):
    def early_hints(headers):
        java_hints(_check_headers(headers))
    return early_hints


def environ(read, readline, errors_write, errors_flush, multithread, multiprocess, hints, *pairs):
    """The request's environ: the server's CGI values (key, value, key, value, ...) and the wsgi.* objects."""
    env = {}
    for i in range(0, len(pairs), 2):
        env[pairs[i]] = pairs[i + 1]
    env['wsgi.version'] = (1, 0)
    env['wsgi.input'] = Input(read, readline)
    env['wsgi.errors'] = Errors(errors_write, errors_flush)
    # Other requests may run in this interpreter (threads of it) and in the pool's other interpreters.
    env['wsgi.multithread'] = multithread
    env['wsgi.multiprocess'] = multiprocess
    env['wsgi.file_wrapper'] = FileWrapper
    if hints is not None:
        env['wsgi.early_hints'] = _early_hints_callable(hints)
    return env


def call(application, env, java_start, java_write):
    """Calls the application; returns its body iterable."""
    write = _write_callable(java_write)
    return application(env, _start_response_callable(java_start, write))


def chunks(result):
    """The body as a list when it is a list or tuple (its length is known), else None."""
    if type(result) is list or type(result) is tuple:
        for data in result:
            _check_chunk(data)
        return list(result)
    return None


def next_chunk(iterator):
    """The next body chunk, or None at the end."""
    try:
        data = next(iterator)
    except StopIteration:
        return None
    return _check_chunk(data)


def _check_chunk(data):
    if not isinstance(data, bytes):
        raise TypeError('a WSGI body yields bytes, not %s' % type(data).__name__)
    return data


def close(result):
    """PEP 3333: the server calls the body's close() whatever happened."""
    close_method = getattr(result, 'close', None)
    if close_method is not None:
        close_method()


def load(spec):
    """Imports 'module:callable' (callable may be dotted; 'application' when omitted) and returns the callable."""
    module_name, _, attribute = spec.partition(':')
    if not module_name:
        raise ValueError('no module in %r; expected module:callable' % spec)
    target = importlib.import_module(module_name)
    for name in (attribute or 'application').split('.'):
        target = getattr(target, name)
    if not callable(target):
        raise TypeError('%s is not callable' % spec)
    return target


def format_exception(exc):
    return ''.join(traceback.format_exception(exc)).rstrip('\n')
