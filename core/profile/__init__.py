"""What a contract says: the site profile schema, the calendar and the national catalogue."""
