#!/usr/bin/env bash
# Checks that a run's report.html renders in a headless Chromium: the DOM Chromium builds has one
# bar per attempt in run.json (same steps, same attempt numbers, same outcomes), and a screenshot
# of the page shows the bars' colours.
#
#   scripts/check-report.sh RUN_DIR [OUT_DIR]
#
# RUN_DIR is a run directory of `esteira run` (it holds run.json and report.html). OUT_DIR
# (default RUN_DIR/report-check) receives dom.html and screenshot.png.
#
# Installs nothing: it uses the Chromium it finds ($CHROMIUM, else chromium, chromium-browser,
# google-chrome or google-chrome-stable on PATH) and python3. Without a Chromium it says so and
# exits with 3, so a caller can tell "not checked" from "checked and wrong" (exit 1).
# CI does not run it; on Debian or Ubuntu, `apt-get install chromium` provides one.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 RUN_DIR [OUT_DIR]" >&2
  exit 2
fi
run_dir=$(cd "$1" && pwd)
out_dir=${2:-$run_dir/report-check}
for f in run.json report.html; do
  if [[ ! -f $run_dir/$f ]]; then
    echo "check-report: $run_dir has no $f; give the directory of a finished esteira run" >&2
    exit 2
  fi
done

browser=${CHROMIUM:-}
if [[ -z $browser ]]; then
  for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$candidate" >/dev/null 2>&1; then
      browser=$(command -v "$candidate")
      break
    fi
  done
fi
if [[ -z $browser ]]; then
  echo "check-report: no Chromium found (set CHROMIUM, or install one, e.g. apt-get install" \
    "chromium); report not checked" >&2
  exit 3
fi

mkdir -p "$out_dir"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# --no-sandbox: Chromium refuses to start as root with its sandbox; the page is our own file.
flags=(--headless --disable-gpu --no-sandbox --no-first-run --user-data-dir="$profile"
  --hide-scrollbars --window-size=1280,900)
url="file://$run_dir/report.html"
"$browser" "${flags[@]}" --dump-dom "$url" >"$out_dir/dom.html" 2>"$out_dir/chromium.log"
"$browser" "${flags[@]}" --screenshot="$out_dir/screenshot.png" "$url" >>"$out_dir/chromium.log" 2>&1

python3 - "$run_dir/run.json" "$out_dir/dom.html" "$out_dir/screenshot.png" <<'PY'
import json
import struct
import sys
import zlib
from html.parser import HTMLParser

run_json, dom_file, png_file = sys.argv[1:4]
with open(run_json, encoding="utf-8") as f:
    record = json.load(f)
expected = sorted(
    (step["id"], attempt["number"], (attempt["outcome"] or "running").lower().replace("_", "-"))
    for step in record["steps"]
    for attempt in step["attempts"]
)


class Bars(HTMLParser):
    def __init__(self):
        super().__init__()
        self.bars = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "rect" and "bar" in (a.get("class") or "").split():
            self.bars.append((a.get("data-step"), int(a.get("data-attempt")), a.get("data-outcome")))


parser = Bars()
with open(dom_file, encoding="utf-8") as f:
    parser.feed(f.read())
found = sorted(parser.bars)
problems = []
if found != expected:
    problems.append(f"bars in the DOM {found} differ from the attempts in run.json {expected}")


def pixels(path):
    """The RGB(A) rows of an 8-bit, non-interlaced PNG, as Chromium writes screenshots."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            channels = {2: 3, 6: 4}.get(colour)
            if depth != 8 or channels is None or interlace:
                raise ValueError("unsupported PNG layout")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        prev = line
    return rows, channels


COLOURS = {"succeeded": (0x1A, 0x7F, 0x37), "failed": (0xCF, 0x22, 0x2E), "timed-out": (0xBC, 0x4C, 0x00)}
try:
    rows, channels = pixels(png_file)
    seen = set()
    for row in rows:
        for x in range(0, len(row), channels):
            rgb = tuple(row[x : x + 3])
            for name, colour in COLOURS.items():
                if all(abs(a - b) <= 6 for a, b in zip(rgb, colour)):
                    seen.add(name)
    for outcome in {o for _, _, o in expected if o in COLOURS}:
        if outcome not in seen:
            problems.append(f"the screenshot shows no {outcome} bar colour")
except (OSError, ValueError, zlib.error) as e:
    problems.append(f"cannot read the screenshot: {e}")

if problems:
    print("check-report: FAILED", file=sys.stderr)
    for p in problems:
        print("  " + p, file=sys.stderr)
    sys.exit(1)
print(f"check-report: ok: {len(found)} bars for {len(expected)} attempts; screenshot {png_file}")
PY
