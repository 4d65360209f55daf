"""Signing in and out, and who the signed-in user is: accounts, roles and their jurisdictions."""
