#!/usr/bin/env bash
# Install Zorgnet (once) and open the app on the embedded database with the demo graph.
# Extra arguments go to `zorgnet app` (e.g. --port 8600 --headless).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/zorgnet app "$@"
