"""Training for the programme (seed plan I.1, II.3.2): sessions (date, level, topic, trainer, organising unit)
and their attendees, and the coverage against the plan's target of 100% of the provincial, district and
commune OCOP officials and of the leaders of the producers taking part.

- `models`; `operations` (recording a session, by the office of its unit); `coverage` (trained and to train,
  per district and per role, and who is still untrained); `routes` (the API).
The dashboard shows the coverage (service/dashboard/).
"""
