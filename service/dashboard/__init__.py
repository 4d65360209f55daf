"""The programme dashboard `/dashboard`: the Lai Châu plan's targets per district with the current
figures, and charts of cases by step, products by stars and by district. Only aggregate figures,
so it is open to everyone, signed in or not (no names of people or producers).

- `figures`: the aggregate queries (one GROUP BY per figure, fast at 100k cases);
- `pages`: the view.
"""
from flask import Blueprint

bp = Blueprint("dashboard", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/dashboard")

from . import pages  # noqa: E402,F401  (the views attach to bp)
