"""Acquisti: the pure rules and file formats of procurement (no Qt, no database)."""
