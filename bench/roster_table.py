"""The README's roster-benchmark table, made from the JSON `madoguchi bench roster --json` writes:
`madoguchi bench roster --markdown FILE.json` prints it (nothing is solved)."""

from __future__ import annotations

from bench.roster_goals import lines as goal_lines

COLUMNS = (
    "site",
    "week",
    "kind",
    "staff",
    "status",
    "penalty",
    "runs (min–max)",
    "best bound",
    "CP-SAT bound",
    "template bound",
    "proven gap",
    "best known",
    "gap to best known",
    "s",
    "first acceptable s",
    "hard violations",
)


def _number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", " ")
    return f"{int(value):,}".replace(",", " ")


def _percent(value) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def _seconds(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def _spread(row: dict) -> str:
    """The lowest and highest penalty of a repeated week's runs; – for a single run."""
    penalties = [run["penalty"] for run in row.get("runs") or [] if run.get("penalty") is not None]
    if len(penalties) < 2:
        return "–"
    return f"{_number(min(penalties))}–{_number(max(penalties))}"


def _line(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def render(result: dict) -> str:
    """A Markdown table: one row per site week, then the scale scenario when the run has one; under it
    the goals' verdicts with their figures (bench/roster_goals.py) and the weeks not applicable."""
    if not isinstance(result, dict) or not isinstance(result.get("weeks"), list):
        raise ValueError('not the JSON of `madoguchi bench roster`: no list under "weeks"')
    lines = [_line(COLUMNS), _line(["---"] * len(COLUMNS))]
    for row in result["weeks"]:
        absences = row.get("absences") or []
        people = len({who for who, _ in absences})
        kind = row["kind"] + (f" ({people} people, {len(absences)} person-days off)" if absences else "")
        lines.append(
            _line(
                [
                    row["site"],
                    row["week_start"],
                    kind,
                    str(row["staff"]),
                    row["status"],
                    _number(row["penalty"]),
                    _spread(row),
                    _number(row["best_bound"]),
                    _number(row.get("solver_bound")),
                    _number(row.get("template_bound")),
                    _percent(row["proven_gap"]),
                    _number(row["best_known"]),
                    _percent(row["gap_to_best_known"]),
                    _seconds(row["seconds"]),
                    _seconds(row["first_acceptable_seconds"]),
                    str(row["hard_violations"]),
                ]
            )
        )
    scale = result.get("scale")
    if scale:
        lines.append(
            _line(
                [
                    f"scale: {scale['sites']} sites",
                    "busy weeks",
                    "",
                    str(scale["staff"]),
                    scale["status"],
                    _number(scale["penalty"]),
                    _spread(scale),
                    _number(scale["best_bound"]),
                    _number(scale.get("solver_bound")),
                    _number(scale.get("template_bound")),
                    _percent(scale["proven_gap"]),
                    _number(scale["best_known"]),
                    _percent(scale["gap_to_best_known"]),
                    _seconds(scale["seconds"]),
                    _seconds(scale["first_acceptable_seconds"]),
                    str(scale["hard_violations"]),
                ]
            )
        )
    for item in result.get("weeks_not_applicable", []):
        lines.append("")
        lines.append(f"{item['site']}: no {item['kind']} week ({item['why']}).")
    lines = _join_notes(lines)
    lines += rule_lines(result["weeks"])
    lines += pool_lines(result.get("scale"))
    if result["weeks"]:
        lines += ["", "Goals:", "", *goal_lines(result)]
    return "\n".join(lines) + "\n"


def rule_lines(rows: list[dict]) -> list[str]:
    """Where the rows' rosters lose against the best known: per week that has both (a JSON of the
    twenty-ninth session or before has neither, and gets no such table), each rule's share of the
    checker's penalty in the median run and in the best-known roster. The rules that lose most over
    all weeks come first; a rule neither roster pays is left out."""
    both = [r for r in rows if r.get("penalty_by_rule") is not None and r.get("best_known_by_rule") is not None]
    if not both:
        return []
    lost: dict[str, int] = {}
    for row in both:
        mine, known = row["penalty_by_rule"], row["best_known_by_rule"]
        for rule in set(mine) | set(known):
            lost[rule] = lost.get(rule, 0) + mine.get(rule, 0) - known.get(rule, 0)
    rules = sorted(lost, key=lambda rule: (-lost[rule], rule))
    lines = _heading(
        "Where the gap to the best known lies: the checker's penalty per rule, median run / best known"
        " (the rules that lose most over all weeks first):",
        ["site", "week", "kind", *rules, "total"],
    )
    for row in both:
        mine, known = row["penalty_by_rule"], row["best_known_by_rule"]
        cells = [_pair(mine.get(rule, 0), known.get(rule, 0)) for rule in rules]
        lines.append(
            _line([row["site"], row["week_start"], row["kind"], *cells, _pair(row["penalty"], row["best_known"])])
        )
    return lines


def pool_lines(scale: dict | None) -> list[str]:
    """The pool per site (`by_site`, from the thirty-first session on; none for an older JSON): its
    copies summed against their best known, and the seconds a copy spent in each step of the solve,
    the steps in the order they first ran."""
    sites = (scale or {}).get("by_site")
    if not sites:
        return []
    steps: list[str] = []
    for row in sites:
        steps += [name for name in row["step_seconds"] if name not in steps]
    lines = _heading(
        "The 20-site pool per site (the median run, each site's copies summed; seconds a copy, in all and"
        " per step of the solve):",
        ["site", "copies", "staff a copy", "penalty", "best known", "gap to best known", "s", *steps],
    )
    for row in sites:
        cells = [_seconds(row["step_seconds"].get(name)) for name in steps]
        lines.append(
            _line(
                [
                    row["site"],
                    str(row["copies"]),
                    str(row["staff"]),
                    _number(row["penalty"]),
                    _number(row["best_known"]),
                    _percent(row["gap_to_best_known"]),
                    _seconds(row["seconds"]),
                    *cells,
                ]
            )
        )
    return lines


def _heading(title: str, columns: list[str]) -> list[str]:
    """A table's title under a blank line, then its header and rule."""
    return ["", title, "", _line(columns), _line(["---"] * len(columns))]


def _pair(mine: int, known: int) -> str:
    return "–" if not mine and not known else f"{_number(mine)} / {_number(known)}"


def _join_notes(lines: list[str]) -> list[str]:
    """Blank lines only before the first note, not between notes."""
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] and not out[-1].startswith("|"):
            continue
        out.append(line)
    return out
