"""Distributed mode, with a real Redis."""
