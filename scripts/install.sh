#!/usr/bin/env bash
# Create .venv and install Zorgnet into it (editable). Re-runs are quick: the
# install is skipped while pyproject.toml is unchanged.
#   scripts/install.sh            the app and CLI
#   scripts/install.sh test       plus the test tools
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
py="${PYTHON:-python3}"
command -v "$py" >/dev/null || { echo "install: python3 not found (3.10 or newer needed)" >&2; exit 2; }
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=".venv/.zorgnet-installed-$(sha256sum pyproject.toml | cut -c1-16)${extra:+-$extra}"
if [ ! -f "$stamp" ]; then
  echo "install: installing Zorgnet into .venv (first time takes a few minutes)" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra:+[$extra]}"
  rm -f .venv/.zorgnet-installed-*
  touch "$stamp"
fi
