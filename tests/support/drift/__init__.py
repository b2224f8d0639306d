"""Markup-drift transformations for tests/test_drift.py."""
