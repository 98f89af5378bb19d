"""Widgets of the exhibit; each shows data it is given and re-reads its text in translateUI()."""
