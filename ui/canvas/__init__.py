"""The seven-layer framework canvas: the scene that draws it, its view, the band editor.

Import from the submodules. Nothing here imports matplotlib.
"""
