"""Start the chat server on the bundled corpus: ``python app.py [--host H] [--port P]``."""

from __future__ import annotations

import argparse
import os
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description="Start the back pain & running chat.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ASSISTANT_PORT", 7860)))
    args = parser.parse_args()
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

    from assistant import Assistant
    from assistant.errors import AssistantError
    from assistant.web.ui import build

    try:
        bot = Assistant.load()
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    demo = build(bot)
    demo.queue(default_concurrency_limit=4, max_size=64)
    print(f"Chat at http://{args.host}:{args.port}/", file=sys.stderr)
    demo.launch(server_name=args.host, server_port=args.port, ssr_mode=False, footer_links=[],
                show_error=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
