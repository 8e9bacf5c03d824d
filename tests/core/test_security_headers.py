def test_pages_forbid_third_party_origins(client, db):
    response = client.get("/healthz")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "http" not in csp
    assert response["Cache-Control"] == "no-store"


def test_health_check_answers_ok(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
