"""The default wording of a decision letter, for each decision the victim can ask to have
reviewed (Victims' Right to Review), translated into every shipped language. An administrator
can replace it per decision and language (cases.models.DecisionLetter); where they have not,
this is what the victim reads on 'track my report'. It says what the decision means, in plain
words, never anything about the case (docs/adr/0812-right-to-review.md)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Keyed by cases.models.DecisionKind values (core cannot import cases).
DEFAULT_LETTERS: dict[str, Promise] = {
    "no_further_action": _(
        "We have decided to take no further action for now. This means no one will be "
        "charged at the moment. If we get new evidence, we can look at your report again."
    ),
    "not_investigated": _(
        "We have decided not to investigate your report. We have kept a record of what you "
        "told us. It helps us keep people in your area safe."
    ),
}
