"""Every indicator of the plan (domain/plan.py) is one the report can print: a name for its
table, the built-in target it is judged by where the plan sets none, and a measurement."""

from __future__ import annotations

from kehoach_docs.domain.indicators import (
    BUILT_IN_TARGETS,
    INDICATOR_NAMES,
    DossierStats,
    measurements,
)
from kehoach_docs.domain.periods import quarter
from kehoach_docs.domain.plan import Indicator


def test_every_indicator_has_a_name_a_built_in_target_and_a_measurement() -> None:
    measured = measurements([], DossierStats(), quarter(2024, 1, True), {})
    assert list(INDICATOR_NAMES) == list(BUILT_IN_TARGETS) == list(Indicator)
    assert set(measured) == set(Indicator)
    assert all(target.indicator is indicator for indicator, target in BUILT_IN_TARGETS.items())
