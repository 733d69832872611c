"""report.json: the report's data for programs, as report.schema.json describes it."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from simulator.coverage import Coverage
from simulator.report.diagram import Diagram
from simulator.report.matrix import NEW_RECORD
from simulator.report.view import (
    DefinitionPage,
    Figure,
    FindingRow,
    Report,
    ScenarioPage,
    TransitionRow,
    build_report,
)
from simulator.runner import SuiteResult

# Raised when a field changes meaning or goes; a new field keeps the version.
VERSION = 1
SCHEMA_FILE = "report.schema.json"

JSON = dict[str, Any]


def build_json(suite: SuiteResult, coverage: Coverage) -> JSON:
    """The report of a run as plain JSON data, version ``VERSION``."""
    return report_json(build_report(suite, coverage))


def render_json(report: Report) -> bytes:
    """The document as written: indented, UTF-8, keys in a fixed order."""
    text = json.dumps(report_json(report), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def report_schema() -> JSON:
    """The JSON Schema that every report.json of this version conforms to."""
    text = resources.files("simulator.report").joinpath(SCHEMA_FILE).read_text("utf-8")
    schema: JSON = json.loads(text)
    return schema


def report_json(report: Report) -> JSON:
    summary = report.summary
    return {
        "version": VERSION,
        "summary": {
            "status": summary.status,
            "scenarios": {
                "total": summary.total,
                "passed": summary.passed,
                "failed": summary.failed,
                "unreadable": summary.unreadable,
            },
            "coverage": {figure.name: _figure(figure) for figure in summary.figures},
            "shortfalls": list(summary.shortfalls),
            "findings": len(report.findings),
        },
        "scenarios": [_scenario(page) for page in report.scenarios],
        "definitions": [_definition(page) for page in report.definitions],
        "transitions": [_transition(row) for row in report.transitions],
        "not_simulated": [
            {
                "file": item.file,
                "definition": item.definition,
                "element": item.element,
                "kind": item.kind,
                "reason": item.reason,
            }
            for item in report.not_simulated
        ],
        "unreadable": [
            {"file": row.file, "line": row.line, "message": row.message}
            for row in report.unreadable
        ],
    }


def _figure(figure: Figure) -> JSON:
    percent = None if figure.percent is None else round(figure.percent, 2)
    return {"reached": figure.reached, "total": figure.total, "percent": percent}


def _scenario(page: ScenarioPage) -> JSON:
    row = page.row
    return {
        "name": row.name,
        "file": row.file,
        "line": row.line,
        "seed": page.seed,
        "status": row.status,
        "page": f"scenarios/{row.slug}.html",
        "failures": [
            {"file": f.file, "line": f.line, "check": f.check, "text": f.text}
            for f in page.failures
        ],
        "stopped": row.stopped,
        "actions": [
            {
                "at": action.offset,
                "kind": action.kind,
                "name": action.name,
                "record": action.record,
                "cause": action.cause,
            }
            for action in page.actions
        ],
        "findings": [_finding(finding) for finding in page.findings],
    }


def _finding(finding: FindingRow) -> JSON:
    return {
        "at": finding.offset,
        "kind": finding.kind,
        "record": finding.record,
        "message": finding.message,
        "cause": finding.cause,
    }


def _definition(page: DefinitionPage) -> JSON:
    row = page.row
    return {
        "name": row.name,
        "platform": row.platform,
        "file": row.file,
        "page": f"definitions/{row.slug}.html",
        "coverage": _figure(row.figure),
        "elements": [
            {"key": e.key, "label": e.label, "kind": e.kind, "hits": e.hits}
            for e in page.elements
        ],
        "diagram": None if page.diagram is None else _diagram(page.diagram),
    }


def _diagram(diagram: Diagram) -> JSON:
    return {
        "nodes": [
            {
                "id": node.id,
                "heading": node.heading,
                "label": node.label,
                "shape": node.shape,
                "hits": node.hits,
            }
            for node in diagram.nodes
        ],
        "edges": [
            {
                "source": edge.source,
                "target": edge.target,
                "label": edge.label,
                "kind": edge.kind,
                "hits": edge.hits,
                "exact": edge.exact,
            }
            for edge in diagram.edges
        ],
    }


def _transition(row: TransitionRow) -> JSON:
    return {
        "system": row.system,
        "object": row.object,
        "field": row.field,
        "from": None if row.source == NEW_RECORD else row.source,
        "to": row.target,
        "hits": row.hits,
        "status": row.status,
    }
