"""What visitors ask, for site owners: the question log, the summary and its grouping (the real
model), ``/api/admin/summary``, the CSV and ``report`` over a real server (``python app.py`` with
an admin token), and the settings. The ``/admin`` page in Chromium is in ``test_admin_ui.py``."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

import httpx
import pytest

from assistant.answer import Answer, Citation
from assistant.config import Settings
from assistant.errors import ConfigError, InvalidInputError, StoreError
from assistant.question_log import QuestionLog, question_record
from assistant.store import open_store
from assistant.store.records import CitedSection, Question, RatedAnswer
from assistant.summary import GROUP_THRESHOLD, Summary, Uncovered, format_summary, group_similar, summarize
from assistant.web.admin import AdminAuth
from assistant.web.admin_page import chart_svg, csv_cell, csv_lines, dashboard_page

from .conftest import CORPUS, ROOT, LiveServer

TOKEN = "test-admin-token-5f1c9a2e"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
PAYLOADS = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '"><svg onload=alert(3)>',
            "[x](javascript:alert(4))"]


# ----------------------------------------------------------------------------- settings


def test_admin_settings_from_the_environment(monkeypatch):
    assert Settings.from_env().records_questions is False  # no token: nothing recorded
    monkeypatch.setenv("ASSISTANT_ADMIN_TOKEN", TOKEN)
    settings = Settings.from_env()
    assert settings.records_questions and settings.log_days == 30
    assert TOKEN not in repr(settings)
    monkeypatch.setenv("ASSISTANT_LOG_QUESTIONS", "off")
    monkeypatch.setenv("ASSISTANT_LOG_DAYS", "7")
    settings = Settings.from_env()
    assert not settings.records_questions and settings.log_days == 7 and settings.admin_token == TOKEN


@pytest.mark.parametrize("name, value, needle", [
    ("ASSISTANT_ADMIN_TOKEN", "short", "at least 16"),
    ("ASSISTANT_ADMIN_TOKEN", " padded-token-0123456789 ", "spaces at either end"),
    ("ASSISTANT_LOG_QUESTIONS", "maybe", "use on or off"),
    ("ASSISTANT_LOG_DAYS", "0", "from 1 to 3650"),
    ("ASSISTANT_LOG_DAYS", "a month", "not a valid int"),
])
def test_bad_admin_settings_are_clear_errors(monkeypatch, name, value, needle):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        Settings.from_env()
    assert name in str(caught.value) and needle in str(caught.value)
    if name == "ASSISTANT_ADMIN_TOKEN":
        assert value.strip() not in str(caught.value)  # a token is never echoed


# ----------------------------------------------------------------------------- the token


def test_token_and_sign_in_cookie():
    auth = AdminAuth(TOKEN)
    assert auth.token_ok(TOKEN)
    assert not any(auth.token_ok(t) for t in (None, "", TOKEN[:-1], TOKEN + "x", TOKEN.upper(), "\udcff"))
    now = 1_800_000_000
    cookie = auth.new_session(now)
    assert TOKEN not in cookie and auth.session_ok(cookie, now + 3600)
    assert not auth.session_ok(cookie, now + 13 * 3600)  # expired after 12 hours
    assert not auth.session_ok(cookie, now - 3600)  # issued in the future
    issued, signature = cookie.split(".")
    assert not auth.session_ok(f"{int(issued) + 1}.{signature}", now)  # a later time needs a new signature
    assert not auth.session_ok(cookie[:-1] + ("0" if cookie[-1] != "0" else "1"), now)
    assert not any(auth.session_ok(c, now) for c in (None, "", ".", "x.y", cookie.replace(".", "")))
    assert not AdminAuth(TOKEN + "-rotated").session_ok(cookie, now)  # a new token signs everyone out


# ----------------------------------------------------------------------------- the log


def _answer(question: str, status: str = "answered", citations=()) -> Answer:
    return Answer(question, status, "text", tuple(citations))


def test_a_record_keeps_the_question_status_source_and_each_section_once():
    cited = (Citation(1, "doc", "Doc › A", "a", "One."), Citation(2, "doc", "Doc › B", "b", "Two."),
             Citation(3, "doc", "Doc › A", "a", "Three."))
    record = question_record(_answer("Which shoes?", citations=cited), "widget")
    assert (record.question, record.status, record.source) == ("Which shoes?", "answered", "widget")
    assert record.sections == ({"document": "doc", "anchor": "a", "section": "Doc › A"},
                               {"document": "doc", "anchor": "b", "section": "Doc › B"})
    assert set(Question.__dataclass_fields__) == {"question", "status", "source", "sections", "time", "key"}
    with pytest.raises(ValueError):
        question_record(_answer("q"), "email")


class FailingStore:
    """A record store whose writes fail (the database refusing) or wait (a stalled database)."""

    def __init__(self, fail: bool = True) -> None:
        self.fail = fail
        self.entered = threading.Event()
        self.release = threading.Event()
        self.written: list[Question] = []

    def add_questions(self, records):
        if self.fail:
            raise StoreError("disk I/O error")
        self.entered.set()
        self.release.wait(30)
        self.written.extend(records)
        return len(records)

    def delete_questions(self, before):
        raise StoreError("database is locked")


def test_a_failing_store_costs_a_log_line_not_an_answer(caplog):
    log = QuestionLog(FailingStore(fail=True), retention_days=30)
    for n in range(5):
        log.record(_answer(f"q{n}"), "chat")  # never raises
    assert log.flush(10)
    assert log.dropped == 5
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("not logged" in m and "disk I/O error" in m for m in errors)
    assert any("old questions not deleted" in m for m in errors)
    assert len([m for m in errors if "not logged" in m]) == 1  # one line a minute, however many fail
    log.close()


def test_recording_never_waits_for_the_database():
    """record() returns while the store is still stuck on an earlier write; a full queue drops
    new records (counted) instead of blocking."""
    store = FailingStore(fail=False)
    log = QuestionLog(store, retention_days=30, max_pending=3)
    log.record(_answer("q0"), "api")
    assert store.entered.wait(10)  # the writer is stuck writing q0
    for n in range(1, 10):
        log.record(_answer(f"q{n}"), "api")  # returns at once all the same
    assert store.written == [] and log.dropped == 6  # three wait in the queue, six are dropped
    store.release.set()
    assert log.flush(10)
    assert [q.question for q in store.written] == ["q0", "q1", "q2", "q3"]
    log.close()


# ----------------------------------------------------------------------------- grouping


UNCOVERED = [
    ("How do I bake sourdough bread?", 3),
    ("whats the best way to make a sourdough loaf at home", 2),
    ("Can I run with a cold?", 2),
    ("is it ok to go running when I have a cold", 2),
    ("How do I bake banana bread?", 1),
    ("How do I treat a sprained ankle?", 1),
    ("How do I tape my ankle?", 1),
    ("What painkillers are best for toothache?", 1),
]


def test_uncovered_questions_are_grouped_by_meaning_with_the_real_model(bot):
    groups = group_similar(UNCOVERED, bot.query_embedder.encode)
    assert groups[:2] == [Uncovered("How do I bake sourdough bread?", 5), Uncovered("Can I run with a cold?", 4)]
    # Different questions stay apart, even on the same pattern or the same body part.
    assert [g.question for g in groups[2:]] == ["How do I bake banana bread?", "How do I treat a sprained ankle?",
                                                "How do I tape my ankle?", "What painkillers are best for toothache?"]
    assert all(g.count == 1 for g in groups[2:])


def test_grouping_without_a_model_counts_identical_texts_only():
    assert group_similar([("b", 1), ("a", 3), ("c", 1)], None) == [Uncovered("a", 3), Uncovered("b", 1),
                                                                    Uncovered("c", 1)]
    assert group_similar([], None) == []


def test_the_threshold_as_measured_on_the_paraphrase_pairs(real_embedder):
    """bench/grouping.py's measurement: at the chosen threshold no two different questions of
    eval/grouping.jsonl are grouped, and most paraphrases are."""
    sys.path.insert(0, str(ROOT))
    from bench.grouping import format_rows, load_pairs, measure

    pairs = load_pairs()
    [row] = measure(real_embedder.encode, pairs, [GROUP_THRESHOLD])
    assert row.wrong_joins == 0 and row.precision == 1.0 and row.recall >= 0.65
    assert "<- chosen" in format_rows([row], pairs)


# ----------------------------------------------------------------------------- the summary


def _store_with_questions(settings):
    store = open_store(settings)
    today = datetime.now(timezone.utc).isoformat(timespec="seconds")
    shoes = {"document": "lower-back-pain-and-running", "anchor": "choosing-running-shoes",
             "section": "Lower Back Pain and Running › Choosing Running Shoes"}
    store.add_questions([
        Question("Which shoes for flat feet?", "answered", "chat", (shoes,), today),
        Question("How do I bake sourdough bread?", "out_of_scope", "widget", (), today),
        Question("How do I bake sourdough bread?", "out_of_scope", "api", (), today),
        Question("numb groin", "urgent", "chat", (), today),
        Question("long ago", "out_of_scope", "chat", (), "2020-01-01T00:00:00+00:00"),
    ])
    from assistant.store import Feedback

    store.add_feedback(Feedback("down", PAYLOADS[0], PAYLOADS[1], time=today))
    store.add_feedback(Feedback("up", "q", "a", time=today))
    return store, shoes, today


def test_summary_has_exactly_the_documented_shape(tmp_path):
    store, shoes, today = _store_with_questions(Settings(data_dir=tmp_path / "data"))
    summary = summarize(store, days=7)
    assert summary.to_dict() == {
        "days": 7, "questions": 4,
        "by_status": {"answered": 1, "out_of_scope": 2, "urgent": 1, "small_talk": 0, "invalid_input": 0},
        "by_source": {"chat": 2, "widget": 1, "api": 1},
        "feedback": {"up": 1, "down": 1},
        "uncovered": [{"question": "How do I bake sourdough bread?", "count": 2}],
        "top_sections": [{**shoes, "citations": 1}],
        "thumbs_down": [{"question": PAYLOADS[0], "answer": PAYLOADS[1], "time": today}],
    }
    assert len(summary.per_day) == 7 and summary.per_day[-1] == (today[:10], {
        "answered": 1, "out_of_scope": 2, "urgent": 1, "small_talk": 0, "invalid_input": 0})
    assert summarize(store, days=3650).questions == 5
    for bad in (0, 3651, "7", 2.5, True):
        with pytest.raises(InvalidInputError, match="days must"):
            summarize(store, days=bad)


def test_terminal_summary_is_readable_and_cannot_rewrite_the_terminal(tmp_path):
    store, _, _ = _store_with_questions(Settings(data_dir=tmp_path / "data"))
    store.add_questions([Question("evil\x1b[2J\rquestion\nsecond line", "out_of_scope", "chat")])
    text = format_summary(summarize(store, days=1))
    assert text.startswith("Questions today, since ") and "by source: chat 3, widget 1, api 1" in text
    assert "      2  How do I bake sourdough bread?" in text and "Choosing Running Shoes" in text
    assert "\x1b" not in text and "\r" not in text and "evil [2J question second line" in text


# ----------------------------------------------------------------------------- page pieces


def _summary(**changes) -> Summary:
    base = dict(days=2, since="2026-11-28T00:00:00+00:00", questions=3,
                by_status={"answered": 1, "out_of_scope": 2, "urgent": 0, "small_talk": 0, "invalid_input": 0},
                by_source={"chat": 3, "widget": 0, "api": 0}, feedback={"up": 0, "down": 1},
                uncovered=tuple(Uncovered(p, 1) for p in PAYLOADS),
                top_sections=(CitedSection('doc"><script>', 'a"onmouseover="x', "<b>Section</b>", 1),),
                thumbs_down=(RatedAnswer(PAYLOADS[1], PAYLOADS[2], '2026-11-28T10:00:00+00:00"><i>'),),
                per_day=(("2026-11-28", {"answered": 1, "out_of_scope": 0, "urgent": 0, "small_talk": 0, "invalid_input": 0}),
                         ("2026-11-29", {"answered": 0, "out_of_scope": 2, "urgent": 0, "small_talk": 0, "invalid_input": 0})))
    return Summary(**{**base, **changes})


def test_dashboard_escapes_everything_stored():
    html = dashboard_page(_summary(), logging=True, retention_days=30)
    for tag in ("<img", "<script", "<svg onload", "<b>", "<i>"):
        assert tag not in html, tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and 'href="javascript' not in html
    assert 'href="/article/doc%22%3E%3Cscript%3E#a%22onmouseover%3D%22x"' in html
    assert "<script" not in html and " style=" not in html  # no script, no inline style: the CSP holds
    assert "not being recorded" in dashboard_page(_summary(), logging=False, retention_days=30)


def test_chart_draws_one_bar_segment_per_day_and_status():
    svg = chart_svg(_summary().per_day)
    assert svg.count('<rect class="bar bar-answered"') == 1 and svg.count('class="bar bar-out_of_scope"') == 1
    assert "<title>2026-11-29: 2 not covered</title>" in svg and 'role="img"' in svg
    assert "3 questions from 2026-11-28 to 2026-11-29; the busiest day was 2026-11-29 with 2." in svg
    empty = chart_svg((("2026-11-29", {"answered": 0, "out_of_scope": 0, "urgent": 0, "small_talk": 0, "invalid_input": 0}),))
    assert "<rect" not in empty and "0 questions" in empty
    month = chart_svg(tuple((f"2026-11-{d:02}", {"answered": d, "out_of_scope": 0, "urgent": 0,
                                                  "small_talk": 0, "invalid_input": 0}) for d in range(1, 31)))
    assert month.count("<rect") == 30 and month.count('text-anchor="middle"') <= 9  # dates thinned out


def test_csv_neutralises_formulas_and_round_trips():
    rows = [Question("=HYPERLINK(\"http://evil\")", "out_of_scope", "api", (), "2026-11-29T10:00:00+00:00"),
            Question('Shoes, "flat" feet\nünïcode', "answered", "chat",
                     ({"document": "d", "anchor": "a", "section": "S"}, {"document": "d", "anchor": "b", "section": "T"}),
                     "2026-11-29T11:00:00+00:00")]
    text = "".join(csv_lines(rows))
    assert text.startswith("\ufefftime,source,status,question,cited_sections\r\n")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert parsed[1] == ["2026-11-29T10:00:00+00:00", "api", "out_of_scope", "'=HYPERLINK(\"http://evil\")", ""]
    assert parsed[2] == ["2026-11-29T11:00:00+00:00", "chat", "answered", 'Shoes, "flat" feet\nünïcode', "d#a; d#b"]
    assert [csv_cell(t) for t in ("+1", "-1", "@x", "\tx", "ok")] == ["'+1", "'-1", "'@x", "'\tx", "ok"]


# ----------------------------------------------------------------------------- live server


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory):
    """A real server with an admin token: it keeps the question log (SQLite, the default)."""
    live = LiveServer(tmp_path_factory.mktemp("admin"), {"ASSISTANT_ADMIN_TOKEN": TOKEN}).wait()
    yield live
    live.stop()


def _logged(server: LiveServer, at_least: int, timeout: float = 20) -> list[Question]:
    """The server's question log, once it holds ``at_least`` records (it is written in the background)."""
    store = open_store(Settings(data_dir=server.data_dir), import_legacy=False)
    deadline = time.time() + timeout
    while True:
        found = store.questions()
        if len(found) >= at_least or time.time() > deadline:
            return found
        time.sleep(0.1)


