"""Altair charts, for the pages and (as PNG) for the PDFs."""
