"""The chat in a real browser: a real server started on a free loopback port, driven by
Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.web.ui import chunks_of, history_turns, text_of

from .conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(tmp_path_factory.mktemp("ui-index")),
           "GRADIO_ANALYTICS_ENABLED": "False"}
    log = open(tmp_path_factory.mktemp("ui-log") / "server.log", "w+")
    proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"server exited: {log.read()}")
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("server did not start in 180 s")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


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


def _ask(page, question: str) -> None:
    box = page.get_by_role("textbox", name="Your question")
    box.fill(question)
    box.press("Enter")


def test_chat_answers_with_citation_and_follow_up(server, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server)
    page.get_by_text("When to get help now").wait_for()
    _ask(page, "How long should I hold the knee to chest stretch?")
    bot = page.locator('[data-testid="bot"]').first
    bot.get_by_text("20 seconds").wait_for(timeout=60_000)
    page.get_by_text("Sources").first.wait_for(timeout=60_000)
    assert "[1]" in bot.inner_text()
    _ask(page, "I have flat feet, which running shoes should I buy?")
    page.get_by_text("motion control").first.wait_for(timeout=60_000)
    bots = page.locator('[data-testid="bot"]')
    before = bots.count()
    _ask(page, "and what about high arches?")
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=\"bot\"]').length > n", arg=before, timeout=60_000)
    page.get_by_text("Sources").nth(2).wait_for(timeout=60_000)  # the third answer is complete
    answers = [t for t in bots.all_inner_texts() if t.strip() != "Sources"]
    assert "cushioned running shoes" in answers[-1] and "[1]" in answers[-1]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)
    assert dialogs == []


def test_xss_payloads_show_as_text(server, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server)
    for payload in ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>running shoes']:
        _ask(page, payload)
        page.wait_for_timeout(300)
    page.locator('[data-testid="bot"]').nth(1).wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    assert dialogs == []
    page.get_by_text("<img src=x onerror=alert(1)>").first.wait_for()
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("script:has-text('alert(2)')").count() == 0
