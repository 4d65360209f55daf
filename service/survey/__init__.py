"""The product survey's inventory (seed plan II.5; Lai Châu counted 80 potential products of 31 entities in
2020): the potential products and their producers per commune and district, which the district's OCOP office
records and works through (potential → contacted → dropped, or a case once the producer registers the idea:
"start case" links the row to that case).

- `models`; `operations` (record, change the status, link to a case; the office of the district or province);
  `routes` (the API, with counts per district and status).
"""
