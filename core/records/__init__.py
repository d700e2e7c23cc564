"""The records contracts require beside the counters: attendance, designated days, bookings."""
