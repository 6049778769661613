#!/usr/bin/env bash
# cpu.sh - CPU use and terminal bytes/s of a running TUI (e.g. a countdown).
#
# Usage:  [RUNS=3] [DURATION=30] [WARMUP=2] [SIZE=100x30] [KEYS=.. ASK_TEXT=..] \
#           bench/cpu.sh 'EXPECTED TEXT' CMD [ARGS...]
# e.g.    bench/cpu.sh '%' ./myapp --minutes 15
#
# Each run: start CMD in a private tmux pane (see lib.sh), wait until
# EXPECTED TEXT is on screen, wait WARMUP s, then measure a DURATION s window
# without polling.  The command must keep running past WARMUP+DURATION
# (give it a long countdown); runs where it exited are flagged.
# Per window:
#   cpu      app CPU (user+sys, all threads) from /proc/PID/task/*/schedstat,
#            as ms of CPU per minute of wall time and % of one core;
#            'ticks' = same from /proc/PID/stat (10 ms resolution, cross-check)
#   wake/s   timeslices per second (~ wakeups; battery relevant)
#   B/s      bytes the app wrote to its terminal (tmux pipe-pane)
#   tmux     tmux server CPU in ms/min: cost of parsing those bytes, a proxy
#            for what the user's terminal emulator will spend
#   hwm      VmHWM (peak RSS) at window end
# Final line:  RESULT cpu: median X ms CPU/min (Y% of one core) ... B/s ...
# The pane process must be the app itself (it is exec'd); wrappers that fork
# (go run, sh -c 'a; b') would be measured wrongly.

[[ $# -ge 2 ]] || { sed -n '2,24p' "$0"; exit 2; }
source "$(dirname "$0")/lib.sh"
: "${RUNS:=3}" "${DURATION:=30}" "${WARMUP:=2}"
expect=$1; shift

bench_header "$@"
echo "# window: warmup ${WARMUP}s, duration ${DURATION}s, runs ${RUNS}"
bench_start_server
cpu=() pct=() wake=() bps=() tmx=() hwm=() bad=0
for ((i = 1; i <= RUNS; i++)); do
  if ! bench_profile "$expect" "$WARMUP" "$DURATION" "$@"; then
    echo "run $i: FAILED (expected text never appeared)" >&2; bad=$((bad + 1)); continue
  fi
  read -r c p w b x < <(awk -v c="$P_CPU_MS" -v s="$P_SLICES" -v by="$P_BYTES" -v t="$P_TMUX_MS" -v wall="$P_WALL_S" \
    'BEGIN{printf "%.1f %.3f %.1f %.0f %.1f\n", c*60/wall, c/wall/10, s/wall, by/wall, t*60/wall}')
  tick=$(awk -v k="$P_TICKS_MS" -v wall="$P_WALL_S" 'BEGIN{printf "%.0f", k*60/wall}')
  flag=""; [[ $P_ALIVE == 1 ]] || { flag="  ** app exited during window: discarded"; bad=$((bad + 1)); }
  echo "run $i: cpu ${c} ms/min (${p}% core; ticks ${tick} ms/min)  wake ${w}/s  ${b} B/s  tmux ${x} ms/min  hwm $((P_HWM_KB / 1024)) MiB  wall ${P_WALL_S}s  ff ${P_FF_MS}ms${flag}"
  [[ $P_ALIVE == 1 ]] || continue
  cpu+=("$c") pct+=("$p") wake+=("$w") bps+=("$b") tmx+=("$x") hwm+=("$P_HWM_KB")
done
read -r cm cmin cmax n < <(printf '%s\n' "${cpu[@]}" | bench_stats)
read -r pm _ < <(printf '%s\n' "${pct[@]}" | bench_stats)
read -r wm _ < <(printf '%s\n' "${wake[@]}" | bench_stats)
read -r bm bmin bmax _ < <(printf '%s\n' "${bps[@]}" | bench_stats)
read -r xm _ < <(printf '%s\n' "${tmx[@]}" | bench_stats)
echo "RESULT cpu: median ${cm} ms CPU/min = $(awk -v c="$cm" 'BEGIN{printf "%.3f", c/1000}') s/min (${pm}% of one core) [min ${cmin}, max ${cmax}, n=${n}, discarded=${bad}]; wakeups ${wm}/s; terminal ${bm} B/s [${bmin}..${bmax}]; tmux ${xm} ms/min"
