"""The indicator library and the interview guides, browsable offline (see browser.py)."""
