"""Start the chat server on the bundled corpus: ``python app.py [--host H] [--port P]``.

The same as ``python -m assistant serve``: the chat UI at ``/``, the JSON API under ``/api``
(docs at ``/docs``) and the embeddable widget (``/widget.js``, ``/widget-demo``).
"""

from __future__ import annotations

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
