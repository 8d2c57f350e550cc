"""Times a few dispatch commands against peers doing the same job (glow
rendering the same article, newsboat printing its unread count).

    python3 docs/bench/cmp-peers.py [RUNS]

Run from anywhere: dispatch is built from this checkout into a temporary
folder (or set DISPATCH to a binary), glow and newsboat are taken from PATH
(GLOW, NEWSBOAT to name others) and left out when missing. Every XDG folder
points into the temporary folder, so nothing of yours is read or written.
Prints the median and the fastest of RUNS runs (default 21) of each.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

repo = Path(__file__).resolve().parents[2]
work = Path(tempfile.mkdtemp(prefix="cmp-peers-"))
env = dict(os.environ, NO_COLOR="1", **{
    var: str(work / name) for var, name in
    [("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")]})

dispatch = os.environ.get("DISPATCH")
if not dispatch:
    dispatch = str(work / "dispatch")
    subprocess.run(["go", "build", "-o", dispatch, "."], cwd=repo, check=True)
glow = shutil.which(os.environ.get("GLOW", "glow"))
newsboat = shutil.which(os.environ.get("NEWSBOAT", "newsboat"))
article = sorted((repo / "articles").glob("*.md"))[0]

cmds = {"dispatch read 1 --width 80": [dispatch, "read", "1", "--width", "80"]}
if glow:
    cmds["glow -s dark -w 80 (same file)"] = [glow, "-s", "dark", "-w", "80", str(article)]
cmds["dispatch list"] = [dispatch, "list"]
if newsboat:
    nb = work / "newsboat"
    nb.mkdir()
    for name in ("urls", "config"):
        (nb / name).write_text("")
    cmds["newsboat -x print-unread"] = [newsboat, "-u", str(nb / "urls"), "-c", str(nb / "cache.db"),
                                        "-C", str(nb / "config"), "-x", "print-unread"]
cmds["dispatch --version"] = [dispatch, "--version"]

try:
    subprocess.run(cmds["dispatch list"], env=env, capture_output=True)  # the index cache, written once
    times = {k: [] for k in cmds}
    for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 21):
        for k, c in cmds.items():
            t = time.perf_counter()
            r = subprocess.run(c, env=env, capture_output=True)
            times[k].append(time.perf_counter() - t)
            if r.returncode != 0 and i == 0:
                print(k, "exit", r.returncode, r.stderr[:200])
    for k, v in times.items():
        print(f"{k:40s} median {statistics.median(v) * 1000:6.1f} ms  (min {min(v) * 1000:.1f})")
    for k in ("glow", "newsboat"):
        if not (glow if k == "glow" else newsboat):
            print(f"{k}: not on PATH, left out")
finally:
    shutil.rmtree(work, ignore_errors=True)
