"""Every claim module reads like a theorem page: the template's sections, in order."""

import importlib
import pkgutil
import re

import pytest

import claims

SECTIONS = (
    "Statement",
    "Assumptions",
    "Attainment",
    "Trivial baseline",
    "Controls",
    "Departures and revisions",
)
MODULES = sorted(m.name for m in pkgutil.walk_packages(claims.__path__, "claims.") if not m.ispkg)


def _heading(name: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(name)}\n-{{{len(name)}}}$", re.M)


@pytest.mark.parametrize("name", MODULES)
def test_claim_docstring_follows_the_template(name):
    doc = importlib.import_module(name).__doc__ or ""
    found = {s: m.start() for s in SECTIONS if (m := _heading(s).search(doc))}
    assert list(found) == list(SECTIONS), f"{name}: missing sections {set(SECTIONS) - set(found)}"
    assert list(found.values()) == sorted(found.values()), f"{name}: sections out of order"
    assert "DESIGN.md" not in doc, f"{name}: refers to a file outside the repository"
