"""Administration pages (administrators only): users, roles and councils; process versions and
the diagram modeler; the audit log. The blueprint lives in `pages.py`, the changes in `operations.py`.
"""
