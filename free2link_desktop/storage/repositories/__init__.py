"""Repositories: SQL in, core value types out. One module per kind of record."""