ASKED = [("How long should I hold the knee to chest stretch?", "answered"),
         ("How do I bake sourdough bread?", "out_of_scope"),
         ("whats the best way to make a sourdough loaf at home", "out_of_scope"),
         ("How do I treat a sprained ankle?", "out_of_scope"),
         ("My back hurts and I suddenly can't feel my groin and I wet myself", "urgent"),
         ("   ", "invalid_input")]


def test_questions_asked_over_the_api_are_summed_up(admin_server):
    with httpx.Client(base_url=admin_server.url, timeout=60) as http:
        for question, status in ASKED:
            assert http.post("/api/ask", json={"question": question}).json()["status"] == status
        answer = http.post("/api/ask", json={"question": "Which shoes for flat feet?"}).json()
        http.post("/api/feedback", json={"rating": "down", **{k: answer[k] for k in ("question", "answer",
                                                                                      "citations", "status")}})
        logged = _logged(admin_server, len(ASKED) + 1)
        assert [(q.question, q.status, q.source) for q in logged[:len(ASKED)]] == [
            (q.strip(), s, "api") for q, s in ASKED]
        assert logged[0].sections[0]["anchor"] == "stretching-without-straining-the-back"
        assert "127.0.0.1" not in json.dumps([q.to_dict() for q in logged])  # never the client address

        response = http.get("/api/admin/summary", params={"days": 1}, headers=BEARER)
        assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
        summary = response.json()
        assert list(summary) == ["days", "questions", "by_status", "by_source", "feedback", "uncovered",
                                 "top_sections", "thumbs_down"]
        assert summary["days"] == 1 and summary["questions"] >= 7
        assert summary["by_status"]["out_of_scope"] >= 3 and summary["by_source"]["api"] == summary["questions"]
        assert summary["uncovered"][0] == {"question": "How do I bake sourdough bread?", "count": 2}
        assert {"question": "How do I treat a sprained ankle?", "count": 1} in summary["uncovered"]
        anchors = [s["anchor"] for s in summary["top_sections"]]
        assert {"stretching-without-straining-the-back", "choosing-running-shoes"} <= set(anchors)
        assert summary["thumbs_down"][0]["question"] == "Which shoes for flat feet?"
        assert summary["feedback"]["down"] >= 1
        assert summary == http.get("/api/admin/summary", headers=BEARER, params={"days": 30}).json() | {
            "days": 1}  # everything was asked today


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-0123456789"},
                                     {"Authorization": f"Basic {TOKEN}"}, {"Authorization": f"Bearer {TOKEN} x"},
                                     {"Authorization": "Bearer"}, {"Authorization": f"bearer {TOKEN[:-1]}"}])
