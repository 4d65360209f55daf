"""The WSGI entry point: `gunicorn wsgi:app`, or `flask --app wsgi run`."""
import gc

from service import create_app

app = create_app()

# What the application has built by now (its modules, routes, schemas and settings) lives as long as the process.
# Frozen, it is left out of the garbage collector's full passes, which otherwise walk all of it (some 210,000
# objects, 85 ms a pass) every so often in the middle of a request (README, "Pauses of the garbage collector").
gc.collect()
gc.freeze()
