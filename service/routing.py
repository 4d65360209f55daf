"""An `<int:...>` in a URL is a database id: larger than a 64-bit integer column holds, it is no page (404)."""
from werkzeug.routing import IntegerConverter

from .database import MAX_ID


class DatabaseIdConverter(IntegerConverter):
    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)
