"""Every response carries the security headers; private pages, PDFs and feeds are never cached."""
from tests.conftest import another_app


def test_security_headers_on_public_and_private_pages(client, make_trainer, login):
    public = client.get("/login")
    csp = public.headers["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert public.headers["X-Content-Type-Options"] == "nosniff"
    assert public.headers["Referrer-Policy"] == "same-origin"
    login(client, make_trainer())
    private = client.get("/clients/")
    assert private.headers["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in client.get("/no-such-page").headers


def test_pages_have_no_inline_scripts_or_styles(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer, email="r@example.com")
    login(client, trainer)
    for url in ("/clients/", f"/clients/{runner.id}", f"/clients/{runner.id}/calendar/", "/account/settings"):
        html = client.get(url).text
        assert "<script>" not in html and " style=" not in html and "onclick=" not in html, url


def test_untrusted_host_is_refused(database_url):
    with another_app(database_url, TRUSTED_HOSTS=["coach.example.org"]) as app:
        assert app.test_client().get("/login", headers={"Host": "coach.example.org"}).status_code == 200
        assert app.test_client().get("/login", headers={"Host": "evil.example"}).status_code == 400


def test_oversized_upload_gets_413(client, make_trainer, make_client, login):
    trainer = make_trainer()
    runner = make_client(trainer)
    login(client, trainer)
    big = b"x" * (11 * 1024 * 1024)  # sent as a raw body: the limit is checked before any parsing
    response = client.post(f"/clients/{runner.id}/runs/import", data=big,
                           content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413 and "File too large" in response.text


def test_mailed_links_use_the_configured_base_url_not_the_request_host(database_url, make_trainer, caplog):
    trainer = make_trainer()
    email = trainer.email
    caplog.set_level("WARNING")
    with another_app(database_url, BASE_URL="https://coach.example.org") as app:
        app.test_client().post("/password/forgot", data={"email": email}, headers={"Host": "evil.example"})
    assert "https://coach.example.org/password/reset/" in caplog.text and "evil.example" not in caplog.text


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    assert "max-age=" in client.get("/login", base_url="https://localhost").headers["Strict-Transport-Security"]
