"""Recognition decisions: the approved results that wait for one, the decisions the district's, the
province's or the Ministry's OCOP office prepares for its People's Committee (or the Minister) and
publishes, and the certificates issued from them.

- `models`: `Recognition` (an approved result of a case at a level), `RecognitionDecision`;
- `operations`: recording approved results (from `cases.progress`), drafting, editing, publishing;
- `routes`: the API (`/api/v1/recognitions`, `/api/v1/recognition-decisions/...`);
- `pages`: the office's pages under `/recognition`.
"""
