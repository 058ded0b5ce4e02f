"""The dashboard's blueprint, on its own so that the view modules can share it without import cycles."""
from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates", static_folder="static")
