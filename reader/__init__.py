"""reader: a terminal news reader for articles turned into structured data."""

__version__ = "0.1.0"
