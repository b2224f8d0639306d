"""Fast tests of one module or function each."""
