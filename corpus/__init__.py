"""The bundled corpus: five Cabinet Office documents and data.gov.uk organograms (OGL v3.0).

Data files only; `graphbuild.corpus` reads the manifest with importlib.resources.
"""
