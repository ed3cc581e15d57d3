"""`add`, `list` and `remove` as a site owner runs them: the real CLI in a subprocess, the real
model, a real index, files generated here (tests/documents.py).

One module fixture builds a corpus (the bundled article), indexes it, and adds a web page, a
PDF and a Word file in one command. Tests that change the corpus work on a copy of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from . import documents as docs
from .conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow

BUNDLED = "lower-back-pain-and-running"


@dataclass
class Site:
    root: Path
    env: dict[str, str]
    files: Path
    report: dict  # `add --json` of the three files
    before: dict  # the index manifest before the add

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    @property
    def index(self) -> Path:
        return self.root / "index"

    def slug(self, fmt: str) -> str:
        return next(a["slug"] for a in self.report["added"] if a["format"] == fmt)

    def copy(self, dest: Path) -> "Site":
        shutil.copytree(self.root, dest)
        env = {**self.env, "ASSISTANT_CORPUS_DIR": str(dest / "corpus"), "ASSISTANT_INDEX_DIR": str(dest / "index")}
        return Site(dest, env, dest / "files", self.report, self.before)


def run(env, *args, check_rc=None, timeout=600):
    proc = subprocess.run([sys.executable, "-m", "assistant", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=timeout)
    if check_rc is not None:
        assert proc.returncode == check_rc, f"rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def folder_hash(*folders: Path) -> str:
    """Names and bytes of every file under the folders."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def manifest(site: Site) -> dict:
    return json.loads(run(site.env, "index", "--json", check_rc=0).stdout)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("site")
    (root / "corpus").mkdir()
    shutil.copy(CORPUS / f"{BUNDLED}.md", root / "corpus")
    files = root / "files"
    files.mkdir()
    (files / "bird-dog.html").write_text(docs.article_html(), "utf-8")
    docs.article_pdf(files / "leaflet.pdf")
    docs.article_docx(files / "sleep.docx")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(ASSISTANT_CORPUS_DIR=str(root / "corpus"), ASSISTANT_INDEX_DIR=str(root / "index"),
               ASSISTANT_DATA_DIR=str(root / "data"))
    before = json.loads(run(env, "index", "--json", check_rc=0).stdout)
    added = run(env, "add", files / "bird-dog.html", files / "leaflet.pdf", files / "sleep.docx", "--json", check_rc=0)
    return Site(root, env, files, json.loads(added.stdout), before)


# ----------------------------------------------------------------------------- add


