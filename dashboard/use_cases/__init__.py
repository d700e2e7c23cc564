"""Use cases: check who may, validate, call the domain, store, commit. No Streamlit here."""
