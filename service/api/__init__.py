"""API plumbing: the OpenAPI document of /api/v1 and its readable HTML page."""
