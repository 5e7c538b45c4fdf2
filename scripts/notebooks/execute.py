"""Executes one notebook headless and writes it as HTML beside it (outputs embedded).

Usage: execute.py NOTEBOOK.ipynb — exits non-zero when a cell fails.
"""
import sys

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": "notebooks-export"}}).execute()
html, _ = HTMLExporter().from_notebook_node(notebook)
with open(path[: -len(".ipynb")] + ".html", "w", encoding="utf-8") as out:
    out.write(html)
