#!/usr/bin/env bash
# Renders HTML reports to PNG with headless Chromium (Debian's chromium-headless-shell) and fails when a page
# does not render: usage Scripts/render-html.sh OUTPUT_DIR FILE.html... (or a folder: every *.html in it).
set -euo pipefail
out=$1; shift
mkdir -p "$out"
browser=$(command -v chromium-headless-shell || command -v chromium || true)
[ -n "$browser" ] || { echo "Не найден chromium-headless-shell: apt-get install chromium-headless-shell" >&2; exit 1; }
files=()
for arg in "$@"; do
  if [ -d "$arg" ]; then while IFS= read -r f; do files+=("$f"); done < <(find "$arg" -name '*.html' | sort); else files+=("$arg"); fi
done
rendered=0
for file in "${files[@]}"; do
  name=$(echo "${file#./}" | tr '/' '_'); png="$out/${name%.html}.png"
  rm -f "$png"
  log=$(timeout 60 "$browser" --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1500 \
        --screenshot="$png" "file://$(realpath "$file")" 2>&1) || { echo "$log" >&2; echo "Не отрисована: $file" >&2; exit 1; }
  if ! head -c 8 "$png" 2>/dev/null | grep -q PNG; then echo "$log" >&2; echo "Нет PNG для $file" >&2; exit 1; fi
  if echo "$log" | grep -E "ERROR:.*(CONSOLE|net::)" >&2; then echo "Ошибки при отрисовке $file" >&2; exit 1; fi
  rendered=$((rendered + 1))
done
echo "Отрисовано HTML-страниц: $rendered (PNG в $out)"
