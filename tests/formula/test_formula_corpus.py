"""Every formula in the real Salesforce corpus compiles, and runs on a blank record."""

from __future__ import annotations

import pytest
from _pytest.mark import ParameterSet
from defusedxml import ElementTree
from shared_corpus import SALESFORCE_CORPUS

from simulator.formula import compile_formula
from simulator.formula.context import DEFAULT_NOW

CORPUS = SALESFORCE_CORPUS

# Elements whose text is a formula: flow entry criteria, validation rules,
# workflow rule criteria and field updates, and flow formula resources.
FORMULA_ELEMENTS = {"filterFormula", "errorConditionFormula", "formula", "expression"}

# CumulusCI replaces this token with the package namespace at deploy time
# (NPSP and PMM sources carry it); Salesforce never sees it. Deployed
# unmanaged, it becomes nothing.
NAMESPACE_TOKEN = "%%%NAMESPACE%%%"


def corpus_formulas() -> list[ParameterSet]:
    if not CORPUS.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(f"no corpus at {CORPUS}"))]
    found = []
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix == ".md" or not path.is_file():
            continue
        for index, element in enumerate(ElementTree.parse(path).iter()):
            tag = element.tag.rpartition("}")[2]
            if tag in FORMULA_ELEMENTS and (element.text or "").strip():
                where = f"{path.relative_to(CORPUS)}:{tag}#{index}"
                found.append(pytest.param(element.text, id=where))
    return found


class BlankRecord:
    """Every field and every flow resource is blank: the harshest record."""

    is_new = False
    now = DEFAULT_NOW

    def value(self, path: tuple[str, ...]) -> object:
        return None

    def prior(self, path: tuple[str, ...]) -> object:
        return None

    def variable(self, name: str) -> object:
        return None


FORMULAS = corpus_formulas()


def test_the_corpus_holds_the_formulas_we_expect_to_check() -> None:
    # 8 validation rules, 5 flow entry formulas, 36 workflow formulas and 53
    # flow formula resources were counted with grep; a smaller number would
    # mean the extraction above silently misses some.
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS}")
    assert len(FORMULAS) >= 102


@pytest.mark.parametrize("text", FORMULAS)
def test_every_corpus_formula_compiles(text: str) -> None:
    compile_formula(text.replace(NAMESPACE_TOKEN, ""))


@pytest.mark.parametrize("text", FORMULAS)
def test_every_corpus_formula_evaluates_on_a_blank_record(text: str) -> None:
    formula = compile_formula(text.replace(NAMESPACE_TOKEN, ""))
    formula.evaluate(BlankRecord())
