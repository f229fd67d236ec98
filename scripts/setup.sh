#!/usr/bin/env bash
# Create .venv, install the locked dependencies (skipped when the lock has not changed) and Debian's
# chromium for the browser tests (skipped when a chromium is already on PATH; never a downloaded browser).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r requirements.lock
    echo "$want" > "$stamp"
fi

if ! command -v chromium >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
        sudo=sudo
    fi
    if ! command -v apt-get >/dev/null 2>&1 || { [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; }; then
        echo "setup: the browser tests need Debian's chromium and this user cannot install it; as root run" \
             "'apt-get install -y chromium', or run the other tests: .venv/bin/python -m pytest -m 'not browser'" >&2
    else
        echo "setup: installing Debian's chromium for the browser tests (apt-get)" >&2
        export DEBIAN_FRONTEND=noninteractive
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq chromium >/dev/null
    fi
fi
