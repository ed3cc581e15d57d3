"""The site owner's ``/admin`` page in a real browser (Playwright driving Debian's Chromium)
against a real server with an admin token: questions asked in the chat and the widget show up
with a chart, stored XSS payloads stay text, the pages pass axe-core, the CSV downloads."""

from __future__ import annotations

import csv
import io
import time

import httpx
import pytest

from .conftest import LiveServer
from .test_admin import BEARER, PAYLOADS, TOKEN
from .test_ui import QUESTION, Watched, _ask, _axe_violations, _screenshot, _wait_answers, browser  # noqa: F401


@pytest.fixture(scope="module")
def owner_server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("owner"), {"ASSISTANT_ADMIN_TOKEN": TOKEN}).wait()
    yield live
    live.stop()


def _summary_when(server: LiveServer, done, timeout: float = 30) -> dict:
    """The summary once ``done(summary)`` holds (the question log is written in the background)."""
    deadline = time.time() + timeout
    while True:
        summary = httpx.get(server.url + "/api/admin/summary", headers=BEARER, timeout=60).json()
        if done(summary) or time.time() > deadline:
            return summary
        time.sleep(0.2)


def _sign_in(page, server: LiveServer, token: str = TOKEN) -> None:
    page.goto(server.url + "/admin")
    page.get_by_label("Admin token").fill(token)
    page.get_by_role("button", name="Sign in").click()


def _no_csp_errors(w: Watched) -> None:
    assert not [e for e in w.errors if "Content Security Policy" in e or "Refused" in e], w.errors


def test_owner_sees_chat_and_widget_questions_with_a_chart(owner_server, browser, tmp_path):
    chat = Watched(browser)
    chat.page.goto(owner_server.url)
    _ask(chat.page, QUESTION)
    _wait_answers(chat.page, 1)
    _ask(chat.page, "How do I bake sourdough bread?")
    chat.page.locator(".reply-out-of-scope").first.wait_for(timeout=60_000)
    widget = Watched(browser)
    widget.page.goto(owner_server.url + "/embed/")
    _ask(widget.page, "whats the best way to make a sourdough loaf at home")
    widget.page.locator(".reply-out-of-scope").first.wait_for(timeout=60_000)
    summary = _summary_when(owner_server, lambda s: s["questions"] >= 3)
    assert summary["by_source"] == {"chat": 2, "widget": 1, "api": 0}

    w = Watched(browser, accept_downloads=True)
    page = w.page
    _sign_in(page, owner_server)
    page.get_by_role("heading", name="Not covered by the articles").wait_for()
    assert TOKEN not in page.url and page.url == owner_server.url + "/admin"  # the token is never in a URL
    cookie = next(c for c in page.context.cookies() if c["name"] == "assistant_admin")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and TOKEN not in cookie["value"]

    totals = dict(zip(page.locator(".totals dt").all_inner_texts(), page.locator(".totals dd").all_inner_texts()))
    assert totals["Questions"] == "3" and totals["From the chat"] == "2" and totals["From the widget"] == "1"
    chart = page.get_by_role("img", name="Questions per day by status")
    assert chart.is_visible() and chart.locator("rect.bar").count() == 2  # today: answered, not covered
    assert chart.locator("rect.bar-out_of_scope title").text_content().endswith(": 2 not covered")
    uncovered = page.locator("section", has=page.get_by_role("heading", name="Not covered by the articles"))
    assert uncovered.locator("tbody tr").all_inner_texts() == ["How do I bake sourdough bread?\t2"]
    _screenshot(page, "admin.png")

    # Signed in once: a reload (and a new tab) need no token.
    page.reload()
    page.get_by_role("heading", name="Most cited sections").wait_for()
    # The most cited section opens in the article view, at its anchor.
    page.locator("section", has=page.get_by_role("heading", name="Most cited sections")).get_by_role(
        "link", name="Stretching Without Straining the Back").click()
    page.wait_for_url("**/article/lower-back-pain-and-running#stretching-without-straining-the-back")
    page.go_back()

    # The question log as CSV.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the question log (CSV)").click()
    saved = tmp_path / "log.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text("utf-8-sig"))))
    assert [(r["source"], r["status"]) for r in rows] == [("chat", "answered"), ("chat", "out_of_scope"),
                                                          ("widget", "out_of_scope")]
    assert rows[0]["cited_sections"].startswith("lower-back-pain-and-running#stretching")

    # Another period, then signing out.
    page.get_by_label("Period").select_option("1")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/admin?days=1")
    assert "Today, from" in page.locator(".since").inner_text()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Admin token").wait_for()
    page.goto(owner_server.url + "/admin")
    assert page.get_by_label("Admin token").is_visible()
    assert httpx.get(owner_server.url + "/admin/questions.csv", timeout=60).status_code == 401
    assert w.dialogs == []
    _no_csp_errors(w)


def test_a_wrong_token_is_refused_on_the_page(owner_server, browser):
    w = Watched(browser)
    page = w.page
    with page.expect_response("**/admin/login") as response:
        _sign_in(page, owner_server, "not-the-token-0123456789")
    assert response.value.status == 401
    assert page.get_by_role("alert").inner_text() == "That is not the admin token."
    assert page.get_by_label("Admin token").is_visible() and "not-the-token" not in page.url
    assert all(c["name"] != "assistant_admin" for c in page.context.cookies())


def test_stored_xss_payloads_show_as_text(owner_server, browser):
    """Questions and rated answers are whatever anyone typed or posted: on the page they are text."""
    with httpx.Client(base_url=owner_server.url, timeout=60) as http:
        for payload in PAYLOADS:
            http.post("/api/ask", json={"question": payload})
            http.post("/api/feedback", json={"rating": "down", "question": payload, "answer": payload + " answer",
                                             "citations": [{"n": 1, "document": '"><img src=x onerror=alert(9)>',
                                                            "section": "<b>s</b>", "anchor": "a", "quote": "q"}]})
    _summary_when(owner_server, lambda s: any(u["question"] == PAYLOADS[-1] for u in s["uncovered"]))
    w = Watched(browser)
    page = w.page
    _sign_in(page, owner_server)
    page.get_by_role("heading", name="Thumbs-down answers").wait_for()
    page.wait_for_timeout(500)
    assert w.dialogs == []
    page.locator(".rated .question", has_text=PAYLOADS[0]).first.wait_for()  # shown as typed
    page.get_by_role("cell", name=PAYLOADS[1]).first.wait_for()
    assert page.locator('img[src="x"]').count() == 0 and page.locator("main script").count() == 0
    assert page.locator("svg[onload], [onerror], [onload]").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    _no_csp_errors(w)


def test_admin_pages_pass_an_axe_audit_and_fit_a_phone(owner_server, browser):
    w = Watched(browser)
    page = w.page
    page.goto(owner_server.url + "/admin")
    found = {"sign-in": _axe_violations(page)}
    _sign_in(page, owner_server)
    page.get_by_role("heading", name="Most cited sections").wait_for()
    page.locator("details summary").first.click()  # the per-day numbers, open
    found["dashboard"] = _axe_violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    phone = Watched(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    _sign_in(phone.page, owner_server)
    phone.page.get_by_role("heading", name="Most cited sections").wait_for()
    assert phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    _screenshot(phone.page, "admin-phone.png")
    _no_csp_errors(w)
