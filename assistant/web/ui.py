"""The browser chat, built with Gradio 6. Formatting helpers are plain functions so they can be
tested without a server; gradio is imported only where the UI is built."""

from __future__ import annotations

import html
from typing import Any, Iterator

from ..answer import Answer
from ..core import Assistant

EMERGENCY_NOTICE = (
    "**When to get help now:** call your emergency number or go to A&E/the ER if back pain comes "
    "with numbness around the groin or buttocks, new trouble controlling your bladder or bowels, "
    "weakness or numbness in both legs, chest pain, or follows a serious fall or accident."
)


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
            turns.append({"role": role, "content": html.unescape(text) if role == "user" else text})
    return turns


def sources_markdown(answer: Answer) -> str:
    """The cited sections and quotes, for the collapsible Sources panel (quotes escaped)."""
    lines = []
    for c in answer.citations:
        lines.append(f"**[{c.n}] {html.escape(c.section)}**  \n> {html.escape(c.quote)}")
    return "\n\n".join(lines)


def chunks_of(text: str, size: int = 40) -> Iterator[str]:
    """Growing prefixes of the answer, cut at spaces, for streaming."""
    end = 0
    while end < len(text):
        end = text.find(" ", end + size)
        end = len(text) if end == -1 else end
        yield text[:end]


def user_bubble(message: str) -> str:
    """The user's text as shown in the chat: HTML-escaped, so it always reads as typed text."""
    return html.escape(message, quote=False)


def build(bot: Assistant) -> Any:
    import gradio as gr

    def add_user(message: str, history: list[Any]) -> tuple[str, list[Any], str]:
        text = text_of(message)
        return "", [*(history or []), {"role": "user", "content": user_bubble(text)}], text

    def respond(message: str, history: list[Any]) -> Iterator[list[Any]]:
        earlier = history_turns(history[:-1])
        answer = bot.ask(message, history=earlier)
        history = list(history) + [{"role": "assistant", "content": ""}]
        for prefix in chunks_of(answer.answer):
            history[-1] = {"role": "assistant", "content": prefix}
            yield history
        if answer.citations:
            history.append({"role": "assistant", "content": sources_markdown(answer),
                            "metadata": {"title": "Sources", "status": "done"}})
            yield history

    with gr.Blocks(title="Back pain & running assistant") as demo:
        gr.Markdown("# Lower back pain & running\nAnswers come only from the articles, with a source for every sentence.")
        gr.Markdown(EMERGENCY_NOTICE)
        chatbot = gr.Chatbot(label="Chat", height=520)
        box = gr.Textbox(placeholder="Ask about back pain and running…", label="Your question",
                         max_length=bot.settings.max_question_chars, submit_btn=True)
        if bot.suggestions:
            gr.Examples(examples=[[q] for q in bot.suggestions], inputs=box, label="Try asking")
        pending = gr.State("")
        box.submit(add_user, [box, chatbot], [box, chatbot, pending], queue=False,
                   api_visibility="private").then(respond, [pending, chatbot], chatbot, api_name="ask")
    return demo
