"""One folder per source (scrapers/<name>/: source.yml, spider, reader, schema, mirror, tests),
registered in pamyat/core/sources.py; the modules here are shared by every spider."""
