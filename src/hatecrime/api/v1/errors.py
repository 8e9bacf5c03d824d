"""One error shape for the whole API: {"errors": {field: [messages]}} or {"detail": "..."}.

Nothing the API does may answer a bare 500: an unexpected error is logged and answered with a
JSON 503 that tells the person the other ways to report.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from hatecrime.core.views import unavailable_body

logger = logging.getLogger("hatecrime.api")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        errors = detail if isinstance(detail, dict) else {"": detail}
        return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.ParseError):
        # parsing.JSONParser gives field errors; DRF's own parse errors are one message.
        if isinstance(exc.detail, dict):
            return Response({"errors": exc.detail}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"errors": {"": [str(exc.detail)]}}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return Response(
            {"errors": {"": [f"The body must be {limit:,} bytes or smaller"]}},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    logger.exception("unexpected error in the API", exc_info=exc)
    return Response(
        unavailable_body("The service could not handle this request. Nothing was stored."),
        status=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": "30"},
    )
