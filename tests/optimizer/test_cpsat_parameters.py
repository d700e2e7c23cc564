"""MADOGUCHI_CPSAT_PARAMS sets CP-SAT parameters for experiments: switches read true and false as
written, and a wrong key or value is refused with its name (an experiment must not run with a
setting it did not ask for)."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from optimizer.solve import _solver, apply_parameters


def _parameters():
    return cp_model.CpSolver().parameters


def test_switches_numbers_and_counts_are_read_as_written():
    parameters = _parameters()
    apply_parameters(
        parameters, "cp_model_presolve=false, log_search_progress=true,num_workers=3,max_time_in_seconds=2.5"
    )
    assert parameters.cp_model_presolve is False
    assert parameters.log_search_progress is True
    assert parameters.num_workers == 3
    assert parameters.max_time_in_seconds == 2.5
    apply_parameters(parameters, "cp_model_presolve=1")
    assert parameters.cp_model_presolve is True


@pytest.mark.parametrize(
    "text, named",
    [
        ("no_such_parameter=1", "no_such_parameter"),
        ("num_workers", "num_workers"),
        ("cp_model_presolve=no", "cp_model_presolve"),
        ("num_workers=many", "num_workers"),
    ],
)
def test_a_wrong_key_or_value_is_refused_with_its_name(text, named):
    with pytest.raises(ValueError, match=named):
        apply_parameters(_parameters(), text)


def test_the_solver_takes_them_from_the_environment(monkeypatch):
    monkeypatch.setenv("MADOGUCHI_CPSAT_PARAMS", "cp_model_presolve=false")
    assert _solver(1.0, 0.0, 2).parameters.cp_model_presolve is False
    monkeypatch.delenv("MADOGUCHI_CPSAT_PARAMS")
    assert _solver(1.0, 0.0, 2).parameters.cp_model_presolve is True