def test_summary_without_the_right_token_is_401(admin_server, headers):
    response = httpx.get(admin_server.url + "/api/admin/summary", headers=headers, timeout=60)
    assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer")
    assert "admin token" in response.json()["error"] and TOKEN not in response.text


def test_summary_and_csv_reject_bad_periods(admin_server):
    with httpx.Client(base_url=admin_server.url, timeout=60, headers=BEARER) as http:
        for days in ("0", "3651", "ten", "-1", "1e3"):
            assert http.get("/api/admin/summary", params={"days": days}).status_code == 422
            assert http.get("/admin/questions.csv", params={"days": days}).status_code == 400
        assert http.get("/api/admin/summary", params={"days": "3650"}).status_code == 200
    assert "/api/admin/summary" in httpx.get(admin_server.url + "/openapi.json").json()["paths"]


def test_csv_export_of_the_question_log(admin_server):
    httpx.post(admin_server.url + "/api/ask", json={"question": "=cmd|' /C calc'!A0 running shoes?"}, timeout=60)
    _logged(admin_server, 1)
    time.sleep(0.5)
    assert httpx.get(admin_server.url + "/admin/questions.csv", timeout=60).status_code == 401
    response = httpx.get(admin_server.url + "/admin/questions.csv", headers=BEARER, timeout=60)
    assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="questions-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {"time", "source", "status", "question", "cited_sections"} == set(rows[0])
    assert "'=cmd|' /C calc'!A0 running shoes?" in [r["question"] for r in rows]
    assert len(rows) == len(_logged(admin_server, 1))


