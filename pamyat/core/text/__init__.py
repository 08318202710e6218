"""Text cleaning that spiders, mirror renderers, normalisers and the identity engine share:
names and their forms, party names, positions, values."""
