"""The fact-check site without MkDocs: page contexts from a checked publication, rendered
by autoescaping Jinja templates shipped in the package (`generator/templates/factcheck`).

`pages.Site` is the entry point; the MkDocs plugin is a thin adapter over it.
"""
