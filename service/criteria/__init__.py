"""Criteria sheets: the score sheet a council member fills, per rule set and product group, as data.

A `CriteriaSheet` (one version of a sheet) has parts with their maxima and criteria; a criterion
has options worth fixed points, one of which a member chooses. The scoring form of a case is
built from the sheet in force for it (`forms.py`), which the case keeps once it enters
evaluation; the service sums the chosen options into parts and a total (`forms.score`). Sheets
come from `data/*.json` (seeded like the product groups) or from an Excel file (`workbook.py`),
both through `operations.add_sheet_version`.
"""
