"""Victims' Code compliance and victims' feedback, counted for the analyst and the Police and
Crime Commissioner (docs/adr/0821, 0822). Counts only: no case, reference or person is listed.

Compliance counts the cases opened in a period, one state per case per right
(`cases.compliance`), by area, strand and channel. Feedback counts the survey answers of the
period's months by area, strand, channel and the protected characteristics the victims chose to
give (age, disability); it has no key to any case. Every table goes through the packs'
disclosure control (`monitoring.disclosure`): the tables of one breakdown share their row
totals (the same cases), so they are protected together and a total hidden in one is hidden in
all. A case with several strands counts once in each (strand rows add up to more than the
total, as in the Home Office series); every other breakdown adds up to the total.
"""

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from hatecrime.cases.compliance import RIGHTS, STATES, RightState, rights_by_case
from hatecrime.cases.models import Case
from hatecrime.core.models import Area, strand_label
from hatecrime.feedback.models import AgeBand, Answer, Disability, SurveyResponse
from hatecrime.monitoring.disclosure import ProtectedTable, protect_together
from hatecrime.reporting.models import Channel

ALL = ""
NONE_RECORDED = "None recorded"
NOT_GIVEN = "Not given"
NOT_ANSWERED = "not_answered"
ANSWERS = (*Answer.values, NOT_ANSWERED)
ANSWER_LABELS = {**{a.value: str(a.label) for a in Answer}, NOT_ANSWERED: "Not answered"}
QUESTIONS = (
    ("kept_informed", "Kept informed"),
    ("treated_with_respect", "Treated with respect"),
    ("would_report_again", "Would report again"),
)


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date

    @classmethod
    def last_month(cls, today: dt.date | None = None) -> "Period":
        today = today or timezone.localdate()
        last = today.replace(day=1) - dt.timedelta(days=1)
        return cls(last.replace(day=1), last)


@dataclass
class Block:
    """One measure by one breakdown, protected: a row per group, a column per state."""

    breakdown: str
    measure: str
    groups: list[str]
    columns: list[str]
    table: ProtectedTable

    def rows(self) -> list[list[str]]:
        out = [
            [
                group,
                self.table.row_total(i),
                *(self.table.cell(i, j) for j in range(len(self.columns))),
            ]
            for i, group in enumerate(self.groups)
        ]
        if self.groups:
            totals = [self.table.column_total(j) for j in range(len(self.columns))]
            out.append(["Total", self.table.grand(), *totals])
        return out


@dataclass
class Section:
    title: str
    unit: str  # what a row total counts: cases, responses
    blocks: list[Block]


# A breakdown: its name and, for one item, the groups it falls in.
Breakdown = tuple[str, Callable[[dict[str, Any]], list[str]]]


def _strands(item: dict[str, Any]) -> list[str]:
    return [strand_label(code) for code in item["strands"] or []] or [NONE_RECORDED]


def _channel(item: dict[str, Any]) -> list[str]:
    labels = dict(Channel.choices)
    return [str(labels.get(item["channel"], item["channel"]))]


CASE_BREAKDOWNS: tuple[Breakdown, ...] = (
    ("Area", lambda item: [item["area"]]),
    ("Strand", _strands),
    ("Channel", _channel),
)


def _label(choices: Any, value: str) -> str:
    return str(dict(choices).get(value, value)) if value else NOT_GIVEN


FEEDBACK_BREAKDOWNS: tuple[Breakdown, ...] = (
    *CASE_BREAKDOWNS,
    ("Age", lambda item: [_label(AgeBand.choices, item["age_band"])]),
    ("Disability", lambda item: [_label(Disability.choices, item["disability"])]),
)


def _blocks(
    items: list[dict[str, Any]],
    breakdowns: Iterable[Breakdown],
    measures: Iterable[tuple[str, str]],
    states: tuple[str, ...],
    state_of: Callable[[dict[str, Any], str], str],
    labels: list[str],
) -> list[Block]:
    measures = list(measures)
    blocks = []
    for breakdown, groups_of in breakdowns:
        groups = sorted({group for item in items for group in groups_of(item)})
        if not groups:
            continue
        index = {group: i for i, group in enumerate(groups)}
        tables = [[[0] * len(states) for _ in groups] for _ in measures]
        for item in items:
            for group in groups_of(item):
                for k, (measure, _name) in enumerate(measures):
                    tables[k][index[group]][states.index(state_of(item, measure))] += 1
        blocks += [
            Block(breakdown, name, groups, labels, table)
            for (_measure, name), table in zip(measures, protect_together(tables), strict=True)
        ]
    return blocks


def _cases(period: Period, area: str) -> list[dict[str, Any]]:
    start = timezone.make_aware(dt.datetime.combine(period.first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(period.last + dt.timedelta(days=1), dt.time.min))
    cases = Case.objects.filter(opened_at__gte=start, opened_at__lt=end)
    if area:
        cases = cases.filter(area__slug=area)
    return [
        {"id": pk, "area": name, "strands": strands, "channel": channel}
        for pk, name, strands, channel in cases.values_list(
            "pk", "area__name", "strands", "report__channel"
        )
    ]


def compliance_section(period: Period, area: str = ALL, now: dt.datetime | None = None) -> Section:
    items = _cases(period, area)
    rights = rights_by_case([item["id"] for item in items], now)
    blocks = _blocks(
        items,
        CASE_BREAKDOWNS,
        [(right.code, right.name) for right in RIGHTS],
        STATES,
        lambda item, code: rights[item["id"]][code],
        [str(RightState(state).label) for state in STATES],
    )
    return Section("Victims' Code compliance", "Cases", blocks)


def _responses(period: Period, area: str) -> list[dict[str, Any]]:
    names = dict(Area.objects.values_list("slug", "name"))
    responses = SurveyResponse.objects.filter(
        month__gte=period.first.replace(day=1), month__lte=period.last
    )
    if area:
        responses = responses.filter(area=area)
    fields = ("area", "strands", "channel", "age_band", "disability", *(q for q, _ in QUESTIONS))
    return [
        {**row, "area": names.get(row["area"], row["area"])} for row in responses.values(*fields)
    ]


def feedback_section(period: Period, area: str = ALL) -> Section:
    blocks = _blocks(
        _responses(period, area),
        FEEDBACK_BREAKDOWNS,
        QUESTIONS,
        ANSWERS,
        lambda item, question: item[question] or NOT_ANSWERED,
        [ANSWER_LABELS[answer] for answer in ANSWERS],
    )
    return Section("Victims' feedback", "Responses", blocks)


def compliance_csv(period: Period, area: str = ALL, now: dt.datetime | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Period", period.first.isoformat(), period.last.isoformat()])
    writer.writerow(["Area", area or "All areas"])
    writer.writerow(
        ["Counts of 1 to 4 are shown as 'fewer than 5'; [x] hides a figure that could reveal one."]
    )
    for section in (compliance_section(period, area, now), feedback_section(period, area)):
        writer.writerow([])
        writer.writerow([section.title])
        for block in section.blocks:
            writer.writerow(["Breakdown", "Measure", "Group", section.unit, *block.columns])
            for row in block.rows():
                writer.writerow([block.breakdown, block.measure, *row])
    return out.getvalue()
