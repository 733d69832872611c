"""A laid-out diagram as inline SVG, built as XML so every text is escaped."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET

from simulator.report.layout import Box, Drawing, Route
from simulator.report.text import xml_text

# Characters per line in a box, and lines per box, at the style sheet's 12px.
LINE_LENGTH, LINES = 27, 2
# Roughly how wide a character of an 11px label is; labels get a backing
# rectangle so they stay readable where they cross a connector.
LABEL_CHAR_WIDTH, LABEL_PADDING = 6.4, 8
STATUSES = ("reached", "unreached")


def render_svg(drawing: Drawing, title: str) -> str:
    """The ``<svg>`` element; colours come from the page's style sheet."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "diagram",
            "width": str(drawing.width),
            "height": str(drawing.height),
            "viewBox": f"0 0 {drawing.width} {drawing.height}",
            "role": "img",
            "aria-label": xml_text(title),
        },
    )
    ET.SubElement(svg, "title").text = xml_text(title)
    svg.append(_markers())
    edges = ET.SubElement(svg, "g", {"class": "edges"})
    edges.extend(_edge(route) for route in drawing.routes)
    nodes = ET.SubElement(svg, "g", {"class": "nodes"})
    nodes.extend(_node(box) for box in drawing.boxes)
    # Labels go last so that no connector or box is drawn over them.
    labels = ET.SubElement(svg, "g", {"class": "labels"})
    labels.extend(_edge_label(route) for route in drawing.routes)
    return ET.tostring(svg, encoding="unicode")


def _markers() -> ET.Element:
    """One arrowhead per status: a marker cannot take its line's colour everywhere."""
    defs = ET.Element("defs")
    for status in STATUSES:
        marker = ET.SubElement(
            defs,
            "marker",
            {
                "id": f"arrow-{status}",
                "viewBox": "0 0 10 10",
                "refX": "9",
                "refY": "5",
                "markerWidth": "7",
                "markerHeight": "7",
                "orient": "auto",
            },
        )
        ET.SubElement(
            marker, "path", {"d": "M0,0 L10,5 L0,10 z", "class": f"arrow {status}"}
        )
    return defs


def _edge(route: Route) -> ET.Element:
    edge = route.edge
    group = ET.Element("g", {"class": f"edge {edge.status} {edge.kind}"})
    ET.SubElement(group, "title").text = xml_text(edge_title(route))
    path = "M" + " L".join(f"{x},{y}" for x, y in route.points)
    ET.SubElement(
        group, "path", {"d": path, "marker-end": f"url(#arrow-{edge.status})"}
    )
    return group


def edge_title(route: Route) -> str:
    edge = route.edge
    name = f"{edge.label}: " if edge.label else ""
    if edge.exact:
        return f"{name}taken {_times(edge.hits)}"
    return f"{name}taken at most {_times(edge.hits)}: the lesser of its ends' counts"


def _edge_label(route: Route) -> ET.Element:
    edge = route.edge
    count = str(edge.hits) if edge.exact else f"≤{edge.hits}"
    text = f"{edge.label} · {count}" if edge.label else count
    x, y = route.label_at
    width = round(len(text) * LABEL_CHAR_WIDTH) + LABEL_PADDING
    group = ET.Element("g", {"class": f"edge-label {edge.status}"})
    ET.SubElement(
        group,
        "rect",
        {
            "x": str(x - width // 2),
            "y": str(y - 8),
            "width": str(width),
            "height": "16",
            "rx": "3",
        },
    )
    ET.SubElement(group, "text", {"x": str(x), "y": str(y + 4)}).text = xml_text(text)
    return group


def _node(box: Box) -> ET.Element:
    node = box.node
    group = ET.Element("g", {"class": f"node {node.shape} {node.status}"})
    ET.SubElement(group, "title").text = xml_text(node_title(box))
    group.append(_outline(box))
    if node.shape == "end":
        return group
    # A gateway's pointed sides leave less room at the left.
    left = box.x - box.width // 2 + (18 if node.shape == "gateway" else 10)
    heading = ET.SubElement(
        group, "text", {"class": "heading", "x": str(left), "y": str(box.top + 15)}
    )
    heading.text = xml_text(node.heading)
    for number, line in enumerate(_lines(node.label)):
        y = box.top + 32 + 15 * number
        text = ET.SubElement(group, "text", {"x": str(left), "y": str(y)})
        text.text = xml_text(line)
    group.append(_hits(box))
    return group


def node_title(box: Box) -> str:
    node = box.node
    name = f"{node.heading}: {node.label}" if node.heading else node.label
    if node.hits is None:
        return name
    return f"{name} — reached {_times(node.hits)}"


def _outline(box: Box) -> ET.Element:
    """BPMN's shapes, near enough: round events, a pointed gateway, square tasks."""
    left, right = box.x - box.width // 2, box.x + box.width // 2
    if box.node.shape == "end":
        attributes = {"cx": str(box.x), "cy": str(box.y), "r": str(box.width // 2)}
        return ET.Element("circle", attributes)
    if box.node.shape == "gateway":
        corners = [
            (left + 14, box.top),
            (right - 14, box.top),
            (right, box.y),
            (right - 14, box.bottom),
            (left + 14, box.bottom),
            (left, box.y),
        ]
        points = " ".join(f"{x},{y}" for x, y in corners)
        return ET.Element("polygon", {"points": points})
    radius = box.height // 2 if box.node.shape == "start" else 4
    return ET.Element(
        "rect",
        {
            "x": str(left),
            "y": str(box.top),
            "width": str(box.width),
            "height": str(box.height),
            "rx": str(radius),
        },
    )


def _hits(box: Box) -> ET.Element:
    """The hit count in a tab on the box's top right corner."""
    text = str(box.node.hits)
    width = round(len(text) * 7) + 12
    right = box.x + box.width // 2
    group = ET.Element("g", {"class": "hits"})
    ET.SubElement(
        group,
        "rect",
        {
            "x": str(right - width - 6),
            "y": str(box.top - 8),
            "width": str(width),
            "height": "16",
            "rx": "8",
        },
    )
    ET.SubElement(
        group, "text", {"x": str(right - 6 - width // 2), "y": str(box.top + 4)}
    ).text = text
    return group


def _lines(label: str) -> list[str]:
    """The label wrapped to the box, the last line cut with an ellipsis if need be."""
    lines = textwrap.wrap(label, LINE_LENGTH, break_long_words=True) or [""]
    if len(lines) <= LINES:
        return lines
    last = " ".join(lines[LINES - 1 :])
    return [*lines[: LINES - 1], last[: LINE_LENGTH - 1].rstrip() + "…"]


def _times(count: int) -> str:
    if count == 0:
        return "never"
    return "once" if count == 1 else f"{count} times"
