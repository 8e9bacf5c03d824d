"""The targeted-community taxonomy's labels, marked for translation (ADR 0700).

The taxonomy lives in the database (core.models.Community, loaded by migration 0007 and refined
by administrators), so makemessages cannot find its words: they are listed here. The public
pages show a label in the page's language when the catalogue has it (core.communities.word);
a label an administrator adds later shows as typed until it is added here and translated.
tests/core/test_community_words.py fails when a label of the loaded taxonomy is missing here.
"""

from django.utils.translation import gettext_noop

LABELS = (
    gettext_noop("East or South East Asian"),
    gettext_noop("Chinese"),
    gettext_noop("Hong Kong"),
    gettext_noop("Vietnamese"),
    gettext_noop("Korean"),
    gettext_noop("Japanese"),
    gettext_noop("Filipino"),
    gettext_noop("Thai"),
    gettext_noop("Malaysian"),
    gettext_noop("Indonesian"),
    gettext_noop("Burmese"),
    gettext_noop("Cambodian"),
    gettext_noop("Other East or South East Asian"),
    gettext_noop("South Asian"),
    gettext_noop("Indian"),
    gettext_noop("Pakistani"),
    gettext_noop("Bangladeshi"),
    gettext_noop("Sri Lankan or Tamil"),
    gettext_noop("Other South Asian"),
    gettext_noop("Black"),
    gettext_noop("African"),
    gettext_noop("Caribbean"),
    gettext_noop("Other Black"),
    gettext_noop("Arab"),
    gettext_noop("Gypsy, Roma and Traveller"),
    gettext_noop("Eastern European"),
    gettext_noop("Polish"),
    gettext_noop("Romanian"),
    gettext_noop("Other Eastern European"),
    gettext_noop("White"),
    gettext_noop("White British"),
    gettext_noop("White Irish"),
    gettext_noop("Other White"),
    gettext_noop("Religion or belief"),
    gettext_noop("Jewish"),
    gettext_noop("Muslim"),
    gettext_noop("Sikh"),
    gettext_noop("Hindu"),
    gettext_noop("Christian"),
    gettext_noop("Other religion or belief"),
    gettext_noop("LGBT+"),
    gettext_noop("Gay men"),
    gettext_noop("Lesbian women"),
    gettext_noop("Bisexual people"),
    gettext_noop("Trans people"),
    gettext_noop("Non-binary people"),
    gettext_noop("Disabled people"),
    gettext_noop("Physical disability"),
    gettext_noop("Learning disability"),
    gettext_noop("Mental health"),
    gettext_noop("Neurodivergent"),
    gettext_noop("Sensory impairment"),
    gettext_noop("Older people"),
    gettext_noop("Other"),
)
