"""'Hegang in numbers': charts drawn with pyqtgraph, imported only when a visitor first opens them."""
