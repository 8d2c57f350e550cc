"""Times a few dispatch commands against peers doing the same job (glow
rendering the same article, newsboat printing its unread count).

    python3 docs/bench/cmp-peers.py [RUNS]
    LIBRARY=/tmp/dispatch-benchcorpus-2025-100000 python3 docs/bench/cmp-peers.py 11

Run from anywhere: dispatch is built from this checkout into a temporary
folder (or set DISPATCH to a binary), glow and newsboat are taken from PATH
(GLOW, NEWSBOAT to name others) and left out when missing. Every XDG folder
points into the temporary folder, so nothing of yours is read or written.
Prints the median and the fastest of RUNS runs (default 21) of each, the
commands run in turn so that the machine's drift falls on all alike.

With LIBRARY, a folder of articles (internal/benchcorpus writes them), the
library is those articles as fetched feed items (linked, not copied, where
the file system allows): dispatch searches a rare and a common word and
reads the middle article, beside SQLite FTS5 (sqlite3, porter stemmer)
searching the same files, its database built first, and glow rendering
the same article.
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

library = os.environ.get("LIBRARY")
cmds = {}
if library:
    # as dispatch lists them: folder by folder, each in name order
    def walk(d):
        for e in sorted(os.scandir(d), key=lambda e: e.name):
            if e.name.startswith("."):
                continue
            if e.is_dir(follow_symlinks=False):
                yield from walk(e.path)
            elif e.name.endswith(".md"):
                yield e.path
    feeds = work / "data" / "dispatch" / "feeds"
    feeds.parent.mkdir(parents=True)
    if subprocess.run(["cp", "-al", library, str(feeds)]).returncode != 0:
        shutil.rmtree(feeds, ignore_errors=True)
        subprocess.run(["cp", "-r", library, str(feeds)], check=True)
    (feeds / ".complete").unlink(missing_ok=True)
    (feeds / ".journal").write_text("dispatch journal 1 00000000000000a1\n")  # as a first fetch starts it
    files = list(walk(feeds))
    middle = len(files) // 2
    article = Path(files[middle - 1])
    db = work / "fts.db"
    t = time.perf_counter()
    subprocess.run(["sqlite3", str(db), "CREATE VIRTUAL TABLE docs USING fts5(path, body, tokenize='porter');",
                    f"INSERT INTO docs SELECT name, readfile(name) FROM fsdir('{feeds}') WHERE name LIKE '%.md';"], check=True)
    print(f"FTS5 database built in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    subprocess.run([dispatch, "index"], env=env, capture_output=True, check=True)
    print(f"dispatch index built in {time.perf_counter() - t:.1f} s")
    for word in ("zelvorantic", "talks"):
        cmds[f"dispatch search {word}"] = [dispatch, "search", word]
        cmds[f"FTS5 {word}"] = ["sqlite3", str(db), f"SELECT path FROM docs WHERE docs MATCH '{word}' ORDER BY rank LIMIT 10;"]
    cmds[f"dispatch read {middle} --width 80"] = [dispatch, "read", str(middle), "--width", "80"]
else:
    cmds["dispatch read 1 --width 80"] = [dispatch, "read", "1", "--width", "80"]
if glow:
    cmds["glow -s dark -w 80 (same file)"] = [glow, "-s", "dark", "-w", "80", str(article)]
if not library:
    cmds["dispatch list"] = [dispatch, "list"]
if newsboat and not library:
    nb = work / "newsboat"
    nb.mkdir()
    for name in ("urls", "config"):
        (nb / name).write_text("")
    cmds["newsboat -x print-unread"] = [newsboat, "-u", str(nb / "urls"), "-c", str(nb / "cache.db"),
                                        "-C", str(nb / "config"), "-x", "print-unread"]
cmds["dispatch --version"] = [dispatch, "--version"]

try:
    if not library:
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
