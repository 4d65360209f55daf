"""The case file: what the producer submitted (the idea, the business plan, the dossier), each
submission a numbered version of its section, and the reviews each version received.

A form of the diagram says which section it fills (`"x-section": "idea"`) or reviews
(`"x-reviews": "idea"`). Completing a filling form records a version (`operations.record_version`);
a reviewing form's decision stays on its completed task, and the version it judged is the latest
one recorded before that task was created. Pages read the file through `view.py`, the API through
`routes.py`.
"""
