"""The Qt layer: it renders the content model and never reads content files itself."""
