#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, layer check, build, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh

python3 Scripts/check-layers.py
# Independent readers for the XLSX and DOCX tests.
python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install --quiet openpyxl 2>/dev/null \
  || python3 -m pip install --quiet --break-system-packages openpyxl
python3 -c "import docx" 2>/dev/null || python3 -m pip install --quiet python-docx 2>/dev/null \
  || python3 -m pip install --quiet --break-system-packages python-docx
swift build --build-tests
swift test --skip-build
# The HTML reports' golden files must render in a real browser.
Scripts/render-html.sh .build/rendered Tests/Fixtures/golden

# Smoke test of the benchmark script (Scripts/bench): a tiny synthetic region through the debug build,
# OpenNOK's scores against the pandas reference to 2 decimals for every institution. Timings are not judged.
OPENNOK_BENCH_BIN=$(swift build --show-bin-path) Scripts/bench/run.sh --smoke
# The survey server in a real headless browser (installs Chromium and selenium itself; about 30 s).
Scripts/test-browser.sh
