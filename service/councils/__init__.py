"""The council rules: who scores, when a council may conclude, and when members score again.

The settings carry the provinces' practice (the audit of the 2019 rules, rows 9 and 11):
`OCOP_COUNCIL_QUORUM` (three quarters of the scoring members, the chair among them),
`OCOP_COUNCIL_MAX_SPREAD` (10 points between totals), `OCOP_COUNCIL_MIN_MEMBERS` (3).
"""
