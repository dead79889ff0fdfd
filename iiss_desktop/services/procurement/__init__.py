"""Acquisti: use cases (one transaction each)."""
