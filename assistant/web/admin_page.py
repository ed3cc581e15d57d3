"""The ``/admin`` pages and the question log's CSV, as plain functions (testable without a server).

Everything that reaches a page is escaped here: visitors' questions and rated answers are
whatever anyone typed or posted. The pages load one stylesheet from the app and no script; the
chart is an SVG drawn here, coloured by CSS classes (no inline style), so the strict
Content-Security-Policy of the article view holds. CSV cells that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) get a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from html import escape

from ..answer import STATUSES, without_sources
from ..store.records import SOURCES, Question
from ..summary import Summary
from .article import article_url, html_page

STATUS_NAMES = {"answered": "Answered", "out_of_scope": "Not covered", "urgent": "Urgent",
                "small_talk": "Small talk", "invalid_input": "Invalid input"}
SOURCE_NAMES = {"chat": "Chat", "widget": "Widget", "api": "API"}
PERIODS = (1, 7, 30, 90, 365)
MAX_SHOWN_ANSWER_CHARS = 1200
CSV_COLUMNS = ("time", "source", "status", "question", "cited_sections")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def e(value: object) -> str:
    """Text as HTML, quotes included (safe in element content and attribute values)."""
    return escape(str(value), quote=True)


# ------------------------------------------------------------------------ pages


def signin_page(message: str | None = None) -> str:
    alert = f'<p class="error" role="alert">{e(message)}</p>' if message else ""
    return _page("Sign in · Visitor questions", f"""
