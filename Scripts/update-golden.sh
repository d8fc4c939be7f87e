#!/usr/bin/env bash
# Rewrites Tests/Fixtures/golden from the current code (review the diff before committing).
set -euo pipefail
cd "$(dirname "$0")/.."
OPENNOK_UPDATE_GOLDEN=1 swift test ${SCRATCH:+--scratch-path "$SCRATCH"} --filter AssessmentReportingTests
git status --short Tests/Fixtures/golden
