"""The chat and the widget in a real browser: Playwright driving Debian's Chromium against a real
server (``python app.py`` on a free loopback port, see ``conftest.LiveServer``)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from hypothesis import given, strategies as st

from assistant.web.ui import chunks_of, history_turns, text_of, user_bubble, user_text

from .conftest import ROOT, free_port, stored_feedback

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
QUESTION = "How long should I hold the knee to chest stretch?"


def test_history_from_browser_and_api_shapes():
    history = [
        {"role": "user", "content": [{"type": "text", "text": "shoes for flat feet?"}]},
        {"role": "assistant", "content": "Choose motion control [1]"},
        {"role": "assistant", "content": "quotes", "metadata": {"title": "Sources"}},
    ]
    assert history_turns(history) == [
        {"role": "user", "content": "shoes for flat feet?"},
        {"role": "assistant", "content": "Choose motion control [1]"},
    ]
    assert text_of({"text": "hi"}) == "hi" and text_of(None) == ""


def test_streaming_prefixes_end_with_the_whole_answer():
    text = "word " * 50
    parts = list(chunks_of(text))
    assert parts[-1] == text and all(text.startswith(p) for p in parts) and len(parts) > 3


@given(st.text())
def test_user_bubble_escapes_and_round_trips(text):
    bubble = user_bubble(text)
    assert "<" not in bubble and user_text(bubble) == text
    assert history_turns([{"role": "user", "content": bubble}]) == [{"role": "user", "content": text}]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: the test set-up installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


class Watched:
    """A page with its dialogs and console errors recorded."""

    def __init__(self, browser, **options) -> None:
        self.page = browser.new_page(**options)
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)


def _ask(scope, question: str) -> None:
    box = scope.get_by_role("textbox", name="Your question")
    box.fill(question)
    box.press("Enter")


def _wait_answers(page, n: int) -> None:
    """Until the n-th answer has finished streaming (its feedback buttons appear when done)."""
    page.get_by_role("button", name="Like", exact=True).nth(n - 1).wait_for(timeout=60_000)


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_chat_streams_cites_opens_article_follows_up_and_stores_feedback(server, browser):
    w = Watched(browser)
    page = w.page
    page.goto(server.url)
    page.get_by_text("When to get help now").wait_for()
    # Record how the answer's text grows, to see it stream.
    page.evaluate("""() => { window.__lengths = [];
        new MutationObserver(() => { const b = document.querySelectorAll('[data-testid="bot"]');
          if (b.length) window.__lengths.push(b[0].innerText.length); })
        .observe(document.body, {subtree: true, childList: true, characterData: true}); }""")
    _ask(page, QUESTION)
    bot = page.locator('[data-testid="bot"]').first
    bot.get_by_text("20 seconds").wait_for(timeout=60_000)
    _wait_answers(page, 1)
    assert len(set(page.evaluate("window.__lengths"))) > 2, "the answer did not stream"
    assert page.get_by_text("Sources").first.is_visible()

    # The citation opens the article with the cited sentence highlighted.
    link = bot.get_by_role("link", name="[1]").first  # each quoted sentence has its marker
    with page.expect_popup() as popup:
        link.click()
    article = popup.value
    article.wait_for_load_state()
    mark = article.locator("mark#cited")
    assert "hold for around 20 seconds" in mark.inner_text() and mark.is_visible()
    assert "Stretching Without Straining the Back" in article.locator(".notice").inner_text()
    article.close()

    # A follow-up that only makes sense with the previous question.
    _ask(page, "I have flat feet, which running shoes should I buy?")
    _wait_answers(page, 2)
    _ask(page, "and what about high arches?")
    _wait_answers(page, 3)
    answers = [t for t in page.locator('[data-testid="bot"]').all_inner_texts() if t.strip() != "Sources"]
    assert "cushioned running shoes" in answers[-1] and "[1]" in answers[-1]

    # Thumbs up on the first answer is stored with its question, answer and citations.
    before = len(stored_feedback(server))
    page.get_by_role("button", name="Like", exact=True).first.click()
    for _ in range(50):
        if len(stored_feedback(server)) > before:
            break
        page.wait_for_timeout(100)
    record = stored_feedback(server)[-1]
    assert record.rating == "up" and record.question == QUESTION and record.source == "chat"
    assert record.citations[0]["anchor"] == "stretching-without-straining-the-back"
    _screenshot(page, "chat.png")
    assert w.dialogs == []
    assert not [e for e in w.errors if "Content Security Policy" in e], w.errors


def test_emergency_and_out_of_scope_replies(server, browser):
    w = Watched(browser)
    page = w.page
    page.goto(server.url)
    _ask(page, "My back hurts and I suddenly can't feel my groin and I wet myself")
    urgent = page.locator(".reply-urgent")
    urgent.get_by_text("emergency", exact=False).first.wait_for(timeout=60_000)
    assert urgent.first.get_attribute("role") == "alert"
    _wait_answers(page, 1)
    _ask(page, "How do I bake sourdough bread?")
    refusal = page.locator(".reply-out-of-scope")
    refusal.get_by_text("don't cover").wait_for(timeout=60_000)
    refusal.get_by_text("I have flat feet, which running shoes should I buy?").wait_for(timeout=60_000)
    _wait_answers(page, 2)
    _ask(page, "thanks, that's helpful!")  # small talk: a reply of its own, no quote, no refusal
    page.locator('[data-testid="bot"]').nth(2).get_by_text("You're welcome", exact=False).wait_for(timeout=60_000)
    assert page.locator(".reply-out-of-scope").count() == 1
    _wait_answers(page, 3)
    _ask(page, "what are your sources?")  # the articles, each linked to the chat's own article view
    link = page.locator('[data-testid="bot"]').nth(3).get_by_role("link", name="Lower Back Pain and Running")
    link.wait_for(timeout=60_000)
    with page.expect_popup() as popup:
        link.click()
    article = popup.value
    article.wait_for_load_state()
    assert "/article/lower-back-pain-and-running" in article.url
    assert "Stretching Without Straining the Back" in article.content()
    article.close()
    _screenshot(page, "safety.png")


def test_chat_questions_are_rate_limited_per_client(tmp_path, browser):
    from .conftest import LiveServer

    live = LiveServer(tmp_path, {"ASSISTANT_RATE_LIMIT": "2/minute"}).wait()
    try:
        page = Watched(browser).page
        page.goto(live.url)
        for n in (1, 2):
            _ask(page, QUESTION)
            _wait_answers(page, n)
        _ask(page, QUESTION)
        page.get_by_text("faster than this chat allows").wait_for(timeout=60_000)
        assert "Please wait" in page.locator('[data-testid="bot"]').last.inner_text()
    finally:
        live.stop()


def test_xss_payloads_show_as_text(server, browser):
    w = Watched(browser)
    page = w.page
    page.goto(server.url)
    payloads = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>running shoes',
                '[click](javascript:alert(3)) <svg onload=alert(4)>', "# Big **bold** | a | b |\n```"]
    for n, payload in enumerate(payloads, start=1):
        _ask(page, payload)
        page.locator('[data-testid="bot"]').nth(n - 1).wait_for(timeout=60_000)
        page.wait_for_timeout(500)
    page.wait_for_timeout(1000)
    assert w.dialogs == []
    page.get_by_text("<img src=x onerror=alert(1)>").first.wait_for()
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("script:has-text('alert(2)')").count() == 0
    assert page.locator("svg[onload]").count() == 0 and page.locator('a[href^="javascript"]').count() == 0
    user = page.locator('[data-testid="user"]').nth(3)
    assert "# Big **bold** | a | b |" in user.inner_text()  # Markdown shows as typed
    assert user.locator("h1, strong, table, code").count() == 0


def _axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [f"{v['impact']} {v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


def test_pages_pass_an_axe_accessibility_audit(server, browser):
    """axe-core (bundled, offline): no serious or critical violations on any page we serve."""
    w = Watched(browser)
    page = w.page
    page.goto(server.url)
    _ask(page, "What stretches can I do for lower back pain?")
    _wait_answers(page, 1)
    found = {"/": _axe_violations(page)}
    for path in ("/embed/", "/widget-demo", "/article/", "/article/lower-back-pain-and-running?q=Do%20one%20knee"
                 "%20at%20a%20time%20and%20hold%20for%20around%2020%20seconds.#cited"):
        page.goto(server.url + path)
        if path == "/embed/":
            page.get_by_role("textbox", name="Your question").wait_for()
        found[path] = _axe_violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert not [e for e in w.errors if "Content Security Policy" in e], w.errors


def test_phone_viewport_and_keyboard_only(server, browser):
    w = Watched(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = w.page
    page.goto(server.url)
    box = page.get_by_role("textbox", name="Your question")
    box.wait_for()
    # Everything can be reached and used from the keyboard: the box has the focus on load.
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'TEXTAREA'")
    page.keyboard.type("   ")
    page.keyboard.press("Enter")  # an empty question is ignored, not answered
    page.wait_for_timeout(1000)
    assert page.locator('[data-testid="user"], [data-testid="bot"]').count() == 0
    page.keyboard.type("What posture should I keep while running?")
    page.keyboard.press("Enter")
    _wait_answers(page, 1)
    assert "neutral spine" in page.locator('[data-testid="bot"]').first.inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the phone screen"
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('button, a, textarea, input')]
        .filter(e => e.offsetParent !== null && !e.closest('[inert], [aria-hidden="true"]'))
        .filter(e => !(e.getAttribute('aria-label') || e.innerText.trim() || e.title
                       || (e.labels && e.labels.length) || e.getAttribute('aria-labelledby')))
        .map(e => e.outerHTML.slice(0, 120))""")
    assert unlabelled == []
    _screenshot(page, "chat-phone.png")


