#!/usr/bin/env python3
"""Checks the module arrows of DESIGN.md: kernel without adapters, plugins on the kernel only,
thin executables on the composition root only. Reads `swift package dump-package` (or a JSON file
given as the first argument) and the import lines of every target's sources. Exit 1 on a violation."""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYSTEM = {"Foundation", "FoundationEssentials", "Dispatch", "Synchronization", "Glibc", "Musl", "_Concurrency", "os"}

# target -> allowed dependencies (targets or products); None = anything.
RULES = {
    "AssessmentKernel": set(),
    "AssessmentConfig": {"AssessmentKernel", "Yams"},
    "AssessmentFiles": {"AssessmentKernel", "CSV"},
    "AssessmentReporting": {"AssessmentKernel"},
    "CXLSXWriter": set(),
    "AssessmentSpreadsheet": {"AssessmentKernel", "CXLSXWriter"},
    "AssessmentDocuments": {"AssessmentReporting", "ZIPFoundation"},
    "AssessmentStorage": {"AssessmentKernel", "GRDB", "GRDBSQLite", "Crypto", "CZstd"},  # GRDBSQLite: SQLite's C API, for the bulk import
    "SurveyServer": {"AssessmentKernel", "Hummingbird", "HummingbirdCore", "HummingbirdBcrypt", "Logging", "NIOCore", "HTTPTypes", "Crypto", "CQRencode"},
    "CQRencode": set(),
    "CZstd": set(),
}
EXECUTABLE_ALLOWED = {"AssessmentApp"}
PLUGIN_ALLOWED = {"AssessmentKernel"}


def dependency_names(target):
    names = []
    for dep in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dep:
                names.append(dep[kind][0])
    return names


def imports(path):
    found = set()
    pattern = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:public |internal |package |private |fileprivate )?import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)")
    for base, _, files in os.walk(path):
        for name in files:
            if name.endswith(".swift"):
                with open(os.path.join(base, name), encoding="utf-8") as handle:
                    for line in handle:
                        match = pattern.match(line)
                        if match:
                            found.add((match.group(1), os.path.join(base, name)))
    return found


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as handle:
            package = json.load(handle)
        check_sources = False
    else:
        dump = subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, capture_output=True, text=True, check=True)
        package = json.loads(dump.stdout)
        check_sources = True
    problems = []
    for target in package["targets"]:
        name, kind, path = target["name"], target["type"], target.get("path") or ""
        deps = dependency_names(target)
        if kind == "test":
            continue
        if kind == "executable":
            allowed = EXECUTABLE_ALLOWED
        elif path.startswith("Plugins/"):
            allowed = PLUGIN_ALLOWED
        elif name in RULES:
            allowed = RULES[name]
        else:
            allowed = None
        if allowed is not None:
            for dep in deps:
                if dep not in allowed:
                    problems.append(f"{name} depends on {dep}; allowed: {', '.join(sorted(allowed)) or 'nothing'}")
        if check_sources and path:
            for module, source in sorted(imports(os.path.join(ROOT, path))):
                if module in SYSTEM or module == name:
                    continue
                if module not in deps:
                    problems.append(f"{os.path.relpath(source, ROOT)} imports {module}, which {name} does not declare")
    if problems:
        print("Layer check failed:")
        for problem in problems:
            print("  - " + problem)
        return 1
    print(f"Layer check passed: {sum(1 for t in package['targets'] if t['type'] != 'test')} targets follow DESIGN.md arrows.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
