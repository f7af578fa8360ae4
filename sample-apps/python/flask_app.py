"""A small Flask application for wsgi4j's GraalPy adapter: a page, a form, a redirect and Flask's own 404.

Flask is pure Python, so GraalPy runs it unmodified (Debian: apt-get install python3-flask); its callable is app.
"""

from flask import Flask, redirect, request, url_for
from markupsafe import escape

app = Flask(__name__)


@app.get('/')
def hello():
    return 'Hello from Flask on wsgi4j'


@app.get('/hello/<name>')
def hello_name(name):
    return 'Hello, %s' % escape(name)


@app.route('/greet', methods=['GET', 'POST'])
def greet():
    if request.method == 'POST':
        return 'Hello, %s' % escape(request.form.get('name', 'nobody'))
    return ('<form method="post"><label>name <input type="text" name="name"></label>'
            '<button type="submit">Greet</button></form>')


@app.get('/old')
def old():
    return redirect(url_for('hello'))
