"""Command line: ``python -m assistant`` or ``backpain-assistant``.

Each command imports what it needs only when it runs, so ``--help`` is instant.
Exit codes: 0 success, 2 bad arguments or invalid input, 1 internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Sequence

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", metavar="DIR", help="corpus folder (default: ./corpus, or ASSISTANT_CORPUS_DIR)")
    parser.add_argument("--index", metavar="DIR", help="index folder (default: ./index, or ASSISTANT_INDEX_DIR)")
    parser.add_argument("--model", metavar="DIR", help="local sentence-transformers model folder (default: bundled all-MiniLM-L6-v2)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")


def _subcommand(sub: Any, name: str, summary: str, example: str, json_help: str,
                json_file: bool = False) -> argparse.ArgumentParser:
    """A subcommand with an example in its help, ``--json`` (a flag, or ``--json FILE``) and the
    common options."""
    parser = sub.add_parser(name, help=summary, description=f"{summary[0].upper()}{summary[1:]}.\n\nExample: {example}",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    if json_file:
        parser.add_argument("--json", metavar="FILE", help=json_help)
    else:
        parser.add_argument("--json", action="store_true", help=json_help)
    _common(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backpain-assistant",
        description="Grounded, cited answers about lower back pain and running.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _subcommand(sub, "index", "build or refresh the index and print a summary",
                    "python -m assistant index --rebuild", "print the manifest as JSON")
    p.add_argument("--rebuild", action="store_true", help="rebuild even if the index is current")

    p = _subcommand(sub, "search", "show the best passages for a query",
                    'python -m assistant search "shoes for flat feet" -k 3 --json', "print JSON")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5, help="number of hits, 1-100 (default 5)")
    p.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid", help="retriever (default hybrid)")

    p = _subcommand(sub, "ask", "answer a question with citations",
                    'python -m assistant ask "How long should I hold the knee to chest stretch?" --json', "print JSON")
    p.add_argument("question")
    p.add_argument("--history", metavar="JSON",
                   help='earlier turns as JSON: [{"role": "user", "content": "..."}, ...]')
    _articles_parsers(sub)
    _eval_parser(sub)
    _bench_parser(sub)
    _report_parser(sub)

    p = sub.add_parser("serve", help="start the chat, JSON API and widget server",
                       description="Start the chat UI, the JSON API (/api, docs at /docs) and the "
                                   "embeddable widget (/widget.js, /widget-demo) in one server.\n\n"
                                   "Example: python -m assistant serve --port 7860",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default 7860, or ASSISTANT_PORT)")
    p.add_argument("--allow-remote", action="store_true",
                   help="allow a --host other than loopback, reachable from other machines")
    _common(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["bench"]:
        return run_bench(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # the one place the CLI turns errors into messages
        from .errors import AssistantError, InvalidInputError

        if args.debug:
            raise
        if isinstance(exc, InvalidInputError):
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if isinstance(exc, AssistantError):
            print(f"error: {exc}", file=sys.stderr)
        else:
            print(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                  file=sys.stderr)
        return EXIT_ERROR


def _load(args: argparse.Namespace, rebuild: bool = False) -> Any:
    from .core import Assistant

    return Assistant.load(args.corpus, args.index, args.model, rebuild=rebuild)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_index(args: argparse.Namespace) -> int:
    bot = _load(args, rebuild=args.rebuild)
    manifest = bot.index.manifest
    if args.json:
        _print_json(manifest.to_dict())
        return EXIT_OK
    where = bot.index.where or bot.index.path or "memory only"
    print(f"Index: {where}")
    print(f"  documents {manifest.documents}, sections {len(bot.corpus.sections)}, chunks {manifest.count}, "
          f"passages {manifest.passages}")
    print(f"  model {manifest.model['name']} ({manifest.dimension} dimensions), {manifest.index_type}, "
          f"chunker v{manifest.chunker_version}, built {manifest.built_at}")
    thesaurus = manifest.thesaurus or {}
    if thesaurus.get("source", "none") == "none":
        print("  thesaurus: none (install WordNet: apt-get install wordnet-base; answers rely on stems alone)")
    else:
        print(f"  thesaurus {thesaurus['source']}: relatives of {thesaurus.get('words', 0)} corpus words, "
              f"{thesaurus.get('parts', 0)} words grounded by their parts")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from .core import check_k

    check_k(args.k)  # fail on a bad -k before loading the model
    bot = _load(args)
    hits = bot.search(args.query, k=args.k, mode=args.mode)
    if args.json:
        _print_json({"query": args.query, "hits": [h.to_dict() for h in hits]})
        return EXIT_OK
    if not hits:
        print("No matching passages.")
    for hit in hits:
        print(f"{hit.rank}. [{hit.score:.4f}] {hit.section}  ({hit.document}#{hit.anchor})")
        print(f"   {hit.text}\n")
    return EXIT_OK


def cmd_ask(args: argparse.Namespace) -> int:
    from .errors import InvalidInputError

    history = None
    if args.history:
        try:
            history = json.loads(args.history)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"--history is not valid JSON ({exc.msg} at character {exc.pos}).") from None
    bot = _load(args)
    answer = bot.ask(args.question, history=history)
    if args.json:
        _print_json(answer.to_dict())
    else:
        print(f"[{answer.status}]\n")
        print(answer.answer)
        if answer.citations:
            print("\nCitations:")
            for c in answer.citations:
                print(f"  [{c.n}] {c.section} ({c.document}#{c.anchor})")
    if answer.status == "invalid_input":
        if not args.json:
            print(f"error: {answer.answer}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    from .errors import ConfigError
    from .web.server import serve

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    port = args.port
    if port is None:
        raw = os.environ.get("ASSISTANT_PORT") or "7860"
        if not raw.isdigit():
            raise ConfigError(f"ASSISTANT_PORT={raw!r} is not a port number: fix or unset it, or pass --port.")
        port = int(raw)
    serve(lambda: _load(args), args.host, port, allow_remote=args.allow_remote)
    return EXIT_OK


_COMMANDS = {"index": cmd_index, "search": cmd_search, "ask": cmd_ask, "serve": cmd_serve}


def _articles_parsers(sub: Any) -> None:
    from textwrap import dedent

    p = _subcommand(sub, "add", "add articles from web pages, PDFs, Word files, text or Markdown",
                    "python -m assistant add leaflet.pdf saved-page.html --json",
                    "print what was added as JSON")
    p.description += dedent("""

        Each file becomes corpus/<slug>.md (slug from its title) with front matter, its sections
        as H2 headings, and three questions it answers; the index is refreshed, embedding only
        the new text. Supported: .html .htm (the article's main content only), .pdf (text PDFs),
        .docx, .txt, .md. Exit 2 when a file cannot be added: the corpus and index are left as
        they were, apart from the files before it in the same command.""")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files to add")
    p.add_argument("--title", help="the article's title (one file only; default: the file's own title)")
    p.add_argument("--source", metavar="URL", help="where the article comes from, shown with citations (one file only)")
    p.add_argument("--force", action="store_true",
                   help="replace an article with the same title, or re-add a file already added")

    _subcommand(sub, "list", "list the corpus's articles with sections, chunks and date added",
                "python -m assistant list --json", "print JSON")

    p = _subcommand(sub, "remove", "remove an article from the corpus and refresh the index",
                    "python -m assistant remove bird-dog-and-dead-bug", "print JSON")
    p.add_argument("slug", help="the article's slug, as `list` shows it")


def _settings(args: argparse.Namespace) -> Any:
    from .config import Settings

    return Settings.from_env(corpus_dir=args.corpus, index_dir=args.index, model_dir=args.model)


def cmd_add(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from .ingest import add

    report = add(args.paths, _settings(args), title=args.title, source=args.source, force=args.force)
    if args.json:
        _print_json(asdict(report))
    else:
        for item in report.added:
            replaced = f", replacing {item.replaced}" if item.replaced else ""
            print(f"Added {item.path} (from {item.original_file}, {item.format.upper()}, {item.words:,} words{replaced})")
            print(f"  title      {item.title}")
            names = ", ".join(name or "(introduction)" for name in item.sections)
            print(f"  sections   {len(item.sections)}: {names}")
            print(f"  chunks     {item.chunks}")
            if item.questions:
                print("  questions it answers:")
                for question in item.questions:
                    print(f"    - {question}")
            else:
                print("  questions it answers: none found (the chat may judge it out of scope; check with `ask`)")
        print(f"Index {report.index}: {report.documents} documents, {report.chunks} chunks; "
              f"embedded {report.embedded} new texts, {report.reused} reused from the cache")
    if report.failed:
        before = f" ({len(report.added)} file(s) before it were added)" if report.added else ""
        rest = f" Not tried: {', '.join(report.not_tried)}." if report.not_tried else ""
        print(f"error: {report.failed} was not added{before}: {report.error}{rest}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from .ingest import list_articles

    articles = list_articles(_settings(args))
    if args.json:
        _print_json([asdict(a) for a in articles])
        return EXIT_OK
    rows = [(a.slug, a.title, str(a.sections), str(a.chunks), a.added or "-", a.source or "-") for a in articles]
    header = ("slug", "title", "sections", "chunks", "added", "source")
    widths = [min(max(len(r[i]) for r in [header, *rows]), 44) for i in range(5)]

    def cell(text: str, width: int, right: bool = False) -> str:
        text = text if len(text) <= width else text[: width - 1] + "…"
        return text.rjust(width) if right else text.ljust(width)

    for row in [header, *rows]:
        print("  ".join(cell(v, widths[i], right=i in (2, 3)) for i, v in enumerate(row[:5])) + "  " + row[5])
    print(f"{len(articles)} article(s), {sum(a.chunks for a in articles)} chunks")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from .ingest import remove

    removed = remove(args.slug, _settings(args))
    if args.json:
        _print_json(asdict(removed))
    else:
        print(f"Removed {removed.path} ({removed.title})")
        print(f"Index {removed.index}: {removed.documents} documents, {removed.chunks} chunks")
    return EXIT_OK


_COMMANDS.update({"add": cmd_add, "list": cmd_list, "remove": cmd_remove})


def _eval_parser(sub: Any) -> None:
    p = _subcommand(sub, "eval", "measure retrieval, answers and behaviour on the eval set",
                    "python -m assistant eval --split test --min hybrid.mrr@10=0.9 --plot eval.png",
                    "also write the whole report as JSON to FILE", json_file=True)
    p.add_argument("--retriever", choices=("dense", "bm25", "hybrid", "all"), default="all",
                   help="retriever(s) to rank with (default all)")
    p.add_argument("--split", default="test",
                   help="test (tune on it), or holdout or blind (report them, never tune on them); "
                        "any folder eval/NAME/ with a queries.jsonl is a split too; default test")
    p.add_argument("--k", type=int, default=10, help="chunks per search, and the cut-off of MRR and nDCG (default 10)")
    p.add_argument("--run-dir", metavar="DIR", help="write TREC run files (one per retriever) and TREC qrels to DIR")
    p.add_argument("--min", action="append", default=[], metavar="METRIC=VALUE",
                   help="fail (exit 1) when METRIC is below VALUE; repeatable, e.g. --min hybrid.recall@1=0.8")
    p.add_argument("--max", action="append", default=[], metavar="METRIC=VALUE",
                   help="fail (exit 1) when METRIC is above VALUE, e.g. --max behaviour.false_flag=0")
    p.add_argument("--plot", metavar="FILE.png", help="draw the metrics to a PNG")
    p.add_argument("--url", metavar="URL", help="evaluate a running server through its JSON API instead, "
                   "e.g. http://127.0.0.1:7860 (--corpus still names the corpus to check quotes against)")
    p.add_argument("--eval-dir", metavar="DIR", help="eval set folder (default ./eval)")
    p.add_argument("--history", choices=("written", "replayed"), default="written",
                   help="follow-ups' earlier assistant turns: as the eval set writes them (default), or "
                        "replayed: the assistant's own answers to the earlier questions")


def cmd_eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .core import check_k
    from .errors import InvalidInputError
    from .evaluation import (check_thresholds, evaluate, format_report, load_eval_set, metric_names,
                             parse_thresholds, plot_report)
    from .retrieval import MODES

    # Everything about the arguments and the eval data is checked before the model loads.
    check_k(args.k)
    retrievers = MODES if args.retriever == "all" else (args.retriever,)
    measured = metric_names(args.k, retrievers)
    minimums = parse_thresholds(args.min, measured, "--min", args.k)
    maximums = parse_thresholds(args.max, measured, "--max", args.k)
    load_eval_set(args.eval_dir, args.split)
    report = evaluate(args.url or _load(args), split=args.split, eval_dir=args.eval_dir,
                      retrievers=retrievers, k=args.k, corpus_dir=args.corpus, history=args.history)
    print(format_report(report))
    try:
        if args.json:
            Path(args.json).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", "utf-8")
        if args.run_dir:
            report.write_runs(args.run_dir)
    except OSError as exc:
        raise InvalidInputError(f"Cannot write {exc.filename} ({exc.strerror}).") from None
    if args.plot:
        plot_report(report, args.plot)
    problems = check_thresholds(report.metrics(), minimums, maximums)
    for problem in problems:
        print(f"eval: {problem}", file=sys.stderr)
    return EXIT_ERROR if problems else EXIT_OK


_COMMANDS["eval"] = cmd_eval


def _bench_parser(sub: Any) -> None:
    # Listed here for --help; main() hands every argument after "bench" to bench/run.py unparsed.
    sub.add_parser("bench", help="run the benchmark suite (bench/; source checkout only)", add_help=False)


def _report_parser(sub: Any) -> None:
    p = _subcommand(sub, "report", "sum up what visitors asked: questions by status and source, the ones the "
                    "articles do not cover, thumbs-down answers, the most cited sections",
                    "python -m assistant report --days 7", "print exactly the JSON of GET /api/admin/summary")
    p.description += ("\n\nReads the question log the server keeps when ASSISTANT_ADMIN_TOKEN is set, from "
                      "the database the server uses (ASSISTANT_DATA_DIR or ASSISTANT_DATABASE_URL).")
    p.add_argument("--days", type=int, default=None, metavar="N",
                   help="the last N UTC days, today included (default 30)")


def cmd_report(args: argparse.Namespace) -> int:
    from .config import Settings
    from .store import open_store
    from .summary import DEFAULT_DAYS, check_days, format_summary, summarize

    days = check_days(DEFAULT_DAYS if args.days is None else args.days)  # before anything is opened
    settings = Settings.from_env(corpus_dir=args.corpus, index_dir=args.index, model_dir=args.model)
    store = open_store(settings, import_legacy=False)
    loaded: list[Any] = []

    def encode(texts: Any) -> Any:
        # The model and index load only if there are uncovered questions to group.
        if not loaded:
            loaded.append(_load(args))
        return loaded[0].query_embedder.encode(texts)

    try:
        summary = summarize(store, days, encode=encode)
    finally:
        store.close()
    if args.json:
        _print_json(summary.to_dict())
        return EXIT_OK
    print(f"From {store.url}\n")
    print(format_summary(summary))
    if not summary.questions:
        print("\nNo questions recorded in this period. The server records them when ASSISTANT_ADMIN_TOKEN is set "
              "(and ASSISTANT_LOG_QUESTIONS is not off): see docs/admin.md.")
    return EXIT_OK


_COMMANDS["report"] = cmd_report


def run_bench(argv: list[str]) -> int:
    """``python -m assistant bench ARGS`` is ``python bench/run.py ARGS`` (try ``--help``)."""
    from .config import PROJECT_ROOT

    if not (PROJECT_ROOT / "bench" / "run.py").is_file():
        print("error: the benchmarks live in the source checkout's bench/ folder: run this from a clone "
              "of the repository (pip-installed copies do not include them).", file=sys.stderr)
        return EXIT_ERROR
    sys.path.insert(0, str(PROJECT_ROOT))
    from bench.run import main as bench_main

    return bench_main(argv)
