#!/usr/bin/env bash
# Set up on a fresh machine and start the chat on the bundled corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
# WordNet 3.0 for the thesaurus (answers still work without it, with less help for everyday words).
if [ ! -f /usr/share/wordnet/data.noun ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q && apt-get install -y -q wordnet-base wordnet-sense-index
    else
        echo "note: WordNet is not installed (sudo apt-get install wordnet-base); answering without the thesaurus." >&2
    fi
fi
export PIP_NO_CACHE_DIR=1  # the wheels are not needed again once installed (scripts/test.sh)
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "torch==2.13.0"
"$VENV/bin/python" -m pip install --quiet -e .
exec "$VENV/bin/python" app.py "$@"
