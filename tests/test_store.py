"""The record store on both backends: SQLite (the default, no server) and a real PostgreSQL.

Schema migrations, idempotent writes, concurrent writers, the one-time JSONL import, and the
errors a wrong database URL gives."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from multiprocessing import Pool
from pathlib import Path

import pytest

from assistant.config import Settings, redact_url
from assistant.errors import ConfigError, StoreError
from assistant.store import SCHEMA_VERSION, Feedback, Migration, open_store
from assistant.store.base import MIGRATIONS
from assistant.store.sqlite import SQLiteStore

from .conftest import ROOT


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request, tmp_path) -> Settings:
    if request.param == "sqlite":
        return Settings(data_dir=tmp_path / "data")
    return Settings(data_dir=tmp_path / "data", database_url=request.getfixturevalue("pg_url"))


def test_default_is_sqlite_in_the_data_folder(tmp_path):
    settings = Settings(data_dir=tmp_path / "data")
    store = open_store(settings)
    assert store.url == f"sqlite:///{(tmp_path / 'data' / 'assistant.db').resolve()}"
    assert (tmp_path / "data" / "assistant.db").is_file() and store.schema_version() == SCHEMA_VERSION
    assert store.rows("PRAGMA journal_mode")[0]["journal_mode"] == "wal"


def test_feedback_round_trip_and_idempotency(settings):
    store = open_store(settings)
    record = Feedback("up", "Which shoes for flat feet?", "Motion control shoes. [1]",
                      ({"n": 1, "anchor": "choosing-running-shoes", "quote": "…ünïcode"},), "answered", "api")
    assert store.add_feedback(record) is True
    assert store.add_feedback(record) is False  # a retry with the same key stores nothing
    assert store.add_feedback(Feedback("down", "q", "a", key="other")) is True
    stored = store.feedback()
    assert [f.key for f in stored] == [record.key, "other"]
    assert stored[0] == record  # every field, citations and time included
    assert store.feedback(limit=1) == [record] and store.feedback(since="2999-01-01T00:00:00+00:00") == []


def test_migrations_are_applied_once_and_a_new_table_is_one_step(settings):
    store = open_store(settings)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.migrate() == []  # reopening applies nothing
    step = Migration(SCHEMA_VERSION + 1, "a future table", {
        "sqlite": "CREATE TABLE future (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, text TEXT NOT NULL)",
        "postgresql": "CREATE TABLE future (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                      "key TEXT UNIQUE NOT NULL, text TEXT NOT NULL)"})
    assert store.migrate((*MIGRATIONS, step)) == [SCHEMA_VERSION + 1]
    assert store.schema_version() == SCHEMA_VERSION + 1
    assert store.rows("SELECT COUNT(*) AS n FROM future") == [{"n": 0}]
    with pytest.raises(StoreError, match="newer than this version"):
        store.migrate(MIGRATIONS)  # this code is older than the database


def _start_and_write(args: tuple[str, str, int]) -> int:
    data_dir, url, worker = args
    store = open_store(Settings(data_dir=Path(data_dir), database_url=url), import_legacy=False)
    return sum(store.add_feedback(Feedback("up", f"w{worker}-q{i}", "a" * 2000, key=f"k{i % 30}-{worker % 2}"))
               for i in range(60))


def test_processes_starting_and_writing_at_once_store_each_key_once(settings):
    """Four processes open (and migrate) a new database at the same moment, then write 60 records
    each; two pairs share their keys, so exactly 2 x 30 distinct records exist."""
    args = [(str(settings.data_dir), settings.database_url, w) for w in range(4)]
    with Pool(4) as pool:
        added = sum(pool.map(_start_and_write, args))
    store = open_store(settings)
    assert added == 60 == len(store.feedback()) == len({f.key for f in store.feedback()})


def _open_sqlite(folder: str) -> str:
    try:
        SQLiteStore(Path(folder) / "assistant.db")
    except StoreError as exc:
        return str(exc)
    return ""


def test_many_processes_opening_a_new_sqlite_file_at_once_all_succeed(tmp_path):
    """The first switch of a new file to WAL mode can fail at once with "database is locked" when
    several processes make it together (SQLite does not wait for busy_timeout there): it is
    retried. Before that, about one round in eight of these failed."""
    folders = [tmp_path / f"round{r}" for r in range(12)]
    with Pool(8) as pool:
        for folder in folders:
            errors = [e for e in pool.map(_open_sqlite, [str(folder)] * 8) if e]
            assert not errors, errors[0]


def test_threads_share_one_store(settings):
    store = open_store(settings)
    results: list[bool] = []
    threads = [threading.Thread(target=lambda n=n: results.extend(
        store.add_feedback(Feedback("down", f"t{n}-{i}", "a")) for i in range(25))) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 100 and len(store.feedback()) == 100


def test_old_feedback_jsonl_is_imported_once_and_left_in_place(settings):
    settings.data_dir.mkdir(parents=True)
    legacy = settings.data_dir / "feedback.jsonl"
    lines = [json.dumps({"rating": "up", "question": f"q{i}", "answer": "a", "citations": [], "status": "answered",
                         "source": "chat", "time": f"2026-01-0{i + 1}T10:00:00+00:00"}) for i in range(3)]
    legacy.write_text("\n".join([lines[0], "{broken", lines[1], lines[1], lines[2]]) + "\n")
    store = open_store(settings)
    assert [f.question for f in store.feedback()] == ["q0", "q1", "q1", "q2"]  # repeated lines are two ratings
    assert store.feedback()[0].time == "2026-01-01T10:00:00+00:00"
    assert legacy.exists()
    open_store(settings)  # a second start imports nothing again
    assert len(open_store(settings).feedback()) == 4


def test_unwritable_sqlite_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="ASSISTANT_DATA_DIR"):
        open_store(Settings(data_dir=blocker / "data"))


@pytest.mark.parametrize("url, needle", [
    ("mysql://u:secret@h/db", "must start with sqlite:// or postgresql://"),
    ("sqlite:///", "names no file"),
])
def test_bad_database_urls_name_the_setting_and_hide_the_password(tmp_path, url, needle):
    with pytest.raises(ConfigError) as caught:
        open_store(Settings.from_env(data_dir=tmp_path, database_url=url))
    assert "ASSISTANT_DATABASE_URL" in str(caught.value) and needle in str(caught.value)
    assert "secret" not in str(caught.value)


def test_unreachable_postgres_is_one_clear_line(postgres, tmp_path):
    from .servers import free_port

    url = f"postgresql://app:s3cret@127.0.0.1:{free_port()}/assistant"
    with pytest.raises(StoreError) as caught:
        open_store(Settings(data_dir=tmp_path, database_url=url))
    message = str(caught.value)
    assert "ASSISTANT_DATABASE_URL=postgresql://app:***@127.0.0.1" in message and "s3cret" not in message
    assert "cannot connect" in message and "\n" not in message
    missing = postgres.url.rsplit("/", 1)[0] + "/no_such_db"
    with pytest.raises(StoreError, match="no_such_db"):
        open_store(Settings(data_dir=tmp_path, database_url=missing))


@pytest.mark.parametrize("url, shown", [
    ("postgresql://app:s3cret@db:5432/x", "postgresql://app:***@db:5432/x"),
    ("redis://:pa55@cache:6379/0", "redis://:***@cache:6379/0"),
    ("postgresql://db/x?user=app&password=s3cret", "postgresql://db/x?user=app&password=***"),
    ("postgresql://app@db/x", "postgresql://app@db/x"),
])
def test_passwords_are_masked(url, shown):
    assert redact_url(url) == shown


def test_serve_with_an_unreachable_database_exits_with_one_line(tmp_path):
    from .servers import free_port

    env = {"PATH": "/usr/bin:/bin", "ASSISTANT_DATA_DIR": str(tmp_path),
           "ASSISTANT_DATABASE_URL": f"postgresql://app:s3cret@127.0.0.1:{free_port()}/assistant"}
    run = subprocess.run([sys.executable, "app.py", "--port", str(free_port())], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env=env)
    assert run.returncode == 1 and "Traceback" not in run.stderr and "s3cret" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "ASSISTANT_DATABASE_URL" in errors[0] and "cannot connect" in errors[0]


# ----------------------------------------------------------------------------- the question log


def _asked(text, status="answered", source="chat", time="2026-11-20T10:00:00+00:00", sections=(), key=None):
    from assistant.store.records import Question, new_key

    return Question(text, status, source, tuple(sections), time, key or new_key())


SHOES = {"document": "lower-back-pain-and-running", "anchor": "choosing-running-shoes",
         "section": "Lower Back Pain and Running › Choosing Running Shoes"}
STRETCH = {"document": "lower-back-pain-and-running", "anchor": "stretching-without-straining-the-back",
           "section": "Lower Back Pain and Running › Stretching Without Straining the Back"}


def test_question_log_round_trip_counts_and_retention(settings):
    from assistant.store.records import CitedSection, DayCount, RatedAnswer

    store = open_store(settings)
    first = _asked("Which shoes for flat feet? ünïcode <b>", sections=[SHOES, STRETCH], key="q1")
    records = [
        first,
        _asked("which shoes?", source="widget", time="2026-11-20T23:59:59+00:00", sections=[SHOES]),
        _asked("How do I bake bread?", "out_of_scope", "api", "2026-11-21T08:00:00+00:00"),
        _asked("How do I bake bread?", "out_of_scope", "chat", "2026-11-21T09:00:00+00:00"),
        _asked("Sprained ankle?", "out_of_scope", "chat", "2026-11-21T09:30:00+00:00"),
        _asked("numb groin", "urgent", "widget", "2026-11-21T10:00:00+00:00"),
        _asked("", "invalid_input", "api", "2026-11-21T11:00:00+00:00"),
        _asked("old question", time="2026-09-01T10:00:00+00:00", sections=[STRETCH]),
    ]
    assert store.add_questions(records) == 8
    assert store.add_questions([first, _asked("new", key="q2")]) == 1  # a key stored before is skipped
    assert store.add_questions([]) == 0
    stored = store.questions()
    assert stored[0] == records[-1] and stored[1] == first  # oldest first, every field kept
    assert len(store.questions(since="2026-11-21T00:00:00+00:00")) == 5 and len(store.questions(limit=2)) == 2

    since = "2026-11-01T00:00:00+00:00"
    counts = store.question_counts(since)
    assert DayCount("2026-11-20", "answered", "chat", 2) in counts  # "Which shoes ..." and "new"
    assert DayCount("2026-11-20", "answered", "widget", 1) in counts
    assert DayCount("2026-11-21", "out_of_scope", "chat", 2) in counts
    assert sum(c.count for c in counts) == 8  # all but the old one, which is before ``since``
    assert store.uncovered_questions(since, 10) == [("How do I bake bread?", 2), ("Sprained ankle?", 1)]
    assert store.uncovered_questions(since, 1) == [("How do I bake bread?", 2)]
    assert store.top_sections(since, 10) == [CitedSection(SHOES["document"], SHOES["anchor"], SHOES["section"], 2),
                                             CitedSection(STRETCH["document"], STRETCH["anchor"], STRETCH["section"], 1)]
    assert store.top_sections("2026-01-01T00:00:00+00:00", 1)[0].citations == 2  # a tie keeps a stable order

    store.add_feedback(Feedback("down", "q?", "bad answer", time="2026-11-21T12:00:00+00:00"))
    store.add_feedback(Feedback("down", "q2?", "worse answer", time="2026-11-22T12:00:00+00:00"))
    store.add_feedback(Feedback("up", "q3?", "good", time="2026-11-22T13:00:00+00:00"))
    store.add_feedback(Feedback("down", "older", "a", time="2026-10-01T13:00:00+00:00"))
    assert store.feedback_counts(since) == {"up": 1, "down": 2}
    assert store.feedback_counts("2999-01-01T00:00:00+00:00") == {"up": 0, "down": 0}
    assert store.thumbs_down(since, 10) == [RatedAnswer("q2?", "worse answer", "2026-11-22T12:00:00+00:00"),
                                            RatedAnswer("q?", "bad answer", "2026-11-21T12:00:00+00:00")]

    assert store.delete_questions("2026-11-01T00:00:00+00:00") == 1
    assert "old question" not in {q.question for q in store.questions()}
    assert store.delete_questions("2026-11-01T00:00:00+00:00") == 0


def test_question_log_writes_in_the_background_and_deletes_old_records(settings):
    from datetime import datetime, timedelta, timezone

    from assistant.answer import Answer, Citation
    from assistant.question_log import QuestionLog

    store = open_store(settings)
    old = (datetime.now(timezone.utc) - timedelta(days=31)).isoformat(timespec="seconds")
    recent = (datetime.now(timezone.utc) - timedelta(days=29)).isoformat(timespec="seconds")
    store.add_questions([_asked("too old", time=old), _asked("kept", time=recent)])
    log = QuestionLog(store, retention_days=30)
    cited = (Citation(1, "doc", "Doc › A", "a", "One."), Citation(2, "doc", "Doc › A", "a", "Two."),
             Citation(3, "doc", "Doc › B", "b", "Three."))
    for n in range(50):
        log.record(Answer(f"question {n}", "answered", "One. [1] Two. [2] Three. [3]", cited), "widget")
    assert log.flush(30)
    texts = [q.question for q in store.questions()]
    assert "too old" not in texts and "kept" in texts and len(texts) == 51
    logged = store.questions()[-1]
    assert logged.source == "widget" and logged.status == "answered"
    assert [s["anchor"] for s in logged.sections] == ["a", "b"]  # each cited section once
    log.close()
