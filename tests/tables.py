"""The test database's tables, emptied before each test and filled again from rows read once per session.

The conftest seeds the demo data and deploys the bundled process once per session and database, through the
seed commands' own functions, and reads the rows back (`Tables.read`). A test that asks for `demo` or
`programme` gets those rows written back by one INSERT per table (`Tables.load`): a few milliseconds instead of
seeding again (0.2 s on SQLite, 0.6 s on PostgreSQL). Emptying deletes every table's rows (cheaper than
TRUNCATE on PostgreSQL for tables this small) and restarts the id sequences, so that ids are the same in every
test.
"""
from sqlalchemy import select, text

from service.extensions import db


class Tables:
    """Every table of the application's metadata on the current application's database."""

    def __init__(self):
        self.sorted = db.metadata.sorted_tables
        self.sequences = {}
        self.built = {}  # the states built once per module (conftest's `once`), by (module, build function)
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as connection:
                for table in self.sorted:
                    column = table.autoincrement_column
                    if column is not None:
                        name = connection.scalar(text("SELECT pg_get_serial_sequence(:table, :column)"),
                                                 {"table": table.name, "column": column.name})
                        if name:
                            self.sequences[table] = name

    def read(self, leaving_out=None):
        """Each table's rows, less those of `leaving_out` (rows read before), which must all still be there."""
        leaving_out = leaving_out or {}
        rows = {}
        with db.engine.connect() as connection:
            for table in self.sorted:
                now = [dict(row._mapping) for row in connection.execute(select(table))]
                before = leaving_out.get(table, [])
                missing = [row for row in before if row not in now]
                if missing:
                    raise AssertionError(f"{table.name}: rows changed after they were read: {missing[:3]}")
                added = [row for row in now if row not in before]
                if added:
                    rows[table] = added
        return rows

    def empty(self):
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(";".join(f'DELETE FROM "{table.name}"' for table in reversed(self.sorted)))
                if self.sequences:
                    connection.exec_driver_sql("SELECT " + ", ".join(
                        f"setval('{name}', 1, false)" for name in self.sequences.values()))
            else:
                for table in reversed(self.sorted):
                    connection.execute(table.delete())

    def load(self, rows):
        """Writes rows read by `read` back, into tables that do not hold them. On PostgreSQL the foreign keys are
        not checked while they are written (they held when the rows were read): a table's rows come back in the
        order the database returned them, which after an update may put a row before the row it refers to in the
        same table (a product group's parent, the certificate that supersedes another)."""
        with db.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
            for table in self.sorted:
                if table in rows:
                    connection.execute(table.insert(), rows[table])
            restarts = [f"setval('{self.sequences[table]}', (SELECT max({table.autoincrement_column.name}) "
                        f"FROM \"{table.name}\"))" for table in rows if table in self.sequences]
            if restarts:
                connection.exec_driver_sql("SELECT " + ", ".join(restarts))
