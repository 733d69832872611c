"""The Salesforce formula language: parse once, compile to closures, evaluate often."""

from simulator.formula.compiled import Formula
from simulator.formula.compiler import compile_formula
from simulator.formula.context import FormulaContext, MappingContext
from simulator.formula.library import FUNCTION_NAMES

__all__ = [
    "FUNCTION_NAMES",
    "Formula",
    "FormulaContext",
    "MappingContext",
    "compile_formula",
]
