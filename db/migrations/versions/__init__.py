"""Migration scripts, applied in revision order. Never edit one that has shipped: add another."""
