"""The portal's readable pages (a person, a party) over the published database, served by the
Datasette plugin in plugins/pages.py; every figure stays one click from its table and export."""
