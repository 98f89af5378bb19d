"""Hegang Coal Heritage Kiosk: a bilingual touchscreen exhibition about Hegang's coal history."""

__version__ = "0.1.0"
