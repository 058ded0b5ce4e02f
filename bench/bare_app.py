"""The baseline for `make bench`: a Flask app whose only endpoint answers "ok"."""
from flask import Flask

app = Flask(__name__)


@app.post("/ok")
def ok() -> str:
    return "ok"
