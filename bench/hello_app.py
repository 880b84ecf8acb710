"""The floor a page is compared with: a bare Flask "hello world", served by the same gunicorn
configuration as the site (bench/run.py starts it)."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
