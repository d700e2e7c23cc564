"""Personal data: refusals in free text, input limits, formula-safe cells, erasure certificates."""
