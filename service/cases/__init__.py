"""Cases: a product's way through a process version, its dossier, comments and certificates."""