<h1>Visitor questions</h1>
<p>Sign in with the admin token (the server's <code>ASSISTANT_ADMIN_TOKEN</code>).</p>
{alert}
<form method="post" action="/admin/login" class="signin">
  <input type="text" name="username" value="admin" autocomplete="username" hidden>
  <label for="token">Admin token</label>
  <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
  <button type="submit">Sign in</button>
</form>
<p class="hint">You stay signed in on this browser for 12 hours, or until you sign out.</p>""")


def dashboard_page(summary: Summary, logging: bool, retention_days: int) -> str:
    """The signed-in page: totals, the chart, uncovered questions, thumbs-down answers, sections."""
    days = summary.days
    notice = "" if logging else (
        '<p class="notice" role="status">Questions are not being recorded: the server runs with '
        "<code>ASSISTANT_LOG_QUESTIONS=off</code>. Feedback is still stored.</p>")
    period = f"the last {days} days" if days > 1 else "today"
    body = f"""
<div class="top">
  <h1>Visitor questions</h1>
  <form method="post" action="/admin/logout"><button type="submit" class="quiet">Sign out</button></form>
</div>
{notice}
<form method="get" action="/admin" class="period">
  <label for="days">Period</label>
  <select id="days" name="days">{_period_options(days)}</select>
  <button type="submit">Show</button>
  <a class="download" href="/admin/questions.csv?days={days}" download>Download the question log (CSV)</a>
</form>
<p class="since">{e(period.capitalize())}, from {e(summary.since[:10])} (UTC). Questions are kept for
{retention_days} days.</p>
{_totals(summary)}
<section aria-labelledby="per-day">
  <h2 id="per-day">Questions per day</h2>
  {chart_svg(summary.per_day)}
  {_legend()}
  {_per_day_table(summary.per_day)}
</section>
<section aria-labelledby="uncovered">
  <h2 id="uncovered">Not covered by the articles</h2>
  <p class="hint">Questions the assistant could not answer from the articles, grouped when they mean
  the same: the content to write next.</p>
  {_uncovered(summary)}
</section>
<section aria-labelledby="thumbs-down">
  <h2 id="thumbs-down">Thumbs-down answers</h2>
  {_thumbs_down(summary)}
</section>
<section aria-labelledby="sections">
  <h2 id="sections">Most cited sections</h2>
  {_sections(summary)}
</section>"""
    return _page("Visitor questions", body)


def message_page(title: str, message: str) -> str:
    return _page(title, f'<h1>{e(title)}</h1><p role="alert">{e(message)}</p><p><a href="/admin">Back</a></p>')


def _period_options(days: int) -> str:
    choices = sorted({*PERIODS, days})
    return "".join(f'<option value="{d}"{" selected" if d == days else ""}>'
                   f'{"Today" if d == 1 else f"Last {d} days"}</option>' for d in choices)


def _totals(summary: Summary) -> str:
    cells = [("Questions", summary.questions)]
    cells += [(STATUS_NAMES[s], summary.by_status[s]) for s in STATUSES]
    cells += [(f"From the {SOURCE_NAMES[s].lower()}" if s != "api" else "From the API", summary.by_source[s])
              for s in SOURCES]
    cells += [("Thumbs up", summary.feedback["up"]), ("Thumbs down", summary.feedback["down"])]
    items = "".join(f'<div><dt>{e(name)}</dt><dd>{value:,}</dd></div>' for name, value in cells)
    return f'<dl class="totals">{items}</dl>'


def _legend() -> str:
    items = "".join(f'<li><span class="swatch swatch-{s}" aria-hidden="true"></span>{e(STATUS_NAMES[s])}</li>'
                    for s in STATUSES)
    return f'<ul class="legend" aria-label="Colours">{items}</ul>'


def _per_day_table(per_day: Sequence[tuple[str, dict[str, int]]]) -> str:
    asked = [(day, counts) for day, counts in per_day if sum(counts.values())]
    if not asked:
        return '<p class="hint">No questions in this period.</p>'
    head = "".join(f'<th scope="col">{e(STATUS_NAMES[s])}</th>' for s in STATUSES)
    rows = "".join(f'<tr><th scope="row">{e(day)}</th>' + "".join(f"<td>{c[s]:,}</td>" for s in STATUSES)
                   + f"<td>{sum(c.values()):,}</td></tr>" for day, c in asked)
    return (f'<details><summary>The numbers, per day</summary><table class="numbers"><thead><tr>'
            f'<th scope="col">Date</th>{head}<th scope="col">All</th></tr></thead><tbody>{rows}</tbody></table></details>')


def _uncovered(summary: Summary) -> str:
    if not summary.uncovered:
        return '<p class="hint">None in this period.</p>'
    rows = "".join(f'<tr><td class="text">{e(u.question)}</td><td class="count">{u.count:,}</td></tr>'
                   for u in summary.uncovered)
    return ('<table class="list"><thead><tr><th scope="col">Question (the most asked wording)</th>'
            f'<th scope="col" class="count">Times asked</th></tr></thead><tbody>{rows}</tbody></table>')


def _thumbs_down(summary: Summary) -> str:
    if not summary.thumbs_down:
        return '<p class="hint">None in this period.</p>'
    items = []
    for t in summary.thumbs_down:
        answer = without_sources(t.answer)
        if len(answer) > MAX_SHOWN_ANSWER_CHARS:
            answer = answer[:MAX_SHOWN_ANSWER_CHARS] + "…"
        items.append(f'<li><p class="meta"><time datetime="{e(t.time)}">{e(t.time[:16].replace("T", " "))}</time>'
                     f' UTC</p><p class="question">{e(t.question)}</p><blockquote class="answer">{e(answer)}'
                     "</blockquote></li>")
    return f'<ol class="rated">{"".join(items)}</ol>'


def _sections(summary: Summary) -> str:
    if not summary.top_sections:
        return '<p class="hint">None in this period.</p>'
    rows = "".join(
        f'<tr><td class="text"><a href="{e(article_url(s.document, anchor=s.anchor))}">{e(s.section)}</a></td>'
        f'<td class="count">{s.citations:,}</td></tr>' for s in summary.top_sections)
    return ('<table class="list"><thead><tr><th scope="col">Section</th>'
            f'<th scope="col" class="count">Answers citing it</th></tr></thead><tbody>{rows}</tbody></table>')


def _page(title: str, body: str) -> str:
    return html_page(e(title), body + "\n", "admin.css", '<a href="/">← The chat</a> · <a href="/article/">Articles</a>',
                     '\n<meta name="robots" content="noindex">')


# ------------------------------------------------------------------------ chart

CHART_WIDTH, CHART_HEIGHT = 720, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 8, 12, 30
MAX_DATE_LABELS = 8


def chart_svg(per_day: Sequence[tuple[str, dict[str, int]]]) -> str:
    """Stacked bars of questions per day by status, as SVG markup (each bar's numbers in a
    ``<title>`` tooltip; the page also has them as a table)."""
    n = max(len(per_day), 1)
    totals = [sum(c.values()) for _, c in per_day]
    top = _nice_ceiling(max(totals, default=0))
    plot_w, plot_h = CHART_WIDTH - _LEFT - _RIGHT, CHART_HEIGHT - _TOP - _BOTTOM
    base = _TOP + plot_h
    slot = plot_w / n
    bar = max(slot * 0.78, 0.6)
    parts = []
    for value in sorted({0, top // 2, top} if top % 2 == 0 else {0, top}):
        y = base - plot_h * value / top
        parts.append(f'<line class="grid" x1="{_LEFT}" x2="{CHART_WIDTH - _RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value:,}</text>')
    for i, (day, counts) in enumerate(per_day):
        x = _LEFT + i * slot + (slot - bar) / 2
        y = float(base)
        for status in STATUSES:
            count = counts.get(status, 0)
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            parts.append(f'<rect class="bar bar-{status}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                         f"<title>{e(day)}: {count:,} {e(STATUS_NAMES[status].lower())}</title></rect>")
    step = max(1, -(-n // MAX_DATE_LABELS))
    for i in sorted({*range(0, n, step), n - 1}):
        if i >= len(per_day) or (i != n - 1 and n - 1 - i < step / 2):
            continue  # keep the last date's label clear of the one before it
        x = _LEFT + i * slot + slot / 2
        parts.append(f'<text class="axis" x="{x:.1f}" y="{CHART_HEIGHT - 10}" text-anchor="middle">'
                     f"{e(per_day[i][0][5:])}</text>")
    total = sum(totals)
    if per_day:
        busiest = max(range(len(per_day)), key=lambda i: totals[i])
        desc = (f"{total:,} questions from {per_day[0][0]} to {per_day[-1][0]}"
                + (f"; the busiest day was {per_day[busiest][0]} with {totals[busiest]:,}." if total else "."))
    else:
        desc = "No days."
    return (f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" '
            f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="chart-title">Questions per day by status</title><desc id="chart-desc">{e(desc)}</desc>'
            f'{"".join(parts)}<line class="baseline" x1="{_LEFT}" x2="{CHART_WIDTH - _RIGHT}" y1="{base}" '
            f'y2="{base}"/></svg>')


def _nice_ceiling(value: int) -> int:
    """The top of the axis: the first of 2, 3, 4, 5, 6, 8, 10, 15, 20, 25, 30, 40, ... at least ``value``."""
    magnitude = 1
    while True:
        for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8):
            top = step * magnitude
            if top >= max(value, 2) and top == int(top):
                return int(top)
        magnitude *= 10


# ------------------------------------------------------------------------ CSV


def csv_cell(text: str) -> str:
    """A text cell no spreadsheet runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_lines(questions: Iterable[Question]) -> Iterator[str]:
    """The question log as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(row: Sequence[str]) -> str:
        writer.writerow(row)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff" + line(CSV_COLUMNS)
    for q in questions:
        cited = "; ".join(f"{s.get('document', '')}#{s.get('anchor', '')}" for s in q.sections)
        yield line((q.time, q.source, q.status, csv_cell(q.question), csv_cell(cited)))
