"""Input and output shapes of the staff case API (validation of types only: the rules live in
the actions, whose field errors come back as 400s)."""

from typing import Any

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from hatecrime.cases.models import (
    Classification,
    ContactMethod,
    ContactPerson,
    DecisionKind,
    Outcome,
    PoliceActionWish,
    StatementStatus,
)
from hatecrime.core import languages
from hatecrime.core.models import Community


class CaseSummaryOut(serializers.Serializer):
    reference = serializers.CharField(source="report.reference")
    area = serializers.CharField(source="area.slug")
    status = serializers.CharField()
    version = serializers.IntegerField()
    opened_at = serializers.DateTimeField()
    first_contact_due_at = serializers.DateTimeField(allow_null=True)
    first_contact_made_at = serializers.DateTimeField(allow_null=True)
    risk_level = serializers.CharField()
    priority = serializers.CharField()
    assigned_officer = serializers.SerializerMethodField()
    language = serializers.CharField(
        source="report.language", help_text="The language the report was made in (e.g. vi)"
    )
    language_name = serializers.SerializerMethodField(
        help_text='That language for staff, e.g. "Vietnamese (Tiếng Việt)"'
    )
    may_need_translating = serializers.SerializerMethodField(
        help_text="What the person wrote is in another language than English: it is kept "
        "exactly as written and may need translating"
    )
    interpreter_language = serializers.CharField(
        help_text="The interpreter the victim needs (asked for in the report, or assessed)"
    )
    message_language = serializers.CharField(
        source="report.language_for_messages",
        help_text="The language messages to the person who reported it or the victim are sent "
        "in: the report's, or the one chosen later on track my report",
    )
    reporting_centre = serializers.CharField(
        source="report.reporting_centre",
        allow_null=True,
        help_text="The reporting centre whose token sent the report (its name), else null",
    )
    crime_number = serializers.CharField(
        help_text="The force's crime number (blank until recorded)"
    )
    crime_classification = serializers.CharField(
        help_text="The classification the force's crime recording system gave the crime"
    )

    def get_assigned_officer(self, case: Any) -> str | None:
        return case.assigned_officer.get_username() if case.assigned_officer else None

    def get_language_name(self, case: Any) -> str:
        return languages.for_staff(case.report.language)

    def get_may_need_translating(self, case: Any) -> bool:
        return languages.may_need_translating(case.report.language)


class ClockOut(serializers.Serializer):
    code = serializers.CharField(source="clock.rule.code")
    name = serializers.CharField(source="clock.rule.name")
    subject = serializers.CharField(source="clock.subject")
    started_at = serializers.DateTimeField(source="clock.started_at")
    due_at = serializers.DateTimeField(source="clock.due_at")
    stopped_at = serializers.DateTimeField(source="clock.stopped_at", allow_null=True)
    state = serializers.CharField(
        help_text="met, missed, not_met, not_applicable, overdue, due_today or running"
    )
    stop_reason = serializers.CharField(
        source="clock.stop_reason",
        help_text="Why it stopped without what it measures happening (empty otherwise)",
    )
    stop_reason_text = serializers.CharField(source="clock.get_stop_reason_display")


