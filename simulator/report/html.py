"""HTML pages of the report: the view objects laid out by Jinja2 templates."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from simulator.report.diagram import Diagram
from simulator.report.layout import lay_out
from simulator.report.svg import render_svg
from simulator.report.text import percent_text
from simulator.report.view import LANES, Report

TEMPLATES = Path(__file__).parent / "templates"
STYLE_SHEET = "style.css"


def environment() -> Environment:
    """Autoescaped, and strict: a misspelt name in a template is an error."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["percent"] = percent_text
    env.filters["bar"] = bar_width
    env.filters["svg"] = diagram_svg
    env.globals["lanes"] = LANES
    return env


def render_page(
    template: str,
    generated_at: datetime,
    root: str = "",
    env: Environment | None = None,
    **context: object,
) -> bytes:
    """One page of the report, UTF-8."""
    env = env or environment()
    # The only text that changes between two runs of the same suite.
    stamp = generated_at.isoformat(sep=" ", timespec="seconds")
    text = env.get_template(template).render(root=root, generated_at=stamp, **context)
    return text.encode("utf-8")


def render_pages(report: Report, generated_at: datetime) -> dict[str, bytes]:
    """Every page and the style sheet, by path inside the report folder."""
    env = environment()

    def page(template: str, root: str, **context: object) -> bytes:
        return render_page(template, generated_at, root, env, **context)

    pages = {"index.html": page("index.html", "", report=report)}
    for scenario in report.scenarios:
        path = f"scenarios/{scenario.row.slug}.html"
        pages[path] = page("scenario.html", "../", page=scenario)
    for definition in report.definitions:
        path = f"definitions/{definition.row.slug}.html"
        pages[path] = page("definition.html", "../", page=definition)
    pages[STYLE_SHEET] = (TEMPLATES / STYLE_SHEET).read_bytes()
    return pages


def bar_width(percent: float | None) -> str:
    """The filled part of a coverage bar, as a CSS width."""
    return f"{percent or 0:.1f}%"


def diagram_svg(diagram: Diagram, title: str) -> Markup:
    """The diagram drawn; safe to mark, as every text in it was escaped as XML."""
    return Markup(render_svg(lay_out(diagram), title))
