"""The `factcheck` MkDocs plugin: claim, source and listing pages for a checked publication.

`plugin.py` is the glue MkDocs calls; everything it shows is built by the plain modules
beside it from a `generator.model.Publication`, as finished HTML, so neither MkDocs'
Markdown nor its (non-autoescaping) Jinja environment ever sees contributor text raw.
"""