def test_each_file_becomes_an_article_with_front_matter_sections_and_questions(site):
    expected = {"html": (site.files / "bird-dog.html", docs.HTML_TITLE, docs.HTML_HEADINGS),
                "pdf": (site.files / "leaflet.pdf", docs.PDF_TITLE, docs.PDF_HEADINGS),
                "docx": (site.files / "sleep.docx", docs.DOCX_TITLE, docs.DOCX_HEADINGS)}
    assert [a["format"] for a in site.report["added"]] == ["html", "pdf", "docx"]
    for item in site.report["added"]:
        source, title, headings = expected[item["format"]]
        path = site.root / item["path"]
        assert path.parent == site.corpus and path.name == f"{item['slug']}.md"
        meta = front_matter(path)
        assert meta["title"] == item["title"] == title
        assert meta["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
        assert meta["original_file"] == source.name and meta["format"] == item["format"]
        assert meta["added"] == time.strftime("%Y-%m-%d", time.gmtime())
        assert list(item["sections"]) == ["", *headings]  # the introduction, then one per heading
        assert len(item["questions"]) == 3 and meta["questions"] == item["questions"]
        assert item["chunks"] >= len(headings) + 1
    assert not list(site.corpus.glob(".*.tmp"))  # no temporary file left behind


def test_only_the_new_articles_are_embedded(site):
    from assistant.chunking import chunk_corpus
    from assistant.corpus import load_corpus

    chunks = chunk_corpus(load_corpus(site.corpus))

    def texts(new: bool) -> set[str]:
        mine = [c for c in chunks if (c.document != BUNDLED) == new]
        return {c.embed_text for c in mine} | {p.text for c in mine for p in c.passages}

    assert site.report["embedded"] == len(texts(new=True) - texts(new=False))
    assert site.report["reused"] == len(texts(new=False))
    now = manifest(site)
    assert now["documents"] == 4 == site.report["documents"] and now["count"] == len(chunks) == site.report["chunks"]
    assert now["corpus_hash"] != site.before["corpus_hash"]


QUESTIONS = [  # (format, question only the new article answers, the fact the answer must quote)
    ("html", "How long should I hold the bird dog?", "eight seconds"),
    ("pdf", "How many minutes of walking between the jogging?", "two minutes of walking"),
    ("docx", "Where should I put a pillow when I sleep on my side?", "between your knees"),
]


def _plain(answer: str) -> str:
    """The answer without the bold marks that pick out the words answering the question."""
    return answer.replace("**", "")


@pytest.mark.parametrize("fmt,question,fact", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_a_question_only_the_new_article_answers_gets_a_cited_answer_from_it(site, bot, fmt, question, fact):
    before = bot.ask(question)  # the bundled corpus alone does not have the fact
    assert fact not in _plain(before.answer)
    data = json.loads(run(site.env, "ask", question, "--json", check_rc=0).stdout)
    assert data["status"] == "answered" and fact in _plain(data["answer"])
    first = data["citations"][0]
    assert first["document"] == site.slug(fmt) and fact in first["quote"]
    assert f"corpus/{site.slug(fmt)}.md#" in data["answer"]


def test_the_suggested_questions_are_answered_from_their_article(site):
    from assistant import Assistant

    bot = Assistant.load(site.corpus, site.index, progress=False)
    assert bot.index.manifest.corpus_hash == manifest(site)["corpus_hash"]  # served as saved, not rebuilt
    for item in site.report["added"]:
        for question in item["questions"]:
            answer = bot.ask(question)
            assert answer.status == "answered" and answer.citations[0].document == item["slug"], question
    # The chat offers each article's first question (the bundled article's five do not crowd them out).
    assert set(bot.suggestions) == {item["questions"][0] for item in site.report["added"]} | {
        bot.corpus.document(BUNDLED).questions[0]}


def test_list_shows_every_article(site):
    rows = json.loads(run(site.env, "list", "--json", check_rc=0).stdout)
    assert [r["slug"] for r in rows] == sorted(r["slug"] for r in rows) and len(rows) == 4
    by_slug = {r["slug"]: r for r in rows}
    for item in site.report["added"]:
        row = by_slug[item["slug"]]
        assert (row["title"], row["chunks"], row["format"]) == (item["title"], item["chunks"], item["format"])
        assert row["sections"] == len(item["sections"]) and row["added"] and row["path"] == item["path"]
    assert by_slug[BUNDLED]["added"] is None and by_slug[BUNDLED]["source"].startswith("Web article")
    assert sum(r["chunks"] for r in rows) == site.report["chunks"]
    table = run(site.env, "list", check_rc=0).stdout
    assert table.splitlines()[0].split() == ["slug", "title", "sections", "chunks", "added", "source"]
    assert "4 article(s)" in table and site.slug("pdf") in table


# ----------------------------------------------------------------------------- bad input


def _bad_cases(files: Path) -> dict[str, list]:
    docs.corrupt_pdf(files / "corrupt.pdf")
    docs.scanned_pdf(files / "scanned.pdf")
    docs.encrypted_pdf(files / "locked.pdf")
    (files / "home.html").write_text(docs.chrome_only_html(), "utf-8")
    (files / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    (files / "empty.txt").write_bytes(b"")
    (files / "same-title.html").write_text(docs.article_html().replace("Many runners", "Plenty of runners"), "utf-8")
    return {
        "corrupt pdf": ["add", files / "corrupt.pdf"],
        "scanned pdf": ["add", files / "scanned.pdf"],
        "encrypted pdf": ["add", files / "locked.pdf"],
        "no main content": ["add", files / "home.html"],
        "unsupported type": ["add", files / "old.doc"],
        "empty file": ["add", files / "empty.txt"],
        "missing file": ["add", files / "bird-dog.html", files / "nope.pdf"],
        "same file again": ["add", files / "bird-dog.html"],
        "same title": ["add", files / "same-title.html"],
        "--title with two files": ["add", files / "bird-dog.html", files / "leaflet.pdf", "--title", "X"],
        "unknown slug": ["remove", "bird-dgo"],
    }


MESSAGES = {
    "corrupt pdf": "damaged or not a valid PDF", "scanned pdf": "scanned PDF", "encrypted pdf": "password-protected",
    "no main content": "main content could not be found", "unsupported type": "save it as .docx",
    "empty file": "is empty", "missing file": "no such file", "same file again": "already in the corpus",
    "same title": "--title", "--title with two files": "one file", "unknown slug": "No article 'bird-dgo'",
}


@pytest.mark.parametrize("case", list(MESSAGES))
def test_bad_input_exits_2_with_one_line_and_changes_nothing(site, tmp_path, case):
    files = tmp_path / "files"
    shutil.copytree(site.files, files)
    args = _bad_cases(files)[case]
    before = folder_hash(site.corpus, site.index)
    proc = run(site.env, *args, check_rc=2)
    assert folder_hash(site.corpus, site.index) == before
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and MESSAGES[case] in lines[0], proc.stderr
    assert proc.stdout == ""


def test_force_replaces_the_article_and_embeds_nothing_new(site, tmp_path):
    copy = site.copy(tmp_path / "site")
    out = run(copy.env, "add", copy.files / "bird-dog.html", "--force", check_rc=0).stdout
    slug = site.slug("html")
    assert f"Added corpus/{slug}.md (from bird-dog.html, HTML" in out and f"replacing corpus/{slug}.md" in out
    assert "embedded 0 new texts" in out  # same text: every vector came from the cache
    assert len(list(copy.corpus.glob("*.md"))) == 4


def test_a_failure_midway_keeps_the_files_before_it_and_says_which_failed(site, tmp_path):
    copy = site.copy(tmp_path / "site")
    good = copy.files / "hamstrings.txt"
    good.write_text("Hamstring Flexibility for Runners\n\nTight hamstrings tilt the pelvis backwards and flatten "
                    "the lower back, which loads the discs on every stride. A gentle daily stretch helps.\n\n"
                    "The towel stretch\n\nLie on your back, loop a towel round one foot and straighten the leg "
                    "until you feel a stretch behind the thigh. Hold it for thirty seconds.\n", "utf-8")
    docs.corrupt_pdf(copy.files / "corrupt.pdf")
    later = copy.files / "later.txt"
    later.write_text(good.read_text("utf-8").replace("Hamstring", "Calf"), "utf-8")
    proc = run(copy.env, "add", good, copy.files / "corrupt.pdf", later, check_rc=2)
    assert "Added corpus/hamstring-flexibility-for-runners.md (from hamstrings.txt, TEXT" in proc.stdout
    assert "questions it answers:" in proc.stdout and "Index index/build-" in proc.stdout
    error = proc.stderr.strip().splitlines()[-1]
    assert error.startswith("error: corrupt.pdf was not added (1 file(s) before it were added)")
    assert error.endswith("Not tried: later.txt.")
    slugs = [r["slug"] for r in json.loads(run(copy.env, "list", "--json", check_rc=0).stdout)]
    assert "hamstring-flexibility-for-runners" in slugs and "calf-flexibility-for-runners" not in slugs
    answer = json.loads(run(copy.env, "ask", "How long should I hold the towel stretch?", "--json", check_rc=0).stdout)
    assert answer["citations"][0]["document"] == "hamstring-flexibility-for-runners"


def test_remove_takes_the_article_out_of_the_corpus_and_the_index(site, tmp_path):
    copy = site.copy(tmp_path / "site")
    slug = site.slug("html")
    out = run(copy.env, "remove", slug, check_rc=0).stdout
    assert f"Removed corpus/{slug}.md ({docs.HTML_TITLE})" in out and "3 documents" in out
    assert not (copy.corpus / f"{slug}.md").exists()
    data = json.loads(run(copy.env, "ask", "How long should I hold the bird dog?", "--json", check_rc=0).stdout)
    assert all(c["document"] != slug for c in data["citations"]) and "eight seconds" not in data["answer"]
    assert manifest(copy)["documents"] == 3
    for other in ("pdf", "docx"):
        run(copy.env, "remove", site.slug(other), check_rc=0)
    last = run(copy.env, "remove", BUNDLED, check_rc=2)
    assert "the only article" in last.stderr and (copy.corpus / f"{BUNDLED}.md").exists()


def test_two_adds_at_once_both_land(site, tmp_path):
    copy = site.copy(tmp_path / "site")
    paths = []
    for name, topic in (("cadence.txt", "Cadence"), ("hills.txt", "Hill Running")):
        path = copy.files / name
        path.write_text(f"{topic} and the Lower Back\n\n" + f"{topic} changes how the lower back is loaded on every "
                        "stride, so build it up gradually over several weeks and notice how your back feels. " * 3,
                        "utf-8")
        paths.append(path)
    procs = [subprocess.Popen([sys.executable, "-m", "assistant", "add", str(p)], env=copy.env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for p in paths]
    results = [(p.wait(timeout=600), p.stdout.read(), p.stderr.read()) for p in procs]
    assert [rc for rc, _, _ in results] == [0, 0], results
    assert any("waiting for it to finish" in err for _, _, err in results)  # the second waited for the lock
    slugs = {r["slug"] for r in json.loads(run(copy.env, "list", "--json", check_rc=0).stdout)}
    assert {"cadence-and-the-lower-back", "hill-running-and-the-lower-back"} <= slugs
    check = run(copy.env, "index", "--json", check_rc=0)
    assert "out of date" not in check.stderr and json.loads(check.stdout)["documents"] == 6


# ----------------------------------------------------------------------------- rollback (in process)


def test_if_the_index_refresh_fails_the_corpus_is_put_back(tmp_path, monkeypatch):
    from assistant.config import Settings
    from assistant.ingest import library

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / f"{BUNDLED}.md", corpus)
    page = tmp_path / "bird-dog.html"
    page.write_text(docs.article_html(), "utf-8")
    settings = Settings.from_env(corpus_dir=corpus, index_dir=tmp_path / "index")

    def broken(*args, **kwargs):
        raise RuntimeError("model exploded")

    monkeypatch.setattr(library, "_refresh", broken)
    before = folder_hash(corpus)
    with pytest.raises(RuntimeError):
        library.add([page], settings, progress=False)
    assert folder_hash(corpus) == before
    # With --force over an existing article, the replaced file comes back too.
    slug = "bird-dog-and-dead-bug-two-core-exercises-for-runners"
    (corpus / f"{slug}.md").write_text("---\ntitle: Old\n---\n\n# Old\n\nOld text about the bird dog.\n", "utf-8")
    before = folder_hash(corpus)
    with pytest.raises(RuntimeError):
        library.add([page], settings, force=True, progress=False)
    assert folder_hash(corpus) == before
