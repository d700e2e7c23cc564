"""The demo database: a contractor's year of history, users and records."""
