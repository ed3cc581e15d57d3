"""The browser chat, built with Gradio 6: the full page at ``/`` and a compact view at ``/embed/``
for the widget. Formatting helpers are plain functions so they can be tested without a server;
gradio is imported only where the UI is built."""

from __future__ import annotations

import hashlib
import html
import logging
import re
from typing import Any, Iterator

from ..answer import Answer, Citation, without_sources
from ..core import Assistant
from .article import article_url
from ..errors import IndexStoreError, StoreError
from ..question_log import QuestionLog
from ..store import RecordStore
from ..store.records import Feedback, clip, new_key
from .api import RateLimited, RateLimiter

log = logging.getLogger(__name__)

EMERGENCY_NOTICE = (
    "**When to get help now:** call your emergency number or go to A&E/the ER if back pain comes "
    "with numbness around the groin or buttocks, new trouble controlling your bladder or bowels, "
    "weakness or numbness in both legs, chest pain, or follows a serious fall or accident."
)
EMERGENCY_NOTICE_SHORT = (
    "**Get help now** (emergency number, A&E/ER) for back pain with numbness around the groin, "
    "bladder or bowel trouble, weakness in both legs, chest pain, or after a serious fall."
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>$])")
_MARKER = re.compile(r"\[(\d+)\](?!\()")

CSS = """
.notice-emergency { border-left: 4px solid #b42318; background: #fef3f2; color: #55160c;
  padding: 8px 12px; border-radius: 6px; }
.notice-emergency p { margin: 0; }
.reply-urgent { border-left: 4px solid #b42318; background: #fef3f2; color: #55160c;
  padding: 4px 12px; border-radius: 6px; }
.reply-out-of-scope { border-left: 4px solid #b54708; padding: 4px 12px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { display: none !important; }
"""
EMBED_CSS = CSS + """
.gradio-container { padding: 0 !important; max-width: 100% !important; }
.gradio-container .main { padding: 8px !important; }
.notice-emergency { font-size: 0.85em; padding: 6px 10px; }
"""
# Gradio puts a second, unnamed button inside the (already focusable, Enter-operated) title of a
# message's collapsible panel, our "Sources": take it out of the tab order and the
# accessibility tree, so keyboard and screen-reader users meet one control, not two.
HEAD = """<script>
new MutationObserver(function () {
  document.querySelectorAll('[data-testid="bot"] [role="button"] button:not([inert])').forEach(function (b) {
    b.setAttribute("inert", "");
    b.setAttribute("tabindex", "-1");
    b.setAttribute("aria-hidden", "true");
  });
}).observe(document.documentElement, {subtree: true, childList: true});
</script>"""
# Inside the widget's frame: Escape closes the panel; the question box gets the cursor when the
# frame first shows and whenever the widget reopens it (the box may not be rendered yet).
EMBED_HEAD = HEAD + """<script>
(function () {
  if (window.parent === window) return;
  function focusBox(tries) {
    var box = document.querySelector("textarea");
    if (box) { box.focus(); } else if (tries < 100) { setTimeout(function () { focusBox(tries + 1); }, 100); }
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") window.parent.postMessage({type: "backpain-widget:close"}, "*");
  });
  window.addEventListener("message", function (e) {
    if (e.data && e.data.type === "backpain-widget:focus") focusBox(0);
  });
  focusBox(0);
})();
</script>"""


def text_of(content: Any) -> str:
    """Message content from the browser (a list of parts) or the API (a string), as text."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, (list, tuple)):
        return " ".join(text_of(part) for part in content)
    return ""


def history_turns(history: list[Any] | None) -> list[dict[str, str]]:
    """Gradio's message history as the ``[{"role", "content"}]`` list ``Assistant.ask`` takes."""
    turns = []
    for message in history or []:
        fields = message if isinstance(message, dict) else vars(message)  # dict or gr.ChatMessage
        role, content, metadata = fields.get("role"), fields.get("content", ""), fields.get("metadata")
        if role in ("user", "assistant") and not (metadata and metadata.get("title")):
            text = text_of(content)
            turns.append({"role": role, "content": user_text(text) if role == "user" else text})
    return turns


