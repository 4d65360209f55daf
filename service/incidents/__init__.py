"""Incidents: engine steps of a case that failed, listed for administrators and retried once the
cause is fixed. `models` holds the table, `operations` the retry, `routes` the API."""
