from django.db import models


class Row(models.Model):
    """One request's body, as a report's row holds its submission."""

    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        app_label = "floor"

    def __str__(self) -> str:
        return str(self.pk)
