"""Browser tests: the real site served on loopback, driven by headless Chromium through Playwright."""
from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.serving import make_server

pytestmark = pytest.mark.browser


def _chromium() -> str:
    path = os.environ.get("COACHSITE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is missing: install it with `sudo apt-get install chromium`.")
    return path


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=_chromium(), headless=True,
            # The machine has no network: keep Chromium from trying to phone home.
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: object, live_server: str) -> Iterator[object]:
    """Each call opens a fresh browser context (its own cookies), like a second person.

    Every page records its console errors; a Content-Security-Policy violation on any page fails
    the test that opened it, so the browser suite proves the policy and the pages agree."""
    contexts = []
    pages = []

    def open_page(width: int = 1280, inject_scripts: bool = False) -> object:
        # inject_scripts: lets a test add tools such as axe-core as inline scripts, which the CSP
        # (rightly) forbids; the pages themselves never need it.
        context = browser.new_context(base_url=live_server, viewport={"width": width, "height": 900},  # type: ignore[attr-defined]
                                      bypass_csp=inject_scripts)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        pages.append(page)
        return page

    yield open_page
    violations = [text for page in pages for text in page.console_errors if "Content Security Policy" in text]
    for context in contexts:
        context.close()
    assert violations == [], f"CSP violations in Chromium: {violations}"
