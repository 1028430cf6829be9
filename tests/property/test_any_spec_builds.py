"""Every spec djsc's checks accept builds a project that ruff and Django accept.

Hypothesis draws random specs (`spec_strategy.specs`) whose names collide on
purpose with Python's, Django's and the generated code's.  A spec the checks refuse
(front end or the Django backend's, as `djsc check` runs them) is skipped; one they
accept must build, and the project must pass `ruff check`, `ruff format --check`,
`manage.py check --fail-level WARNING` and `manage.py makemigrations --check`.  So a
name that breaks the project has to be refused by a check, with a diagnostic that
says why, instead of failing in the user's CI.

CI runs 50 examples, derandomized.  A longer run explores more (tests/README.md):

    DJSC_PROPERTY_EXAMPLES=400 DJSC_PROPERTY_SEED=7 \
        python -m pytest tests/property/test_any_spec_builds.py -q
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, note, seed, settings

from .project_gates import build_project, refusals, run_gates
from .spec_strategy import Spec, specs

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("DJSC_PROPERTY_EXAMPLES", "50"))
SEED = os.environ.get("DJSC_PROPERTY_SEED")
# Most drawn specs must pass the checks, or the property holds for too few projects.
MIN_ACCEPTED = 0.5

DRAWN: Counter[str] = Counter()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=SEED is None,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
@given(spec=specs())
def accepted_specs_build_clean_projects(spec: Spec) -> None:
    with tempfile.TemporaryDirectory(prefix="djsc-property-") as tmp:
        path = Path(tmp) / f"{spec.stem}.djs"
        path.write_text(spec.text, encoding="utf-8")
        refused = refusals(spec.text, str(path))
        DRAWN["refused" if refused else "accepted"] += 1
        for code in refused:
            event(f"refused: {code}")
        assume(not refused)
        out = Path(tmp) / "out"
        errors = build_project(spec.text, str(path), out)
        shown = f"\n--- {path.name} ---\n{spec.text}---\n"
        assert not errors, f"the checks accept this spec, but the build fails:{shown}" + (
            "\n".join(errors)
        )
        failures = run_gates(out)
        for failure in failures:
            note(str(failure))
        assert not failures, f"the checks accept this spec, but its project fails:{shown}" + (
            "\n".join(str(f) for f in failures)
        )


def test_every_accepted_spec_builds_a_project_ruff_and_django_accept() -> None:
    DRAWN.clear()
    run = accepted_specs_build_clean_projects
    if SEED is not None:
        run = seed(int(SEED))(run)
    run()
    drawn = DRAWN["accepted"] + DRAWN["refused"]
    rate = DRAWN["accepted"] / drawn
    print(f"the checks accepted {DRAWN['accepted']} of {drawn} drawn specs ({rate:.0%})")
    assert rate >= MIN_ACCEPTED, (
        f"the checks accepted only {DRAWN['accepted']} of {drawn} drawn specs ({rate:.0%}): "
        "tune spec_strategy.py, or the property tests too few projects"
    )
