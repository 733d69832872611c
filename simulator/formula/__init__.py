"""The Salesforce formula language: parse once, compile to closures, evaluate often."""

from simulator.formula.compiler import FUNCTION_NAMES, Formula, compile_formula
from simulator.formula.context import FormulaContext, MappingContext

__all__ = [
    "FUNCTION_NAMES",
    "Formula",
    "FormulaContext",
    "MappingContext",
    "compile_formula",
]
