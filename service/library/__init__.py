"""The public document library of the programme's own texts (seed plan II.3.1): decisions, plans, guides and
forms the OCOP office of the province or a district uploads; anyone lists and downloads them.

- `models`, `operations` (upload, removal, by the unit's office);
- `routes`: the `library` blueprint, the public page `/library` with the downloads and the office's upload
  form, and the API under /api/v1/documents.
"""
