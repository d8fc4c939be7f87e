#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, layer check, build, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/setup.sh

python3 Scripts/check-layers.py
swift build --build-tests
swift test --skip-build

# Smoke test of the benchmark script (Scripts/bench): a tiny synthetic region through the debug build,
# OpenNOK's scores against the pandas reference to 2 decimals for every institution. Timings are not judged.
OPENNOK_BENCH_BIN=$(swift build --show-bin-path) Scripts/bench/run.sh --smoke
