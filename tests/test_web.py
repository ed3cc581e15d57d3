"""The web server over real HTTP (httpx against ``python app.py`` on a free port), plus fast
tests of the pieces it is made of: article rendering, the feedback store, reply formatting."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest

from assistant.answer import Answer, Citation
from assistant.corpus import parse_document
from assistant.web.article import article_page, article_url, quote_span, render_document
from assistant.web.ui import feedback_record, linked_markers, reply_markdown, sources_markdown

from .conftest import CORPUS, ROOT, LiveServer, stored_feedback

DOC = """---
title: Test Article
---

# Test Article

## First Part

Plain sentence one. A sentence with **bold words** inside it.

## Second Part

1. Step one of the list.
2. Step two <script>alert(1)</script> of the list.
"""


# --------------------------------------------------------------------------- article view


def test_article_highlights_the_quoted_sentence_and_keeps_anchors():
    doc = parse_document(DOC, "test.md")
    body, section = render_document(doc, "Plain sentence one.")
    assert '<mark id="cited" tabindex="-1">Plain sentence one.</mark>' in body
    assert section is not None and section.anchor == "first-part"
    for s in doc.sections:
        assert f'id="{s.anchor}"' in body


def test_quote_across_inline_markup_highlights_its_block():
    doc = parse_document(DOC, "test.md")
    start, end = quote_span(doc, "A sentence with bold words inside it.")
    assert "**bold words**" in doc.text[start:end]
    body, _ = render_document(doc, "A sentence with bold words inside it.")
    assert "<mark" in body and "<strong>bold words</strong>" in body


def test_article_never_renders_corpus_html_or_unknown_quotes():
    doc = parse_document(DOC, "test.md")
    page = article_page(doc, "<img src=x onerror=alert(1)> not in the article")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<img" not in page and "<mark" not in page
    assert "not in the current version" in page


def test_article_url_escapes_the_quote():
    url = article_url("a b/c", quote='x & y "z" #1')
    assert url.startswith("/article/a%20b/c?q=") and url.endswith("#cited")
    assert " " not in url and '"' not in url and "&" not in url.split("?q=")[1]


# --------------------------------------------------------------------------- reply formatting


CITE = Citation(1, "doc", "Doc › Shoes", "shoes", "Wear good shoes.")


def test_markers_become_links_to_the_highlighted_quote():
    text = linked_markers("Wear good shoes. [1] And [2] stays.", (CITE,))
    assert text.startswith('Wear good shoes. [[1]](/article/doc?q=Wear%20good%20shoes.#cited "Source 1: Doc › Shoes")')
    assert text.endswith("And [2] stays.")  # no citation 2: left alone


def test_reply_drops_the_sources_list_and_marks_urgent_replies():
    answer = Answer("q", "urgent", "**See a doctor.**\n\nWear good shoes. [1]\n\n**Sources**\n\n- [1] [S](x)\n\n"
                    "_This is general information from the articles, not a diagnosis._", (CITE,))
    shown = reply_markdown(answer)
    assert shown.startswith('<div class="reply-urgent" role="alert">') and "**Sources**" not in shown
    assert "[[1]](/article/doc" in shown
    assert "&lt;b&gt;" in sources_markdown(Answer("q", "answered", "", (Citation(1, "d", "<b>", "a", "<b>"),)))


def test_feedback_record_from_a_rating():
    answer = {"question": "q", "answer": "a", "citations": [CITE.to_dict()], "status": "answered"}
    assert feedback_record(answer, True, "chat").rating == "up"
    assert feedback_record(answer, "Dislike", "widget").rating == "down"
    assert feedback_record(answer, None, "chat") is None
    # The same rating of the same message in the same session has one key: stored once.
    once = feedback_record(answer, True, "chat", "session-1", 3)
    assert once.key == feedback_record(answer, "Like", "chat", "session-1", 3).key
    assert once.key != feedback_record(answer, False, "chat", "session-1", 3).key
    assert once.key != feedback_record(answer, True, "chat", "session-2", 3).key


# --------------------------------------------------------------------------- live server: API


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def _cli_json(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "assistant", *args, "--json", "--corpus", str(CORPUS)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_ask_and_search_return_exactly_the_cli_json(http, tmp_path):
    question = "I have flat feet, which running shoes should I buy?"
    api = http.post("/api/ask", json={"question": question})
    assert api.status_code == 200 and api.headers["content-type"] == "application/json"
    assert api.json() == _cli_json("ask", question, "--index", str(tmp_path / "i"))
    hits = http.get("/api/search", params={"q": "shoes flat feet", "k": 3})
    assert hits.status_code == 200
    assert hits.json() == _cli_json("search", "shoes flat feet", "-k", "3", "--index", str(tmp_path / "i"))


def test_ask_follow_up_uses_history(http):
    body = {"question": "and what about high arches?",
            "history": [{"role": "user", "content": "I have flat feet, which running shoes should I buy?"}]}
    answer = http.post("/api/ask", json=body).json()
    assert answer["status"] == "answered" and answer["citations"][0]["anchor"] == "choosing-running-shoes"


def test_thanks_after_an_answer_gets_a_small_talk_reply_not_a_quote(http):
    body = {"question": "thanks, that's helpful!",
            "history": [{"role": "user", "content": "I have flat feet, which running shoes should I buy?"}]}
    response = http.post("/api/ask", json=body)
    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "small_talk" and answer["citations"] == [] and "welcome" in answer["answer"]


def test_a_question_about_the_sources_gets_the_articles_over_http(http):
    answer = http.post("/api/ask", json={"question": "where does this info come from?"}).json()
    assert answer["status"] == "small_talk" and answer["citations"] == []
    assert "[Lower Back Pain and Running](corpus/lower-back-pain-and-running.md)" in answer["answer"]


def test_health_reports_the_index(http):
    health = http.get("/api/health").json()
    assert health["status"] == "ok" and health["documents"] == 1 and health["chunks"] >= 7
    assert health["model"] == "all-MiniLM-L6-v2" and health["manifest"]["dimension"] == 384
    assert "/tmp" not in json.dumps(health) and str(ROOT) not in json.dumps(health)


@pytest.mark.parametrize("body, code, needle", [
    ({"question": ""}, 400, "Please type a question"),
    ({"question": "   \u200b  "}, 400, "Please type a question"),
    ({"question": "x" * 3000}, 413, "the limit is 2,000"),
    ({"question": 5}, 422, "question"),
    ({}, 422, "question"),
    ({"question": "shoes?", "history": "not a list"}, 422, "history"),
    ({"question": "shoes?", "history": [{"role": "system", "content": "hi"}]}, 422, "role"),
    ({"question": "shoes?", "history": [{"role": "user", "content": "x"}] * 500}, 422, "history"),
])
def test_bad_ask_requests_get_a_clear_4xx(http, body, code, needle):
    response = http.post("/api/ask", json=body)
    assert response.status_code == code
    payload = response.json()
    assert needle in (payload.get("error") or payload.get("answer") or "")


def test_malformed_bodies_get_4xx_not_500(http):
    cases = [
        http.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"}),
        http.post("/api/ask", content=b'{"question": "\xff\xfe"}', headers={"content-type": "application/json"}),
        http.post("/api/ask", content=b"question=hi", headers={"content-type": "application/x-www-form-urlencoded"}),
        http.post("/api/ask", content=b"[]", headers={"content-type": "application/json"}),
        http.get("/api/search", params={"q": "x", "k": 0}),
        http.get("/api/search", params={"q": "x", "k": "ten"}),
        http.get("/api/search", params={"q": "x", "mode": "magic"}),
        http.get("/api/search"),
    ]
    for response in cases:
        assert 400 <= response.status_code < 500, response.text
        assert response.json()["error"]
    assert "not valid JSON" in cases[0].json()["error"]


def test_oversized_bodies_get_413(http):
    big = json.dumps({"question": "a" * 100_000}).encode()
    response = http.post("/api/ask", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "64 KB" in response.json()["error"]

    def chunks():  # no Content-Length: the limit still holds while streaming
        for _ in range(100):
            yield b" " * 1024

    response = http.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and "too large" in response.json()["error"]


def test_feedback_api_stores_a_record_once_per_idempotency_key(http, server):
    answer = http.post("/api/ask", json={"question": "Does a strong core help?"}).json()
    body = {"rating": "down", **{k: answer[k] for k in ("question", "answer", "citations", "status")}}
    response = http.post("/api/feedback", json=body)
    assert response.status_code == 201 and response.json()["stored"] is True
    record = stored_feedback(server)[-1]
    assert record.rating == "down" and record.source == "api" and record.key == response.json()["key"]
    assert list(record.citations) == answer["citations"]
    before = len(stored_feedback(server))
    first = http.post("/api/feedback", json=body, headers={"Idempotency-Key": "retry-7f3a"})
    again = http.post("/api/feedback", json=body, headers={"Idempotency-Key": "retry-7f3a"})
    assert (first.status_code, first.json()["duplicate"]) == (201, False)
    assert (again.status_code, again.json()) == (200, {"stored": True, "key": "retry-7f3a", "duplicate": True})
    assert len(stored_feedback(server)) == before + 1
    bad_key = http.post("/api/feedback", json=body, headers={"Idempotency-Key": "no spaces\tor tabs"})
    assert bad_key.status_code == 400 and "Idempotency-Key" in bad_key.json()["error"]
    assert http.post("/api/feedback", json={"rating": "meh", "question": "q", "answer": "a"}).status_code == 422


def test_docs_and_security_headers(http):
    assert http.get("/docs").status_code == 200
    schema = http.get("/openapi.json").json()
    assert {"/api/ask", "/api/search", "/api/health", "/api/feedback"} <= set(schema["paths"])
    for path in ("/", "/embed/", "/article/", "/widget-demo"):
        response = http.get(path)
        assert response.status_code == 200, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors *" in response.headers["content-security-policy"]
    widget = http.get("/widget.js")
    assert widget.headers["content-type"].startswith("text/javascript") and "attachShadow" in widget.text


def test_cors_lets_other_sites_call_the_api(http):
    preflight = http.options("/api/ask", headers={"Origin": "https://runners.example",
                                                  "Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", "https://runners.example")


def test_static_files_cannot_escape_their_folder(server):
    import socket

    for raw in ("/ui-static/../../app.py", "/ui-static/%2e%2e/%2e%2e/app.py", "/ui-static/..%2f..%2fapp.py",
                "/article/../../app.py"):
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(f"GET {raw} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            reply = b""
            while chunk := sock.recv(65536):
                reply += chunk
        assert b"sys.exit(main" not in reply, raw
        assert reply.split(b" ", 2)[1] in (b"404", b"400"), (raw, reply[:80])


# --------------------------------------------------------------------------- live server: settings


def test_rate_limit_answers_429_with_retry_after(tmp_path):
    live = LiveServer(tmp_path, {"ASSISTANT_RATE_LIMIT": "3/minute"}, command="serve").wait()
    try:
        with httpx.Client(base_url=live.url, timeout=60) as http:
            codes = [http.get("/api/search", params={"q": "shoes"}).status_code for _ in range(4)]
            assert codes == [200, 200, 200, 429]
            limited = http.post("/api/ask", json={"question": "shoes?"})
            assert limited.status_code == 429 and "3 per 1 minute" in limited.json()["error"]
            assert 1 <= int(limited.headers["retry-after"]) <= 60
            assert http.get("/api/health").status_code == 200  # health checks are never limited
    finally:
        live.stop()


def test_embed_allow_list_restricts_framing_and_cors(tmp_path):
    live = LiveServer(tmp_path, {"ASSISTANT_EMBED_ORIGINS": "https://clinic.example"}).wait()
    try:
        with httpx.Client(base_url=live.url, timeout=60) as http:
            csp = http.get("/embed/").headers["content-security-policy"]
            assert "frame-ancestors 'self' https://clinic.example" in csp
            ok = http.get("/api/health", headers={"Origin": "https://clinic.example"})
            assert ok.headers.get("access-control-allow-origin") == "https://clinic.example"
            other = http.get("/api/health", headers={"Origin": "https://evil.example"})
            assert "access-control-allow-origin" not in other.headers
    finally:
        live.stop()


def test_server_refuses_public_address_without_flag_and_bad_config():
    run = subprocess.run([sys.executable, "app.py", "--host", "0.0.0.0", "--port", "1"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "--allow-remote" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run([sys.executable, "-m", "assistant", "serve"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={"ASSISTANT_PORT": "http", "PATH": "/usr/bin:/bin"})
    assert run.returncode != 0 and "ASSISTANT_PORT" in run.stderr and "Traceback" not in run.stderr
    env = {"ASSISTANT_EMBED_ORIGINS": "not an origin", "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "assistant", "serve", "--port", "1"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode != 0 and "Traceback" not in run.stderr
