#!/bin/bash
# docs/bench/idlecpu.sh NAME CMD...: CPU (ms of user+system) a program uses in 10 s idle in tmux after start.
name=$1; shift
tmux kill-session -t idle 2>/dev/null
tmux new-session -d -s idle -x 120 -y 35 "TERM=tmux-256color DISPATCH_THEME=dark $*"
sleep 2
pid=$(pgrep -n -f "$1")
t0=$(awk '{print $14+$15}' /proc/$pid/stat)
sleep 10
t1=$(awk '{print $14+$15}' /proc/$pid/stat)
tk=$(getconf CLK_TCK)
echo "$name idle: $(( (t1-t0)*1000/tk )) ms CPU in 10 s"
tmux kill-session -t idle