def citation_link(citation: Citation) -> str:
    """The article view with the cited sentence highlighted."""
    return article_url(citation.document, quote=citation.quote)


def linked_markers(text: str, citations: tuple[Citation, ...]) -> str:
    """Each ``[n]`` marker as a Markdown link to its citation in the article view."""
    by_n = {c.n: c for c in citations}

    def link(match: re.Match[str]) -> str:
        citation = by_n.get(int(match.group(1)))
        if citation is None:
            return match.group(0)
        title = html.escape(f"Source {citation.n}: {citation.section}").replace('"', "&quot;")
        return f'[[{citation.n}]]({citation_link(citation)} "{title}")'

    return _MARKER.sub(link, text)


def in_article_view(text: str, article_links: dict[str, str]) -> str:
    """``text`` with each link to a whole article (``Assistant.article_links``: where the API's
    answers point) pointing at the chat's own article view instead."""
    for document, link in article_links.items():
        text = text.replace(f"]({link})", f"]({article_url(document)})")
    return text


def reply_markdown(answer: Answer, text: str | None = None) -> str:
    """An answer (or a streamed prefix of it) as shown in the chat: citation markers linked,
    the Sources list left to its own panel, urgent and out-of-scope replies marked out."""
    body = linked_markers(without_sources(answer.answer) if text is None else text, answer.citations)
    if answer.status == "urgent":
        return f'<div class="reply-urgent" role="alert">\n\n{body}\n\n</div>'
    if answer.status == "out_of_scope":
        return f'<div class="reply-out-of-scope">\n\n{body}\n\n</div>'
    return body


def sources_markdown(answer: Answer) -> str:
    """The cited sections and quotes, for the collapsible Sources panel (text escaped)."""
    lines = []
    for c in answer.citations:
        lines.append(f"**[{c.n}] [{html.escape(c.section)}]({citation_link(c)})**  \n> {html.escape(c.quote)}")
    return "\n\n".join(lines)


def chunks_of(text: str, size: int = 40) -> Iterator[str]:
    """Growing prefixes of the answer, cut at spaces, for streaming."""
    end = 0
    while end < len(text):
        end = text.find(" ", end + size)
        end = len(text) if end == -1 else end
        yield text[:end]


