#!/usr/bin/env python3
"""Opens an Orgcraft HTML report in headless Chromium (Debian's package) and checks that it
renders, that its charts are present, and that loading it made no network request.

    .ci/check-report.py REPORT_DIR/index.html [SCREENSHOT.png]

Exit 0 when all checks pass; prints what failed otherwise.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

page = os.path.abspath(sys.argv[1])
shot = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    sys.exit("check-report: chromium is not installed (apt-get install chromium)")

tmp = tempfile.mkdtemp(prefix="orgcraft-report-")
netlog = os.path.join(tmp, "netlog.json")
# The flags the machine notes recommend: no background traffic of Chromium's own, so any
# request in the net log comes from the page.
base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + os.path.join(tmp, "profile")]
dom = subprocess.run(base + ["--log-net-log=" + netlog, "--dump-dom", "file://" + page],
                     capture_output=True, text=True, timeout=120)
if dom.returncode != 0:
    sys.exit("check-report: chromium failed (%d): %s" % (dom.returncode, dom.stderr[-2000:]))
html = dom.stdout
problems = []
for needle in ["<svg class=\"chart\"", "<svg class=\"quadrant\"", "<polyline", "Questions for the debrief",
               "What moved the scores", "Luck and skill", "Key decisions"]:
    if needle not in html:
        problems.append("rendered page lacks %r" % needle)
if html.count("<polyline") < 3:
    problems.append("expected 3 chart lines, found %d" % html.count("<polyline"))

# A request the page made carries the page's origin as initiator ("null" for a file); the
# browser's own background requests (update checks, clock sync) are marked "not an origin"
# and are not the page's doing, so they are listed but not counted.
try:
    text = open(netlog).read().rstrip().rstrip(",")
    if not text.endswith("}"):
        text += "]}"
    events = json.loads(text).get("events", [])
except (OSError, ValueError) as e:
    sys.exit("check-report: cannot read chromium's net log: %s" % e)
urls = sorted({e.get("params", {}).get("url", "") for e in events} - {""})
page_urls = sorted({e["params"]["url"] for e in events
                    if "url" in e.get("params", {})
                    and "initiator" in e["params"]
                    and e["params"]["initiator"] != "not an origin"})
remote = [u for u in page_urls if not u.startswith(("file:", "data:", "about:", "chrome:"))]
if remote:
    problems.append("network requests made: %s" % ", ".join(remote))

if shot:
    subprocess.run(base + ["--hide-scrollbars", "--window-size=1100,1500", "--screenshot=" + shot,
                           "file://" + page], capture_output=True, timeout=120, check=True)
    if not os.path.exists(shot) or os.path.getsize(shot) < 10000:
        problems.append("screenshot %s missing or tiny" % shot)

if problems:
    sys.exit("check-report: " + "; ".join(problems))
browser_own = [u.split("?")[0] for u in urls if u not in page_urls]
print("report ok: rendered in Chromium, %d chart lines, no network request from the page "
      "(page loads: %s; Chromium's own background requests ignored: %d)"
      % (html.count("<polyline"), ", ".join(page_urls) or "none", len(browser_own)))
