"""The `madoguchi` command line."""
