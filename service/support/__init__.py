"""Support given to producers while they carry out their business plan (seed plan II.4, III): training,
advice, loans and funds, with the amount and its source, per case and entity, recorded by the OCOP officials
of the case's commune, district or province.

- `models`, `operations` (record, list, totals); `routes`: the API (/api/v1/cases/<id>/support) and the
  form of the case page's section (`support/_case_section.html`, included by portal/case.html).
"""
