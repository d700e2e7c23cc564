"""The roster rule catalogue, model side: one module per rule. `build(v)` adds the rule's
constraints on the variables (optimizer.variables) and returns its named penalty terms; a rule a
profile switches on also has `applies(problem)`. core/roster/rules/ checks the same rules."""
