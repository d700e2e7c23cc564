"""The roster rule catalogue, checker side: one module per rule, each written without the solver.

A hard rule module has `check(week) -> list[Violation]`; a soft one `penalties(week) -> list[Penalty]`;
a rule a profile switches on also has `applies(problem)`. optimizer/rules/ holds the same rules for
the model; the README lists the catalogue."""
