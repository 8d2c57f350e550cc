import subprocess, time, statistics, os, sys
env = dict(os.environ, XDG_CACHE_HOME="/tmp/cmpcache", XDG_CONFIG_HOME="/tmp/cmpcfg", XDG_DATA_HOME="/tmp/cmpdata", XDG_STATE_HOME="/tmp/cmpstate", NO_COLOR="1")
art = sorted(f for f in os.listdir("/work/main/articles") if f.endswith(".md"))[0]
cmds = {
  "dispatch read 1 --width 80": ["/tmp/dispatch", "read", "1", "--width", "80"],
  "glow -s dark -w 80 (same file)": ["/tmp/glow", "-s", "dark", "-w", "80", "/work/main/articles/" + art],
  "dispatch list": ["/tmp/dispatch", "list"],
  "newsboat -x print-unread": ["newsboat", "-u", "/tmp/nb/urls", "-c", "/tmp/nb/cache.db", "-C", "/tmp/nb/config", "-x", "print-unread"],
  "dispatch --version": ["/tmp/dispatch", "--version"],
}
os.makedirs("/tmp/nb", exist_ok=True)
open("/tmp/nb/urls","w").write("")
open("/tmp/nb/config","w").write("")
subprocess.run(cmds["dispatch list"], env=env, capture_output=True)
times = {k: [] for k in cmds}
for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 21):
    for k, c in cmds.items():
        t = time.perf_counter(); r = subprocess.run(c, env=env, capture_output=True); times[k].append(time.perf_counter() - t)
        if r.returncode != 0 and i == 0: print(k, "exit", r.returncode, r.stderr[:200])
for k, v in times.items():
    print(f"{k:40s} median {statistics.median(v)*1000:6.1f} ms  (min {min(v)*1000:.1f})")
