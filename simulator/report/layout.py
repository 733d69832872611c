"""Where a diagram's nodes and connectors go: a layered layout made by igraph."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import igraph  # type: ignore[import-untyped]

from simulator.report.diagram import Diagram, DiagramEdge, DiagramNode

# Sizes in pixels. A box holds a heading and two lines of 12px text.
BOX_WIDTH, BOX_HEIGHT = 200, 58
END_SIZE = 26
COLUMN = BOX_WIDTH + 36  # one unit of igraph's x, a node and the gap beside it
ROW = BOX_HEIGHT + 62  # one layer, with room for a connector's label
MARGIN = 16
# How far apart the connectors leaving or entering one box are spread.
PORT_SPACING = 28
LABEL_AT = 0.62  # how far along its first leg a connector's label sits

Point = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Box:
    """A node placed: ``x`` and ``y`` are its centre."""

    node: DiagramNode
    x: int
    y: int
    width: int
    height: int

    @property
    def top(self) -> int:
        return self.y - self.height // 2

    @property
    def bottom(self) -> int:
        return self.y + self.height // 2


@dataclass(frozen=True, slots=True)
class Route:
    edge: DiagramEdge
    points: tuple[Point, ...]  # from the source's border to the target's

    @property
    def label_at(self) -> Point:
        """Past the middle of the first leg: connectors fanning out of one box
        are furthest apart near their far ends, so their labels do not meet."""
        (x1, y1), (x2, y2) = self.points[0], self.points[1]
        return x1 + round((x2 - x1) * LABEL_AT), y1 + round((y2 - y1) * LABEL_AT)


@dataclass(frozen=True, slots=True)
class Drawing:
    boxes: tuple[Box, ...]
    routes: tuple[Route, ...]
    width: int
    height: int


def lay_out(diagram: Diagram) -> Drawing:
    """Layers top to bottom, crossings reduced by igraph's Sugiyama layout.

    igraph places every node and the bends of connectors that span layers;
    cycles (Go-To connectors) are broken by reversing a few edges for the
    layering only, so they come out pointing upward.
    """
    index = {node.id: number for number, node in enumerate(diagram.nodes)}
    pairs = [(index[edge.source], index[edge.target]) for edge in diagram.edges]
    graph = igraph.Graph(n=len(diagram.nodes), edges=pairs, directed=True)
    layout = graph.layout_sugiyama(hgap=1, vgap=1)
    boxes = [
        _box(node, *xy) for node, xy in zip(diagram.nodes, layout.coords, strict=True)
    ]
    bends = [[_pixel(x, y) for x, y in points] for points in layout.edge_routing]
    routes = _routes(diagram.edges, pairs, boxes, bends)
    corners = [(box.x + box.width // 2, box.bottom) for box in boxes]
    corners += [point for route in routes for point in route.points]
    width = max((x for x, _ in corners), default=0) + MARGIN
    height = max((y for _, y in corners), default=0) + MARGIN
    return Drawing(tuple(boxes), tuple(routes), width, height)


def _pixel(x: float, y: float) -> Point:
    """igraph's units to pixels, rounded so the drawing is the same everywhere."""
    left, top = MARGIN + BOX_WIDTH // 2, MARGIN + BOX_HEIGHT // 2
    return left + round(x * COLUMN), top + round(y * ROW)


def _box(node: DiagramNode, x: float, y: float) -> Box:
    centre = _pixel(x, y)
    if node.shape == "end":
        return Box(node, *centre, END_SIZE, END_SIZE)
    return Box(node, *centre, BOX_WIDTH, BOX_HEIGHT)


def _routes(
    edges: tuple[DiagramEdge, ...],
    pairs: list[tuple[int, int]],
    boxes: list[Box],
    bends: list[list[Point]],
) -> list[Route]:
    exits = _ports(pairs, bends, boxes, leaving=True)
    entries = _ports(pairs, bends, boxes, leaving=False)
    routes = []
    for number, (edge, (source, target)) in enumerate(zip(edges, pairs, strict=True)):
        if source == target:
            routes.append(Route(edge, _loop(boxes[source])))
            continue
        points = [exits[number], *bends[number], entries[number]]
        routes.append(Route(edge, tuple(points)))
    return routes


def _ports(
    pairs: list[tuple[int, int]],
    bends: list[list[Point]],
    boxes: list[Box],
    *,
    leaving: bool,
) -> dict[int, Point]:
    """Where each connector meets a box: spread along the side it faces.

    Connectors that share a box and a side are ordered by where they head, so
    they do not cross right at the box.
    """
    sides: defaultdict[tuple[int, bool], list[tuple[int, int]]] = defaultdict(list)
    for number, (source, target) in enumerate(pairs):
        here, there = (source, target) if leaving else (target, source)
        points = bends[number] or [(boxes[there].x, boxes[there].y)]
        toward = points[0] if leaving else points[-1]
        below = toward[1] > boxes[here].y
        sides[(here, below)].append((toward[0], number))
    ports = {}
    for (here, below), heading in sides.items():
        box = boxes[here]
        spacing = min(PORT_SPACING, box.width // (len(heading) + 1))
        y = box.bottom if below else box.top
        for slot, (_, number) in enumerate(sorted(heading)):
            offset = round((slot - (len(heading) - 1) / 2) * spacing)
            ports[number] = (box.x + offset, y)
    return ports


def _loop(box: Box) -> tuple[Point, ...]:
    """A connector from a box back to itself, round its right side."""
    right = box.x + box.width // 2
    return (
        (right, box.y - 10),
        (right + 24, box.y - 10),
        (right + 24, box.y + 10),
        (right, box.y + 10),
    )
