#!/usr/bin/env bash
# rss.sh - peak resident memory (VmHWM) of a running TUI.
#
# Usage:  [RUNS=3] [DURATION=30] [SIZE=100x30] [KEYS=.. ASK_TEXT=..] \
#           bench/rss.sh 'EXPECTED TEXT' CMD [ARGS...]
# e.g.    bench/rss.sh '%' ./myapp --minutes 15
#
# Each run: start CMD in a private tmux pane (see lib.sh), wait until
# EXPECTED TEXT is on screen, let it run DURATION s, read VmHWM (peak RSS
# since exec) and VmRSS from /proc/PID/status, kill it.  The command must
# still be running at the end (give it a long countdown).
# Cross-check for a command that exits by itself:
#   /usr/bin/time -f '%M KiB' CMD ARGS   (GNU time, max RSS)
# Final line:  RESULT rss: median peak X MiB (min, max, n) ...

[[ $# -ge 2 ]] || { sed -n '2,15p' "$0"; exit 2; }
source "$(dirname "$0")/lib.sh"
: "${RUNS:=3}" "${DURATION:=30}"
expect=$1; shift

bench_header "$@"
bench_start_server
hwm=() rss=() bad=0
for ((i = 1; i <= RUNS; i++)); do
  if ! bench_profile "$expect" 0 "$DURATION" "$@" || [[ $P_ALIVE != 1 ]]; then
    echo "run $i: FAILED (text never appeared, or app exited before ${DURATION}s)" >&2
    bad=$((bad + 1)); continue
  fi
  h=$(awk -v k="$P_HWM_KB" 'BEGIN{printf "%.1f", k/1024}')
  r=$(awk -v k="$P_RSS_KB" 'BEGIN{printf "%.1f", k/1024}')
  echo "run $i: VmHWM ${h} MiB  VmRSS ${r} MiB"
  hwm+=("$h") rss+=("$r")
done
read -r hm hmin hmax n < <(printf '%s\n' "${hwm[@]}" | bench_stats)
read -r rm _ < <(printf '%s\n' "${rss[@]}" | bench_stats)
echo "RESULT rss: median peak (VmHWM) ${hm} MiB (min ${hmin}, max ${hmax}, n=${n}, failed=${bad}); current RSS at end ${rm} MiB; after ${DURATION}s"
