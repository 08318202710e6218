"""The core every other layer builds on, and which imports nothing above it: paths and
settings, the raw layer, data issues, step timing, the source registry, the tables' declarative
base, the mirror's table of contents and the cleaning of names and values (text/). The layers
are written in pyproject.toml's import contracts ([tool.importlinter]) and checked by `.ci/run`."""
