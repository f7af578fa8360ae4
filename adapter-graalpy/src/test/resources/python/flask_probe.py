"""A small Flask application, unmodified, as its users write one."""

from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route('/')
def hello():
    return 'Hello from Flask'


@app.route('/greet', methods=['POST'])
def greet():
    return 'Hello, %s (%d bytes of form)' % (request.form['name'], request.content_length)


@app.route('/old')
def old():
    return redirect(url_for('hello'))
