#!/usr/bin/env python3
"""docs/bench/keylat.py [--n N] -- CMD...: key-to-screen latency of a terminal program on a pty.
Waits for the screen to settle, then sends j/k alternately and times each key until the
first byte of the program's answer and until its answer ends (no byte for 30 ms).
Prints medians in ms."""
import os, pty, sys, time, select, statistics, struct, fcntl, termios, signal
args = sys.argv[1:]
n = 40
if args[0] == '--n':
    n = int(args[1]); args = args[2:]
if args[0] == '--': args = args[1:]
pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'xterm-256color'
    os.environ.setdefault('DISPATCH_THEME', 'dark')
    os.execvp(args[0], args)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 35, 120, 0, 0))
os.kill(pid, signal.SIGWINCH)
def drain(quiet):
    """read until no byte for quiet seconds; return (first byte time, last byte time, n bytes)"""
    first = last = None; total = 0
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r: return first, last, total
        try: data = os.read(fd, 65536)
        except OSError: return first, last, total
        now = time.perf_counter()
        if first is None: first = now
        last = now; total += len(data)
        # answer terminal queries (cursor position, background colour) so nothing waits
        if b'\x1b[6n' in data: os.write(fd, b'\x1b[1;1R')
        if b'\x1b]11;?' in data: os.write(fd, b'\x1b]11;rgb:0000/0000/0000\x1b\\')
drain(1.5)
firsts, ends = [], []
for i in range(n):
    t0 = time.perf_counter()
    os.write(fd, b'j' if i % 2 == 0 else b'k')
    f, l, tot = drain(0.03)
    if f is None: continue
    firsts.append((f - t0) * 1000); ends.append((l - t0) * 1000)
    time.sleep(0.05)
os.write(fd, b'q'); time.sleep(0.2)
try: os.kill(pid, signal.SIGKILL)
except: pass
print(f"{' '.join(args)[:60]}: keys {len(firsts)}/{n}  first byte median {statistics.median(firsts):.1f} ms (min {min(firsts):.1f}, max {max(firsts):.1f})  answer ends median {statistics.median(ends):.1f} ms")
