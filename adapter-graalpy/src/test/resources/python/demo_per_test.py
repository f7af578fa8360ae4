"""The Python demo with a temp directory per test, for adapter-graalpy's runs of the demo's contract.

One GraalPy interpreter serves a whole test class (starting one takes seconds), while each test checks that /file
and /upload leave nothing in a temp directory of its own. The Java runner names that directory in every request's
environ under TEMP_DIR_KEY; this module takes the key out again (the demo sees a plain environ) and answers with
demo.make_application(directory), built once per directory.
"""

import demo

TEMP_DIR_KEY = 'demo_per_test.temp_dir'

_sites = {}


def application(environ, start_response):
    directory = environ.pop(TEMP_DIR_KEY)
    site = _sites.get(directory)
    if site is None:
        site = _sites[directory] = demo.make_application(directory)
    return site(environ, start_response)