def user_bubble(message: str) -> str:
    """The user's text as shown in the chat: HTML and Markdown escaped, so it always reads as
    typed, whatever it contains (tags, ``**``, unclosed code fences, tables)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(message, quote=False))


def user_text(bubble: str) -> str:
    """What the user typed, back from :func:`user_bubble`."""
    return html.unescape(_ESCAPED.sub(r"\1", bubble))


UNAVAILABLE = ("Sorry, the assistant cannot search its articles right now. Please try again in a minute. "
               "If your back pain is severe or getting worse, see a doctor or physiotherapist.")


def slow_down(seconds: int) -> str:
    return (f"You are asking questions faster than this chat allows. Please wait {seconds} seconds "
            "and ask again.")


def feedback_record(answer: dict[str, Any], liked: Any, source: str, session: str | None = None,
                    message: int | None = None) -> Feedback | None:
    """What a thumbs up/down on an answer stores; None for an undone rating.

    Its key is derived from the chat session, the message and the rating, so the same rating of
    the same message (a double click, a resent event) is stored once.
    """
    if liked is True or liked == "Like":
        rating = "up"
    elif liked is False or liked == "Dislike":
        rating = "down"
    else:
        return None
    key = new_key() if session is None else hashlib.sha256(
        f"{source}\0{session}\0{message}\0{rating}".encode()).hexdigest()[:32]
    return Feedback(rating=rating, question=clip(answer["question"]), answer=clip(answer["answer"]),
                    citations=tuple(answer["citations"]), status=answer["status"], source=source, key=key)


def build(bot: Assistant, store: RecordStore | None = None, compact: bool = False,
          limiter: RateLimiter | None = None, question_log: QuestionLog | None = None) -> Any:
    """The chat page; ``compact`` is the small view the widget frames. ``limiter`` counts each
    client's questions (the same limit as the API, counted separately); ``question_log`` records
    them when the server keeps one."""
    import gradio as gr

    source = "widget" if compact else "chat"

    def add_user(message: str, history: list[Any]) -> tuple[str, list[Any], str]:
        text = text_of(message)
        if not text.strip():  # Enter on an empty box: nothing to ask
            return "", list(history or []), ""
        return "", [*(history or []), {"role": "user", "content": user_bubble(text)}], text

    def respond(message: str, history: list[Any], rated: dict[int, dict[str, Any]], request: Any = None
                ) -> Iterator[tuple[list[Any], dict[int, dict[str, Any]]]]:
        if not message.strip():
            yield history, rated
            return
        try:
            if limiter is not None:
                limiter.hit(request.client.host if request and request.client else "unknown", "chat")
        except RateLimited as exc:
            yield [*history, {"role": "assistant", "content": slow_down(exc.retry_after)}], rated
            return
        earlier = history_turns(history[:-1])
        try:
            answer = bot.ask(message, history=earlier)
        except (StoreError, IndexStoreError) as exc:  # pgvector away: say so in the chat
            log.error("chat answer failed: %r", str(exc))
            yield [*history, {"role": "assistant", "content": UNAVAILABLE}], rated
            return
        if question_log is not None:
            question_log.record(answer, source)
        history = list(history) + [{"role": "assistant", "content": ""}]
        shown_text = in_article_view(without_sources(answer.answer), bot.article_links)
        for prefix in chunks_of(shown_text):
            history[-1] = {"role": "assistant", "content": reply_markdown(answer, prefix)}
            yield history, rated
        history[-1] = {"role": "assistant", "content": reply_markdown(answer, shown_text)}
        shown = [len(history) - 1]  # the messages a thumbs up/down on this answer can come from
        if answer.citations:
            history.append({"role": "assistant", "content": sources_markdown(answer),
                            "metadata": {"title": "Sources", "status": "done"}})
            shown.append(len(history) - 1)
        yield history, {**rated, **dict.fromkeys(shown, answer.to_dict())}

    def on_like(rated: dict[int, dict[str, Any]], data: Any, request: Any = None) -> None:
        index = data.index if isinstance(data.index, int) else data.index[0]
        answer = rated.get(index)
        session = getattr(request, "session_hash", None) if request is not None else None
        record = feedback_record(answer, data.liked, source, session, index) if answer else None
        if record and store is not None:
            try:
                store.add_feedback(record)
            except StoreError as exc:  # the chat goes on; the failure is logged on one line
                log.error("feedback not stored: %r", str(exc))

    on_like.__annotations__["data"] = gr.LikeData  # how Gradio knows to pass the event data
    on_like.__annotations__["request"] = gr.Request
    respond.__annotations__["request"] = gr.Request  # and the client's address

    with gr.Blocks(title="Back pain & running assistant") as demo:
        if compact:  # the widget's panel shows the title; screen readers still get a heading
            gr.Markdown("# Back pain and running chat", elem_classes=["sr-only"])
        else:
            gr.Markdown("# Lower back pain & running\nAnswers come only from the articles, "
                        "with a source for every sentence. [Read the articles](/article/)")
        gr.Markdown(EMERGENCY_NOTICE_SHORT if compact else EMERGENCY_NOTICE, elem_classes=["notice-emergency"])
        chatbot = gr.Chatbot(label="Chat", show_label=not compact, height="calc(100vh - 330px)" if compact else 520, min_height=220,
                             feedback_options=("Like", "Dislike"), buttons=["copy"],
                             placeholder="Ask a question about lower back pain and running.")
        box = gr.Textbox(placeholder="Ask about back pain and running…", label="Your question",
                         max_length=bot.settings.max_question_chars, submit_btn="Ask", autofocus=not compact)
        if bot.suggestions:
            gr.Examples(examples=[[q] for q in bot.suggestions], inputs=box, label="Try asking")
        pending = gr.State("")
        rated = gr.State({})
        box.submit(add_user, [box, chatbot], [box, chatbot, pending], queue=False,
                   api_visibility="private").then(respond, [pending, chatbot, rated], [chatbot, rated],
                                                  api_name="ask", api_visibility="private")
        chatbot.like(on_like, [rated], None, api_visibility="private")
    return demo
