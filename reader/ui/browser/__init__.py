"""reader in a web browser (textual-serve)."""
