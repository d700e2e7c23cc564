"""What the Streamlit pages share: sign-in, navigation, refusals shown as messages, resources."""
