"""Free2Link Desktop: offline-first early identification of victims of online trafficking."""

__version__ = "0.1.0"
