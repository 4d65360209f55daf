"""Task forms: the JSON Schema (draft 2020-12) each human task's form is, shipped with the diagram.

- `validation`: the deploy-time checks of a form and the one validation of submitted data, for
  the API and the web pages alike;
- `rendering`: a form on a web page (`SchemaForm`, drawn by `macros/forms.html`) and the posted
  texts read back as the schema's types (`values_from_form`).

The directory's choices (product groups, communes) are filled into a form by
service/directory/choices.py.
"""