def test_report_prints_the_same_summary_as_the_api(admin_server):
    before = len(_logged(admin_server, 0))
    httpx.post(admin_server.url + "/api/ask", json={"question": "How do I bake sourdough bread?"}, timeout=60)
    _logged(admin_server, before + 1)
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(admin_server.data_dir),
           "ASSISTANT_INDEX_DIR": str(admin_server.data_dir.parent / "index"), "ASSISTANT_CORPUS_DIR": str(CORPUS)}
    run = subprocess.run([sys.executable, "-m", "assistant", "report", "--days", "2", "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    api = httpx.get(admin_server.url + "/api/admin/summary", params={"days": 2}, headers=BEARER, timeout=60).json()
    assert json.loads(run.stdout) == api
    text = subprocess.run([sys.executable, "-m", "assistant", "report"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert text.returncode == 0 and "Questions in the last 30 days" in text.stdout
    assert "How do I bake sourdough bread?" in text.stdout and "Most cited sections:" in text.stdout
    bad = subprocess.run([sys.executable, "-m", "assistant", "report", "--days", "0"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and bad.stderr.strip() == "error: days must be from 1 to 3650; got 0."


def test_without_a_token_nothing_is_recorded_and_admin_paths_are_404(server):
    with httpx.Client(base_url=server.url, timeout=60) as http:
        assert http.post("/api/ask", json={"question": "How do I bake sourdough bread?"}).status_code == 200
        for method, path in [("GET", "/admin"), ("GET", "/admin/"), ("GET", "/api/admin/summary"),
                             ("GET", "/admin/questions.csv"), ("POST", "/admin/login"), ("GET", "/api/admin")]:
            response = http.request(method, path, headers=BEARER)
            assert response.status_code == 404, (method, path)
        assert "/api/admin/summary" not in http.get("/openapi.json").json()["paths"]
    time.sleep(1)
    assert open_store(Settings(data_dir=server.data_dir), import_legacy=False).questions() == []


def test_logging_off_keeps_the_admin_page_but_records_nothing(bot, tmp_path):
    """In process (the app around the session's assistant): ASSISTANT_LOG_QUESTIONS=off."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from assistant.web.server import create_app

    settings = replace(bot.settings, data_dir=tmp_path / "data", admin_token=TOKEN, log_questions=False)
    store = open_store(settings)
    app = create_app(bot, settings, store)
    assert app.state.question_log is None
    with TestClient(app) as http:
        assert http.post("/api/ask", json={"question": "Which shoes for flat feet?"}).status_code == 200
        assert http.get("/api/admin/summary", headers=BEARER).json()["questions"] == 0
        http.post("/admin/login", data={"token": TOKEN})
        assert "not being recorded" in http.get("/admin").text
    assert store.questions() == []


def test_a_database_that_goes_away_never_stops_the_answers(tmp_path):
    """Question log in a private PostgreSQL, which is then stopped: the API still answers, and the
    lost records are one log line. When it is back, questions are logged again."""
    from .servers import PostgresServer

    pg = PostgresServer().start()
    live = None
    try:
        live = LiveServer(tmp_path, {"ASSISTANT_ADMIN_TOKEN": TOKEN, "ASSISTANT_DATABASE_URL": pg.url}).wait()
        with httpx.Client(base_url=live.url, timeout=60) as http:
            assert http.post("/api/ask", json={"question": "Which shoes for flat feet?"}).json()["status"] == "answered"
            pg.stop()
            for _ in range(3):
                answer = http.post("/api/ask", json={"question": "How long should I hold the knee to chest stretch?"})
                assert answer.status_code == 200 and answer.json()["status"] == "answered"
            deadline = time.time() + 60
            while "not logged" not in live.log() and time.time() < deadline:
                time.sleep(0.5)
            assert "question(s) not logged" in live.log() and "Traceback" not in live.log()
            assert http.get("/api/admin/summary", headers=BEARER).status_code == 503
            pg.start()
            time.sleep(3)  # the pool's fail-fast window passes
            http.post("/api/ask", json={"question": "How do I bake sourdough bread?"})
            deadline = time.time() + 60
            while time.time() < deadline:
                response = http.get("/api/admin/summary", headers=BEARER)
                if response.status_code == 200 and response.json()["by_status"]["out_of_scope"] == 1:
                    break
                time.sleep(0.5)
            assert response.json()["by_status"]["out_of_scope"] == 1
    finally:
        if live is not None:
            live.stop()
        pg.cleanup()
