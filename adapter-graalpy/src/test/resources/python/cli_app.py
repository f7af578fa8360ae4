"""The wsgi4j-python command's tests: says which mount served the request and how many requests this interpreter saw."""

served = 0


def application(environ, start_response):
    global served
    served += 1
    body = 'python SCRIPT_NAME=%s PATH_INFO=%s served=%d\n' % (environ['SCRIPT_NAME'], environ['PATH_INFO'], served)
    start_response('200 OK', [('Content-Type', 'text/plain; charset=utf-8')])
    return [body.encode('utf-8')]
