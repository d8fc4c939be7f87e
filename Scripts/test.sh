#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, layer check, build, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh

python3 Scripts/check-layers.py
swift build --build-tests
swift test --skip-build
# The HTML reports' golden files must render in a real browser.
Scripts/render-html.sh .build/rendered Tests/Fixtures/golden
