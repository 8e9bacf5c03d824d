"""The number a victim is given to call about their case, as 'track my report' shows it."""

import re
from dataclasses import dataclass

from hatecrime.cases.models import Case


@dataclass(frozen=True)
class TrackingContact:
    """Who the person tracking a report can call: their officer once one is assigned, until
    then the Community Safety Unit's team number, with the hours it answers."""

    kind: str  # officer | csu
    name: str
    phone: str
    hours: str = ""


def contact_for_tracking(case: Case) -> TrackingContact | None:
    """The number 'track my report' shows for this case, or None when there is none to show."""
    area = case.area
    officer = case.assigned_officer
    if officer is not None:
        own = officer.direct_phone
        phone = own or area.csu_phone
        if phone:
            return TrackingContact(
                kind="officer",
                name=officer.get_full_name() or officer.get_username(),
                phone=phone,
                hours="" if own else area.csu_hours,
            )
    if area.csu_phone:
        return TrackingContact(
            kind="csu", name=area.name, phone=area.csu_phone, hours=area.csu_hours
        )
    return None


# "Call me", "ring us", "phone me on"...: an update asking the victim to get in touch by phone.
_ASKS_TO_CALL = re.compile(r"\b(call|ring|phone|telephone)\s+(me|us|the\s+team)\b", re.IGNORECASE)


def asks_victim_to_call(text: str) -> bool:
    return bool(_ASKS_TO_CALL.search(text or ""))
