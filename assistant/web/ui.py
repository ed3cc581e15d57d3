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
        role = message.get("role") if isinstance(message, dict) else getattr(message, "role", None)
        content = message.get("content") if isinstance(message, dict) else getattr(message, "content", "")
        metadata = message.get("metadata") if isinstance(message, dict) else getattr(message, "metadata", None)
        if role in ("user", "assistant") and not (metadata and metadata.get("title")):
            turns.append({"role": role, "content": text_of(content)})
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


def build(bot: Assistant) -> Any:
    import gradio as gr

    def respond(message: str, history: list[Any]) -> Iterator[Any]:
        answer = bot.ask(text_of(message), history=history_turns(history))
        for prefix in chunks_of(answer.answer):
            yield prefix
        if answer.citations:
            yield [
                gr.ChatMessage(role="assistant", content=answer.answer),
                gr.ChatMessage(role="assistant", content=sources_markdown(answer),
                               metadata={"title": "Sources", "status": "done"}),
            ]

    with gr.Blocks(title="Back pain & running assistant") as demo:
        gr.Markdown("# Lower back pain & running\nAnswers come only from the articles, with a source for every sentence.")
        gr.Markdown(EMERGENCY_NOTICE)
        gr.ChatInterface(
            respond,
            examples=list(bot.suggestions) or None,
            api_name="ask",
            chatbot=gr.Chatbot(label="Chat", height=520),
            textbox=gr.Textbox(placeholder="Ask about back pain and running…", label="Your question",
                               max_length=bot.settings.max_question_chars),
        )
    return demo
