"""Maintainers' tools; nothing here runs on a kiosk PC."""
