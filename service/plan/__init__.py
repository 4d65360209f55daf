"""The yearly OCOP plan: its targets per year and unit (`PlanTarget`, the 2020 Lai Châu plan first,
seeded with the reference data) and the leading products (sản phẩm chủ lực) each district and the
province select for a plan year (`LeadingProduct`). The dashboard counts against them.

- `models`: the two tables;
- `operations`: selecting or dropping a leading product (the district or provincial OCOP office).
"""
