"""The keyed blind indexes that staff case search matches on (docs/adr/0451-case-search.md)."""

from django.db import models

from .case import Case


class CaseSearchKey(models.Model):
    """A keyed hash of one normalised value in a case's report (a name or one of its words, a
    phone number, an email address, a postcode, a suspect's handle): search matches hashes, so
    the encrypted table is never decrypted to search it. Separate from `CaseIdentifier` (which
    links reports), so that a shared first name never suggests a link."""

    # The unique (case, kind, digest) constraint's index serves deleting a case's keys.
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="search_keys", db_index=False
    )
    # The case's area, kept with it (set when indexing, changed when the case moves), so that a
    # search reads only the searcher's areas' matches through (digest, area), not the nation's
    # (docs/adr/0790-national-scale.md). Areas are deactivated, not deleted: no index of its own.
    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=32)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["digest", "area"], name="case_search_digest_area")]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "digest"], name="case_search_key_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} of case {self.case_id}"
