import json

from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from floor.models import Row


@csrf_exempt
def insert(request: HttpRequest) -> JsonResponse:
    """Parse the JSON body and insert it as one row: the least a report's intake could do."""
    if request.method != "POST":
        return JsonResponse({}, status=405)
    body = json.loads(request.body)
    row = Row.objects.create(body=json.dumps(body), created_at=timezone.now())
    return JsonResponse({"id": row.pk}, status=201)


urlpatterns = [path("insert", insert)]
