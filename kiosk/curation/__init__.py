"""Tools for curators: reports on the content folder and the interface catalogs."""
