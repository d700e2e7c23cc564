"""The week's roster: its types (model), the rule catalogue, checks, edits, imports and exports."""
