"""The grammar of Salesforce formulas, and the one LALR parser built from it."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from lark import Lark, Token
from lark.lark import PostLex

# Precedence, loosest first, as the "Operator precedence" table of
# https://help.salesforce.com/s/articleView?id=platform.customize_functions_operators.htm
# gives it: || ; && ; = == <> != ; < > <= >= ; + - & ; * / ; unary - ! ; ^ ; ().
#
# Two things the table does not settle, and what we chose:
# - `^` associates to the left here (2 ^ 3 ^ 2 = 64), as every other binary
#   operator does; the documentation does not say.
# - Users have reported (salesforce.stackexchange.com/questions/160671) that
#   real orgs evaluate 2 * 2 ^ 3 as (2 * 2) ^ 3, against the table, and
#   Salesforce acknowledged it as a known issue. We follow the documented
#   table; a formula that mixes ^ with * or / should use parentheses.
GRAMMAR = r"""
start: expr

?expr: or_expr

?or_expr: and_expr
    | or_expr OR_OP and_expr -> or_

?and_expr: eq_expr
    | and_expr AND_OP eq_expr -> and_

?eq_expr: rel_expr
    | eq_expr EQ_OP rel_expr -> compare

?rel_expr: add_expr
    | rel_expr REL_OP add_expr -> compare

?add_expr: mul_expr
    | add_expr ADD_OP mul_expr -> arithmetic

?mul_expr: unary
    | mul_expr MUL_OP unary -> arithmetic

?unary: power
    | MINUS unary -> negate
    | BANG unary -> not_

?power: atom
    | power POW_OP exponent -> arithmetic

?exponent: atom
    | MINUS exponent -> negate

?atom: NUMBER -> number
    | STRING -> string
    | CONSTANT -> constant
    | REF -> ref
    | MERGE_REF -> merge_ref
    | FUNC "(" [expr ("," expr)*] ")" -> call
    | "(" expr ")"

OR_OP: "||"
AND_OP: "&&"
EQ_OP: "==" | "=" | "<>" | "!="
REL_OP: "<=" | ">=" | "<" | ">"
ADD_OP: "+" | "-" | "&"
MUL_OP: "*" | "/"
POW_OP: "^"
MINUS: "-"
BANG: "!"

NUMBER: /\d+(\.\d*)?|\.\d+/
STRING: /"(?:[^"\\]|\\.)*"/s | /'(?:[^'\\]|\\.)*'/s
CONSTANT.3: /(?i:true|false|null)\b/
FUNC.2: /[A-Za-z_][A-Za-z0-9_]*(?=\s*\()/
REF: /\$?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/

MERGE_OPEN: "{!"
MERGE_CLOSE: "}"
%declare MERGE_REF

COMMENT: /\/\*(.|\n)*?\*\//
%ignore COMMENT
%ignore /\s+/
"""


class MergeFieldProblem(Exception):
    """A `{!` without its `}`, or the other way round."""

    def __init__(self, message: str, token: Token) -> None:
        super().__init__(message)
        self.token = token


class MergeFields(PostLex):
    """Reads `{!…}` as a mark on the reference inside it, not as brackets.

    Flow formulas write resources as `{!name}`. The braces are not grouping:
    an active flow in the corpus holds `ISPICKVAL({!$Record.Type__c,"PEP"})`,
    which Salesforce saved and runs. So the braces only say that the first
    reference after `{!` is a flow reference; everything else passes through.
    """

    always_accept = ("MERGE_OPEN", "MERGE_CLOSE")

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        opened: Token | None = None
        first = False
        for token in stream:
            if token.type == "MERGE_OPEN":
                if opened is not None:
                    raise MergeFieldProblem("'{!' inside another '{!…}'", token)
                opened, first = token, True
                continue
            if token.type == "MERGE_CLOSE":
                if opened is None:
                    raise MergeFieldProblem("'}' without an opening '{!'", token)
                opened = None
                continue
            if first and token.type == "REF":
                token = Token.new_borrow_pos("MERGE_REF", token.value, token)
            first = False
            yield token

        if opened is not None:
            raise MergeFieldProblem("'{!' is never closed with '}'", opened)


@functools.cache
def formula_parser() -> Lark:
    """The parser, built once per process: building it costs milliseconds."""
    return Lark(
        GRAMMAR,
        parser="lalr",
        lexer="contextual",
        postlex=MergeFields(),
        maybe_placeholders=False,
    )