# ----------------------------------------------------------------------------- the widget


HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Runners' club</title>
<style>
  button {{ background: red !important; font-size: 40px !important; }}
  iframe {{ border: 10px solid lime !important; }}
  h1 {{ color: rgb(1, 2, 3); margin: 40px; }}
</style></head>
<body>
<h1 id="club">Runners' club</h1>
<p id="own">Our own page content.</p>
<script src="{server}/widget.js" data-title="Ask about back pain" data-color="#0f766e" data-position="left" defer></script>
</body></html>
"""


@pytest.fixture(scope="module")
def host_page(server, tmp_path_factory):
    """A plain page on another origin (another port) with the one-line snippet."""
    folder = tmp_path_factory.mktemp("host")
    (folder / "index.html").write_text(HOST_PAGE.format(server=server.url), "utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
    httpd.shutdown()


def test_widget_on_another_origin_with_keyboard(server, host_page, browser):
    w = Watched(browser)
    page = w.page
    page.goto(host_page)
    heading = page.locator("#club")
    layout_before = heading.bounding_box()
    launcher = page.get_by_role("button", name="Open chat: Ask about back pain")
    launcher.wait_for()
    assert launcher.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(15, 118, 110)"
    box = launcher.bounding_box()
    assert box["x"] < 100, "data-position=left puts the button on the left"

    page.keyboard.press("Tab")  # keyboard only: Tab to the button, Enter opens
    page.keyboard.press("Enter")
    frame = page.frame_locator('iframe[title="Chat: Ask about back pain"]')
    frame.get_by_role("textbox", name="Your question").wait_for(timeout=60_000)
    frame.locator("textarea:focus").wait_for(timeout=30_000)
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    answer = frame.locator('[data-testid="bot"]').first
    answer.get_by_text("20 seconds").wait_for(timeout=60_000)
    assert answer.get_by_role("link", name="[1]").first.get_attribute("href").startswith("/article/")
    frame.get_by_text("Get help now").wait_for()
    frame.get_by_role("button", name="Like", exact=True).first.wait_for(timeout=60_000)
    _screenshot(page, "widget.png")

    # The host page is untouched: its content, styles and layout.
    assert page.locator("#own").inner_text() == "Our own page content."
    assert heading.evaluate("e => getComputedStyle(e).color") == "rgb(1, 2, 3)"
    assert heading.bounding_box() == layout_before
    frame_border = page.locator("[data-backpain-chat] iframe").evaluate("e => getComputedStyle(e).borderTopWidth")
    assert frame_border == "0px", "the host page's CSS must not reach into the widget"

    # Escape (focus inside the chat frame) closes the panel and gives the focus back to the button.
    page.keyboard.press("Escape")
    page.locator("[data-backpain-chat] .panel").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.shadowRoot.activeElement.className") == "launcher"
    assert launcher.get_attribute("aria-expanded") == "false"
    page.get_by_role("button", name="Open chat: Ask about back pain").click()
    page.get_by_role("button", name="Close chat", exact=True).click()
    page.locator("[data-backpain-chat] .panel").wait_for(state="hidden")
    assert w.dialogs == []
    assert not [e for e in w.errors if "Content Security Policy" in e], w.errors


def test_widget_demo_page_is_served(server, browser):
    w = Watched(browser)
    page = w.page
    page.goto(server.url + "/widget-demo")
    assert server.url in page.locator("#origin").inner_text()
    page.get_by_role("button", name="Open chat: Back pain & running").click()
    page.frame_locator("[data-backpain-chat] iframe").get_by_role("textbox", name="Your question").wait_for(
        timeout=60_000)
    assert not [e for e in w.errors if "Content Security Policy" in e], w.errors
