"""The published SOP: the project's mkdocs plugin (plugin.py) and `sop build` (build.py), over the library.

Where pages live (layout.py), chapters as pages (chapters.py), the generated home and law pages (pages.py),
`law:` and `sop:` links (links.py), the site's own words (strings.py, strings.yml); overrides/ holds what
Material for MkDocs is given (the Sorani language partial, the site's stylesheet).
"""
