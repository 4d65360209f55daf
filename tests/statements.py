"""Counting the SQL statements a request runs: `with statements_of(app) as statements: client.get(...)`,
then `len(statements)` (each item is the statement's text)."""
from contextlib import contextmanager

from sqlalchemy import event

from service.extensions import db


@contextmanager
def statements_of(app):
    statements = []
    with app.app_context():
        engine = db.engine

    def count(_connection, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
