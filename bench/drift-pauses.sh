#!/usr/bin/env bash
# drift-pauses.sh - timer accuracy of a whole routine with pauses.
#
# Usage:  bench/drift-pauses.sh CRADLE_BINARY [ROUTINE.yaml] [PAUSES]
#   ROUTINE defaults to bench/twenty-minutes.yaml (20 min, no ritual, no check-ins);
#   PAUSES is a list of START:LENGTH seconds, default "300:30 600:20 900:25".
#
# Runs the routine in a private tmux pane, answers the readiness check
# (no to every question: nothing in the way), presses space to pause and
# resume at the given times, and stamps (polling the screen every few ms)
# the moment the first step is shown, each moment "Paused" appears and
# goes, and the moment "All done" is shown. The drift is
#   done - (first shown + routine length + time shown paused),
# so a countdown that counts ticks, or loses time on each pause, shows it.
# Needs tmux and bash >= 5.
set -euo pipefail
bin=$(realpath "$1")
routine=$(realpath "${2:-$(dirname "$0")/twenty-minutes.yaml}")
pauses=${3:-"300:30 600:20 900:25"}
length=${LENGTH:-1200}

tmp=$(mktemp -d)
sock=$tmp/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
mkfifo "$tmp/sleep.fifo"; exec {sleepfd}<>"$tmp/sleep.fifo"
nap() { read -r -t "$1" -u "$sleepfd" _ || true; }  # sleep without a fork
now() { local t=$EPOCHREALTIME; echo "${t/./}"; }   # microseconds
screen() { tmux -S "$sock" capture-pane -p -t run 2>/dev/null; }
wait_for() { # wait_for TEXT [absent]: stamp when TEXT appears (or goes)
  while :; do
    if screen | grep -qF -- "$1"; then [[ ${2:-} == absent ]] || { now; return; }
    else [[ ${2:-} == absent ]] && { now; return; }; fi
    nap 0.001
  done
}
# ready answers the readiness check cradle run asks of a real baby: n to
# each question as it comes, then enter to begin; it returns when TEXT,
# the first step, is on screen.
ready() {
  local s prev=
  while :; do
    s=$(screen)
    [[ $s == *"$1"* ]] && return
    if [[ $s != "$prev" ]]; then
      if [[ $s == *"y or n"* ]]; then tmux -S "$sock" send-keys -t run n; prev=$s
      elif [[ $s == *"enter begin"* ]]; then tmux -S "$sock" send-keys -t run Enter; prev=$s
      fi
    fi
    nap 0.02
  done
}
sleep_until() { local left=$(( ($1 - $(now)) / 1000 )); (( left > 0 )) && nap "$(awk -v m="$left" 'BEGIN{printf "%.3f", m/1000}')"; return 0; }

tmux -S "$sock" -f /dev/null new-session -d -s run -x 100 -y 30 \
  "env -u TMUX -u TMUX_PANE TERM=xterm-256color CRADLE_DB=$tmp/cradle.db $bin --sound off run $routine; sleep 3600"
ready "Slow strokes one"
first=$(wait_for "Slow strokes one")
paused=0
for p in $pauses; do
  at=${p%:*} len=${p#*:}
  sleep_until $(( first + at * 1000000 ))
  tmux -S "$sock" send-keys -t run Space
  p0=$(wait_for "Paused")
  sleep_until $(( p0 + len * 1000000 ))
  tmux -S "$sock" send-keys -t run Space
  p1=$(wait_for "Paused" absent)
  paused=$(( paused + p1 - p0 ))
  echo "pause at $(( (p0 - first) / 1000 )) ms, shown paused for $(( (p1 - p0) / 1000 )) ms"
done
sleep_until $(( first + (length - 3) * 1000000 + paused ))
done=$(wait_for "All done")
drift=$(( done - first - length * 1000000 - paused ))
echo "RESULT drift-with-pauses: $(awk -v d="$drift" 'BEGIN{printf "%+.1f", d/1000}') ms after ${length} s with $(awk -v p="$paused" 'BEGIN{printf "%.3f", p/1e6}') s paused"