class ContactOut(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.CharField(help_text="victim, reporter, or blank (not recorded)")
    method = serializers.CharField()
    made = serializers.BooleanField()
    with_interpreter = serializers.BooleanField()
    voicemail_left = serializers.BooleanField()
    outcome = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    outside_safe_times = serializers.BooleanField()


class DecisionOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    reasons = serializers.CharField()
    decided_at = serializers.DateTimeField()
    victim_told_at = serializers.DateTimeField(allow_null=True)
    victim_told_how = serializers.CharField()


class UpdateOut(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    method = serializers.CharField()
    given_at = serializers.DateTimeField()
    shared_at = serializers.DateTimeField(allow_null=True)


class AdditionFileOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class AdditionOut(serializers.Serializer):
    kind = serializers.CharField()
    text = serializers.CharField()
    added_at = serializers.DateTimeField()
    files = AdditionFileOut(many=True, source="evidence.all")


class ReferralOut(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.name")
    status = serializers.CharField()
    sent_at = serializers.DateTimeField()
    responded_at = serializers.DateTimeField(allow_null=True)


class ClosureOut(serializers.Serializer):
    id = serializers.IntegerField()
    outcome = serializers.CharField()
    reason = serializers.CharField()
    needs_review = serializers.BooleanField()
    proposed_at = serializers.DateTimeField()
    proposed_by = serializers.CharField(source="proposed_by.username")
    told_in_contact = serializers.IntegerField(source="told_in_contact_id", allow_null=True)
    told_of_right_to_review = serializers.BooleanField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    reviewed_by = serializers.CharField(source="reviewed_by.username", allow_null=True)
    approved = serializers.BooleanField(allow_null=True)
    review_note = serializers.CharField()


class SafeContactOut(serializers.Serializer):
    stated = serializers.BooleanField()
    person = serializers.CharField(
        help_text="Whom these answers describe: victim or reporter (the person to contact)"
    )
    victim_contactable = serializers.BooleanField()
    victim_not_contactable = serializers.CharField(
        help_text="Why the victim must not be contacted (blank when they may be)"
    )
    methods = serializers.ListField(child=serializers.CharField())
    safe_days = serializers.CharField()
    safe_from = serializers.CharField()
    safe_until = serializers.CharField()
    safe_times = serializers.CharField()
    voicemail_safe = serializers.BooleanField()
    letter_safe = serializers.BooleanField()


class TriageOut(serializers.Serializer):
    triaged_at = serializers.DateTimeField(allow_null=True)
    classification = serializers.CharField()
    strands = serializers.ListField(child=serializers.CharField())
    targeted_communities = serializers.ListField(
        child=serializers.CharField(), help_text="Codes of GET /api/v1/communities"
    )
    targeted_community_other = serializers.CharField()
    online_route = serializers.CharField()
    risk_level = serializers.CharField()
    priority = serializers.CharField()
    notes = serializers.CharField(source="triage_notes")


class NeedsOut(serializers.Serializer):
    """The needs assessment (Victims' Code Right 4); null where not asked yet."""

    assessed_at = serializers.DateTimeField(source="needs_assessed_at", allow_null=True)
    interpreter_language = serializers.CharField()
    accessibility_needs = serializers.CharField()
    wants_police_action = serializers.ChoiceField(
        choices=PoliceActionWish.choices, allow_blank=True
    )
    arrest_wishes = serializers.CharField()
    worried_about_reprisals = serializers.BooleanField(allow_null=True)
    update_method = serializers.ChoiceField(choices=ContactMethod.choices, allow_blank=True)
    update_every_days = serializers.IntegerField()
    enhanced_rights = serializers.BooleanField()
    persistently_targeted = serializers.BooleanField()
    vulnerable_or_intimidated = serializers.BooleanField()


class StatementsOut(serializers.Serializer):
    """Witness statement and Victim Personal Statement (Right 7)."""

    statement = serializers.ChoiceField(choices=StatementStatus.choices)
    personal_statement = serializers.ChoiceField(choices=StatementStatus.choices)


class EvidenceOut(serializers.Serializer):
    """An evidence file: `url` returns it (audited); add `?download=1` to have it as a download."""

    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    metadata_removed = serializers.BooleanField()
    url = serializers.SerializerMethodField()

    def get_url(self, evidence: Any) -> str:
        return f"/api/v1/cases/{evidence.report.reference}/evidence/{evidence.pk}"


class MoveOut(serializers.Serializer):
    """A move of the case to another area, and the reason given for it."""

    from_area = serializers.CharField(source="from_area.slug")
    to_area = serializers.CharField(source="to_area.slug")
    reason = serializers.CharField()
    moved_at = serializers.DateTimeField()
    moved_by = serializers.CharField(source="moved_by.username")


class RightToReviewOut(serializers.Serializer):
    """A decision the victim can ask to have reviewed (Victims' Right to Review) and its
    review: asked (from tracking or recorded by staff), acknowledged, decided by a supervisor
    not involved in the decision."""

    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="no_further_action or not_investigated")
    decided_at = serializers.DateTimeField()
    decided_by = serializers.CharField(source="decided_by.username")
    approved_by = serializers.CharField(source="approved_by.username", allow_null=True)
    ask_by = serializers.DateTimeField()
    notice = serializers.CharField(help_text="What became of the message telling the victim")
    requested_at = serializers.DateTimeField(allow_null=True)
    requested_via = serializers.CharField(help_text="tracking, staff, or blank")
    request_text = serializers.CharField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    result = serializers.CharField(help_text="upheld, overturned, or blank")
    result_at = serializers.DateTimeField(allow_null=True)
    reviewed_by = serializers.CharField(source="reviewed_by.username", allow_null=True)
    result_reasons = serializers.CharField()
    next_steps = serializers.CharField(help_text="What the victim reads on tracking")


class CaseDetailOut(serializers.Serializer):
    case = CaseSummaryOut()
    victim = serializers.DictField(help_text="The victim's details as far as the report gives them")
    reporter = serializers.DictField(
        help_text="For a witness or someone reporting for the victim: their own details, "
        "relationship and organisation ({} when the victim reported it)"
    )
    reporter_role = serializers.CharField()
    what_happened = serializers.CharField()
    safe_contact = SafeContactOut()
    triage = TriageOut(source="case")
    needs = NeedsOut(source="case")
    statements = StatementsOut(source="case")
    evidence = EvidenceOut(many=True)
    first_contact_overdue = serializers.BooleanField()
    clocks = ClockOut(many=True)
    contacts = ContactOut(many=True)
    decisions = DecisionOut(many=True)
    updates = UpdateOut(many=True)
    additions = AdditionOut(many=True)
    referrals = ReferralOut(many=True)
    closures = ClosureOut(many=True)
    moves = MoveOut(many=True)
    rights_to_review = RightToReviewOut(many=True)
    reported_person_data_removed = serializers.SerializerMethodField(
        help_text="When and by whom the data of the person reported about was removed (the NCHI "
        "personal-data test was not met), or null"
    )

    def get_reported_person_data_removed(self, detail: Any) -> dict[str, Any] | None:
        case = detail.case
        if case.reported_person_data_removed_at is None:
            return None
        by = case.reported_person_data_removed_by
        return {
            "at": serializers.DateTimeField().to_representation(
                case.reported_person_data_removed_at
            ),
            "by": by.get_username() if by else None,
        }


class VersionIn(serializers.Serializer):
    expected_version = serializers.IntegerField(min_value=1)


class TriageIn(VersionIn):
    strands = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    classification = serializers.ChoiceField(choices=Classification.choices)
    not_trivial_irrational_or_malicious = serializers.BooleanField(
        required=False, allow_null=True, default=None
    )
    basis_for_hostility = serializers.BooleanField(required=False, allow_null=True, default=None)
    personal_data_threshold_met = serializers.BooleanField(
        required=False, allow_null=True, default=None
    )
    online_route = serializers.CharField(default="not_online")
    risk_level = serializers.CharField()
    repeat_victimisation = serializers.BooleanField(default=False)
    vulnerability = serializers.BooleanField(default=False)
    escalation = serializers.BooleanField(default=False)
    priority = serializers.CharField(default="routine")
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)


class CommunitiesIn(VersionIn):
    """Codes of GET /api/v1/communities (the action checks them, with the page's messages)."""

    communities = serializers.ListField(
        child=serializers.CharField(max_length=Community.CODE_LENGTH), allow_empty=True
    )
    other = serializers.CharField(required=False, allow_blank=True, default="")


class AssignIn(VersionIn):
    officer = serializers.CharField(help_text="The officer's username")


class ContactIn(VersionIn):
    # Defaults to the victim for clients written before a reporter could be contacted.
    person = serializers.ChoiceField(choices=ContactPerson.choices, default=ContactPerson.VICTIM)
    method = serializers.ChoiceField(choices=ContactMethod.choices)
    made = serializers.BooleanField()
    with_interpreter = serializers.BooleanField(default=False)
    voicemail_left = serializers.BooleanField(default=False)
    outcome = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    confirm_outside_safe_times = serializers.BooleanField(
        default=False,
        help_text="Required true to record a contact outside the times the person said are safe",
    )


class DecisionIn(VersionIn):
    kind = serializers.ChoiceField(choices=DecisionKind.choices)
    reasons = serializers.CharField(max_length=5000)
    decided_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class UpdateIn(VersionIn):
    text = serializers.CharField(max_length=5000)
    method = serializers.ChoiceField(choices=ContactMethod.choices)
    share_on_tracking = serializers.BooleanField(default=False)
    asks_to_call = serializers.BooleanField(
        default=False,
        help_text="The update asks the victim to call: refused on tracking with no number shown.",
    )


class CrimeNumberIn(VersionIn):
    crime_number = serializers.CharField(
        allow_blank=True,
        max_length=40,
        help_text="In the format the administrator set (GET /staff/cases/crime-number-format/); "
        "blank clears it",
    )
    classification = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )


class ReferIn(VersionIn):
    organisation = serializers.IntegerField()


class CloseIn(VersionIn):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    reason = serializers.CharField(max_length=5000)
    told_in_contact = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The id of the recorded contact in which the victim was told the outcome",
    )
    told_of_right_to_review = serializers.BooleanField(default=False)


class ReviewClosureIn(VersionIn):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class ConflictOut(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField(allow_null=True)


# Built, not declared: a field named `errors` would hide the serializer's own `errors`.
ErrorsOut = inline_serializer(
    name="ErrorsOut",
    fields={
        "errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    },
)
