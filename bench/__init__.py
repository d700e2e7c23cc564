"""Benchmarks: run as modules (python -m bench.NAME); each prints JSON. Tests never assert wall time."""
