"""The ``crawler`` command: main.py builds the parser; one module per group."""
