"""The timeline's view arithmetic, kept free of Qt so it is cheap to test and to reason about.

A viewport shows [start, end) years on `width` pixels. Panning and zooming clamp to the
exhibition's span with a little slack, so the ends stop softly instead of vanishing.
Clustering bins are anchored to the year axis, not the screen, so clusters do not
flicker while the visitor drags.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MIN_SPAN = 1 / 12  # years: zoomed in as far as one month, so dense days still come apart
TICK_STEPS = (1 / 12, 0.25, 0.5, 1, 2, 5, 10, 20, 50)  # years between ticks: months to half-centuries


@dataclass
class Viewport:
    lower: float  # the exhibition's first year
    upper: float  # today, as a fractional year
    start: float
    end: float
    width: float = 1000.0

    @classmethod
    def covering(cls, lower: float, upper: float, width: float = 1000.0) -> Viewport:
        margin = (upper - lower) * 0.02
        return cls(lower, upper, lower - margin, upper + margin, width)

    @property
    def span(self) -> float:
        return self.end - self.start

    @property
    def max_span(self) -> float:
        return (self.upper - self.lower) * 1.04

    @property
    def px_per_year(self) -> float:
        return self.width / self.span

    def x_of(self, year: float) -> float:
        return (year - self.start) * self.width / self.span

    def year_at(self, x: float) -> float:
        return self.start + x * self.span / self.width

    def pan_pixels(self, dx: float) -> None:
        """Move the content by dx pixels (drag right = earlier years)."""
        shift = -dx * self.span / self.width
        self._set(self.start + shift, self.end + shift)

    def zoom(self, factor: float, anchor_x: float) -> None:
        """Zoom by `factor` (>1 = closer) keeping the year under anchor_x in place."""
        anchor = self.year_at(anchor_x)
        span = min(max(self.span / factor, MIN_SPAN), self.max_span)
        ratio = anchor_x / self.width
        self._set(anchor - ratio * span, anchor + (1 - ratio) * span)

    def zoomed(self, factor: float, anchor_x: float) -> tuple[float, float]:
        """The (start, end) a zoom would give, for animating towards it."""
        copy = Viewport(self.lower, self.upper, self.start, self.end, self.width)
        copy.zoom(factor, anchor_x)
        return copy.start, copy.end

    def show(self, start: float, end: float) -> None:
        span = min(max(end - start, MIN_SPAN), self.max_span)
        middle = (start + end) / 2
        self._set(middle - span / 2, middle + span / 2)

    def _set(self, start: float, end: float) -> None:
        span = end - start
        slack = span * 0.08
        if start < self.lower - slack:
            start, end = self.lower - slack, self.lower - slack + span
        if end > self.upper + slack:
            start, end = self.upper + slack - span, self.upper + slack
        self.start, self.end = start, end

    def tick_step(self, min_px: float = 90.0) -> float:
        for step in TICK_STEPS:
            if step * self.px_per_year >= min_px:
                return step
        return TICK_STEPS[-1]

    def ticks(self, min_px: float = 90.0) -> list[float]:
        step = self.tick_step(min_px)
        first = math.ceil(self.start / step) * step
        count = int((self.end - first) / step) + 1
        return [round(first + i * step, 4) for i in range(max(count, 0))]


@dataclass(frozen=True)
class Group:
    """One marker on screen: a single event, or a cluster of `count` events."""

    first: int  # index of the first event in date order
    count: int
    year: float  # where the marker stands


def group_events(starts: np.ndarray, viewport: Viewport, bin_px: float) -> list[Group]:
    """Gather the visible events into bins `bin_px` wide; cost grows with bins, not events."""
    bin_years = bin_px / viewport.px_per_year
    first_bin = math.floor((viewport.start - bin_years) / bin_years)
    last_bin = math.ceil((viewport.end + bin_years) / bin_years)
    edges = np.arange(first_bin, last_bin + 1, dtype=float) * bin_years
    positions = np.searchsorted(starts, edges, side="left")
    counts = np.diff(positions)
    groups = []
    for index in np.nonzero(counts)[0]:
        first, count = int(positions[index]), int(counts[index])
        year = float(starts[first] + starts[first + count - 1]) / 2
        groups.append(Group(first, count, year))
    return groups


@dataclass
class Placement:
    """A card on screen for one event or a stack of several: events [first, first + count)."""

    first: int
    count: int
    left: float
    row: int
    width: float


def place_cards(groups: list[Group], viewport: Viewport, rows: int, card_w: float, stack_w: float, gap: float = 10.0) -> list[Placement]:
    """Lay cards out left to right in the first row with room, so that no two overlap.

    A group that finds no room joins the card before it, which becomes a stack: every event
    stays reachable and the labels never collide, at any zoom and at the screen's edges.
    """
    right_edge = [-math.inf] * rows
    placed: list[Placement] = []
    for group in groups:
        width = card_w if group.count == 1 else stack_w
        left = min(max(viewport.x_of(group.year) - width / 2, 4.0), viewport.width - width - 12.0)
        row = next((r for r in range(rows) if right_edge[r] + gap <= left), -1)
        if row >= 0:
            placed.append(Placement(group.first, group.count, left, row, width))
            right_edge[row] = left + width
        elif placed:
            previous = placed[-1]
            previous.count += group.count
            previous.width = stack_w
    return placed
