"""From history to requirement: forecast, Erlang C/A and the requirement per slot."""
