"""The interactive explorer (issue 6, docs/architecture.md §8): one offline HTML page per view.

`viz.explorer.build_view` selects and describes a view from the store (whole corpus graph,
ego network, line-management tree, accountability of a post); `viz.render.write` draws it
with pyvis and our own autoescaped template, vis-network inlined from the pyvis package.
"""
