#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, layer check, build, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh

python3 Scripts/check-layers.py
swift build --build-tests
swift test --skip-build
# The survey server in a real headless browser (installs Chromium and selenium itself; about 30 s).
Scripts/test-browser.sh
