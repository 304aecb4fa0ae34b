"""Formats other tools speak (ARCHITECTURE.md, "Growing the house"): plain data in, bytes out.

XLSForm (xlsform.py) and ODK XForm (xform.py), through pyxform. No SQL, no Qt, no network:
services/ call these and decide where the bytes go.
"""
