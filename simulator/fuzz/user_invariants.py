"""The model's own invariants, read over a finished run change by change.

``when`` is read on a record as it was created and after each change of it
in the trace, so a state that automation leaves again at the same moment
counts too. When ``when`` turns true (it was false before, or the record is
new), ``then`` must be true then, after a later change, or at the end of
``within``. A window that reaches past the end of the run is not judged.
Other records a formula reaches through a lookup are read as they stood
at that moment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from simulator.duration import format_duration, format_offset
from simulator.engine.records import Record
from simulator.errors import DefinitionError, RevsimError
from simulator.formula import Formula
from simulator.fuzz.history import HistoryContext, states
from simulator.fuzz.invariant_file import UserInvariant
from simulator.fuzz.invariants import Violation, address
from simulator.fuzz.journey import Check
from simulator.fuzz.observe import Run
from simulator.scenario.model import show

_LITERAL = re.compile(r"\"([^\"]*)\"|'([^']*)'|(?<![\w.])(-?\d+(?:\.\d+)?)(?![\w.])")


def check_user_invariants(run: Run, invariant: UserInvariant) -> Iterator[Violation]:
    for record in run.sim.records:
        if (record.system, record.object) != (invariant.system, invariant.object):
            continue
        violation = _check_record(run, invariant, record)
        if violation is not None:
            yield violation


def _check_record(
    run: Run, invariant: UserInvariant, record: Record
) -> Violation | None:
    """Read ``when`` after each change of the record; judge each time it turns true."""
    taken = states(run.sim.trace, record)
    held_before, judged = False, False
    for position, (moment, state) in enumerate(taken):
        holds = _true(invariant, invariant.when, run, record, moment, state=state)
        becomes = holds and not held_before
        held_before = holds
        if not becomes or (invariant.first_time and judged):
            continue
        judged = True
        deadline = moment + invariant.within
        if deadline > run.scenario.end:
            return None
        window: list[tuple[datetime, dict[str, object] | None]] = [
            (m, s) for m, s in taken[position:] if m <= deadline
        ]
        window.append((deadline, None))  # the settled values at the deadline
        if not any(
            _true(invariant, invariant.then, run, record, m, state=s) for m, s in window
        ):
            before = taken[position - 1][1] if position else {}
            return _violation(run, invariant, record, moment, deadline, before)
    return None


def _true(
    invariant: UserInvariant,
    formula: Formula,
    run: Run,
    record: Record,
    moment: datetime,
    overrides: dict[tuple[str, ...], object] | None = None,
    state: dict[str, object] | None = None,
) -> bool:
    context = HistoryContext(run.sim.records, record, moment, overrides, state)
    try:
        return formula.evaluate(context) is True
    except RevsimError as error:
        raise DefinitionError(
            f"the invariant {invariant.name!r} cannot be read on "
            f"{record.label()} at {format_offset(moment - run.scenario.start)}: "
            f"{error.message}",
            file=invariant.file,
            line=invariant.line,
            fix=error.fix,
        ) from None


def _violation(
    run: Run,
    invariant: UserInvariant,
    record: Record,
    moment: datetime,
    deadline: datetime,
    before: dict[str, object],
) -> Violation:
    context = HistoryContext(run.sim.records, record, deadline)
    paths = sorted(invariant.when.references | invariant.then.references)
    values = ", ".join(
        f"{'.'.join(path)} = {show(context.value(path))}" for path in paths
    )
    within = (
        "at that moment"
        if not invariant.within
        else f"within {format_duration(invariant.within)}"
    )
    message = (
        f"{record.label()}: {invariant.when.text} became true at "
        f"{format_offset(moment - run.scenario.start)}, but "
        f"{invariant.then.text} did not hold {within} ({values})"
    )
    return Violation(
        invariant.key,
        invariant.name,
        moment,
        record.key,
        message,
        _then_check(run, invariant, record, deadline)
        or _when_check(run, invariant, record, moment, before),
    )


def _then_check(
    run: Run, invariant: UserInvariant, record: Record, deadline: datetime
) -> Check | None:
    """A field and a value that would have made ``then`` true at the deadline."""
    for path in sorted(invariant.then.references):
        for candidate in _candidates(invariant.then.text):
            overrides = {path: candidate}
            try:
                made = _true(
                    invariant, invariant.then, run, record, deadline, overrides
                )
            except DefinitionError:
                continue
            if not made:
                continue
            context = HistoryContext(run.sim.records, record, deadline)
            target = context.record_at(path[:-1])
            where = address(run, target) if target is not None else None
            if where is None:
                continue
            return Check(
                {
                    **where,
                    "field": path[-1],
                    "at": deadline - run.scenario.start,
                    "equals": candidate,
                },
                _why(invariant),
            )
    return None


def _when_check(
    run: Run,
    invariant: UserInvariant,
    record: Record,
    moment: datetime,
    before: dict[str, object],
) -> Check | None:
    """``then`` names nothing a check can set (a date difference, say): check
    instead that a field of ``when`` keeps the value it had just before."""
    where = address(run, record)
    if where is None:
        return None
    for path in sorted(invariant.when.references):
        if len(path) != 1 or path[0] not in before:
            continue
        prior = before[path[0]]
        overrides: dict[tuple[str, ...], object] = {path: prior}
        if _true(invariant, invariant.when, run, record, moment, overrides):
            continue
        return Check(
            {
                **where,
                "field": path[0],
                "at": moment - run.scenario.start,
                "equals": prior,
            },
            _why(invariant),
        )
    return None


def _why(invariant: UserInvariant) -> str:
    return (
        f"invariant {invariant.name!r} ({invariant.file}:{invariant.line}):\n"
        f"when {invariant.when.text}\nthen {invariant.then.text}"
    )


def _candidates(text: str) -> list[object]:
    """The literals a formula names, and the blank, true and false."""
    found: list[object] = []
    for match in _LITERAL.finditer(text):
        double, single, number = match.groups()
        if number is not None:
            value = float(number)
            found.append(int(value) if value.is_integer() else value)
        else:
            found.append(double if double is not None else single)
    return [*dict.fromkeys(found), True, False, None]
