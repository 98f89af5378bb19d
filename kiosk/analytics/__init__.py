"""Visitor analytics: what visitors do at the kiosk, recorded privately in a local SQLite file.

Each row holds only a time, a random visit id, an event kind, content ids or small enum values,
and the kiosk's name: never free text, never anything about a person. Pure Python, no Qt: the
Qt layer connects its signals to a `Recorder`, which hands rows to an `EventLog` that writes
them on its own thread.

Modules: `recorder` (what a visit is), `writer` (the thread), `store` (schema, opening, trimming,
merging), `summary` (queries, text, CSV), `sample` (a generated month), `cli` (the command).
Nothing is imported here, so the kiosk pays at start only for what it records with.
"""
