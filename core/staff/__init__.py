"""Staff members, the staff list importer and training records."""
