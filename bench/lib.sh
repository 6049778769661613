# lib.sh - common helpers for the bench/*.sh scripts. Source it; do not run it.
#
# Every run happens in a private tmux server (own socket under /tmp/tuibench.*),
# status line off, pane SIZE=COLSxROWS (default 100x30), remain-on-exit on.
# The app is started through a gate (a FIFO) so that output capture
# (tmux pipe-pane) is attached before the app's first byte; the instant the
# gate opens is stamped (bash $EPOCHREALTIME) just before `exec env ... CMD`,
# so the pane process IS the app (PID for /proc readings).
#
# Environment knobs (all optional):
#   SIZE=100x30              pane size
#   BENCH_TERM=xterm-256color  TERM given to the app
#   BENCH_COLORTERM=truecolor  COLORTERM given to the app ('' = unset)
#   POLL_MS=5                screen polling interval while waiting for text
#   KEYS='n n Enter'         for an app that asks something before the screen
#   ASK_TEXT='Before you'    to measure (cpu.sh, rss.sh): tmux key names typed,
#                            one by one, once ASK_TEXT is on screen (at once
#                            when it is unset); nothing is typed by default
# TMUX/TMUX_PANE are removed from the app's environment so it does not know
# it runs under tmux.  Needs: bash>=5, tmux>=3.0, Linux /proc.

set -u -o pipefail

: "${SIZE:=100x30}"
: "${BENCH_TERM:=xterm-256color}"
: "${BENCH_COLORTERM=truecolor}"
: "${POLL_MS:=5}"
BENCH_W=${SIZE%x*}
BENCH_H=${SIZE#*x}

tm() { tmux -S "$BENCH_SOCK" "$@"; }

# now in microseconds (no fork)
now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }

# fork-free sleep: msleep SECONDS (decimal)
msleep() { read -r -t "$1" -u "$BENCH_SLEEP_FD" _ || true; }

bench_stop_server() {
  [[ -n ${BENCH_SOCK:-} ]] && tmux -S "$BENCH_SOCK" kill-server 2>/dev/null
  [[ -n ${BENCH_TMP:-} && -d ${BENCH_TMP:-} ]] && rm -rf "$BENCH_TMP"
  return 0
}

bench_start_server() {
  command -v tmux >/dev/null || { echo "tmux not found" >&2; exit 1; }
  BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tuibench.$$.XXXXXX")
  BENCH_SOCK=$BENCH_TMP/tmux.sock
  mkfifo "$BENCH_TMP/sleep.fifo"
  exec {BENCH_SLEEP_FD}<>"$BENCH_TMP/sleep.fifo"
  trap bench_stop_server EXIT
  trap 'exit 130' INT TERM
  tm -f /dev/null new-session -d -s keep -x "$BENCH_W" -y "$BENCH_H" 'sleep 2000000'
  tm set -g status off
  tm set -g remain-on-exit on
  tm set -g history-limit 100
  BENCH_TMUX_PID=$(tm display -p -t keep '#{pid}')
  BENCH_RUN=0
}

# bench_launch CMD [ARGS...]
# Starts CMD in a new session; sets RUN (session name), PANE_PID, STAMP_FILE,
# OUT_FILE (every byte the app wrote to its terminal).  Returns once the app
# has been released; the start instant is in $(cat $STAMP_FILE) (seconds.us).
bench_launch() {
  BENCH_RUN=$((BENCH_RUN + 1))
  RUN=r$BENCH_RUN
  local gate=$BENCH_TMP/$RUN.gate
  STAMP_FILE=$BENCH_TMP/$RUN.stamp
  OUT_FILE=$BENCH_TMP/$RUN.out
  mkfifo "$gate"
  : >"$OUT_FILE"
  local envargs=(-u TMUX -u TMUX_PANE)
  [[ -z $BENCH_COLORTERM ]] && envargs+=(-u COLORTERM)
  envargs+=("TERM=$BENCH_TERM")
  [[ -n $BENCH_COLORTERM ]] && envargs+=("COLORTERM=$BENCH_COLORTERM")
  tm new-session -d -s "$RUN" -x "$BENCH_W" -y "$BENCH_H" -c "$PWD" -- \
    bash -c 'read -r _ <"$1"; printf %s "$EPOCHREALTIME" >"$2"; shift 2; exec env "$@"' \
    _ "$gate" "$STAMP_FILE" "${envargs[@]}" "$@"
  tm pipe-pane -o -t "$RUN" "exec cat >>'$OUT_FILE'"
  PANE_PID=$(tm display -p -t "$RUN" '#{pane_pid}')
  echo go >"$gate"
  # wait for the stamp (written right before exec)
  local i
  for ((i = 0; i < 2000; i++)); do [[ -s $STAMP_FILE ]] && break; msleep 0.001; done
  START_US=$(<"$STAMP_FILE"); START_US=${START_US/./}
}

bench_kill() { tm kill-session -t "$RUN" 2>/dev/null; return 0; }

# bench_answer types KEYS once ASK_TEXT is on screen (see the knobs above).
# Returns non-zero if ASK_TEXT never showed.
bench_answer() {
  [[ -n ${KEYS:-} ]] || return 0
  if [[ -n ${ASK_TEXT:-} ]]; then bench_wait_text "$ASK_TEXT" 20 || return 1; fi
  local k
  for k in $KEYS; do tm send-keys -t "$RUN" "$k"; msleep 0.05; done
}

# bench_wait_text TEXT TIMEOUT_S [COARSE_UNTIL_S]
# Polls the visible screen until TEXT appears (TEXT='' => until the app
# exits).  Polls every POLL_MS; before COARSE_UNTIL_S seconds after start it
# polls every 50 ms (cheaper).  Sets FOUND_US (time of the capture that saw
# it: an upper bound, late by <= one poll + one capture) and DEAD (1 if the
# app had exited).  If the app exits, TEXT is also searched in the raw
# output (apps that print it right before exiting).
# Returns 0 found, 1 timeout, 2 app exited without TEXT.
bench_wait_text() {
  local text=$1 timeout_us=$(( ${2%.*} * 1000000 )) coarse_us=$(( ${3:-0} * 1000000 ))
  local poll; poll=$(awk -v m="$POLL_MS" 'BEGIN{printf "%.4f", m/1000}')
  local out screen t
  DEAD=0; FOUND_US=0
  while :; do
    out=$(tm capture-pane -p -t "$RUN" \; display -p -t "$RUN" '#{pane_dead}' 2>/dev/null)
    t=$(now_us)
    DEAD=${out##*$'\n'}
    screen=${out%$'\n'*}
    if [[ -n $text && $screen == *"$text"* ]]; then FOUND_US=$t; return 0; fi
    if [[ $DEAD == 1 ]]; then
      FOUND_US=$t
      [[ -z $text ]] && return 0
      # text printed just before exit may never reach the captured screen:
      # fall back to the raw byte stream (text must be contiguous there)
      grep -qF -- "$text" "$OUT_FILE" && return 0
      return 2
    fi
    (( t - START_US > timeout_us )) && return 1
    if (( t - START_US < coarse_us )); then msleep 0.05; else msleep "$poll"; fi
  done
}

# CPU time of a process (all threads, incl. exited ones), clock ticks
# (utime+stime from /proc/PID/stat; 1 tick = 1/CLK_TCK s, usually 10 ms).
proc_ticks() {
  local s; s=$(<"/proc/$1/stat") || { echo 0; return; }
  s=${s##*) }   # drop "pid (comm) "
  local f; read -r -a f <<<"$s"
  echo $(( f[11] + f[12] ))   # fields 14,15 of stat
}

# CPU time in ns and number of timeslices (~ wakeups) summed over live
# threads, from /proc/PID/task/*/schedstat (precise; threads that already
# exited are missing, which is rare for Go programs).
proc_sched() {
  cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ns+=$1; n+=$3} END{printf "%d %d\n", ns, n}'
}

proc_status_kb() { awk -v k="$2:" '$1==k{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# stats: reads numbers (one per line) on stdin -> "median min max n"
bench_stats() {
  sort -g | awk '{a[NR]=$1} END{ if (NR==0) {print "nan nan nan 0"; exit}
    m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2;
    printf "%.6g %.6g %.6g %d\n", m, a[1], a[NR], NR }'
}

bench_header() {
  echo "# $(basename "$0") $(date -u +%FT%TZ) host=$(hostname) cpus=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# size=$SIZE TERM=$BENCH_TERM COLORTERM=${BENCH_COLORTERM:-<unset>} cwd=$PWD"
  echo "# cmd: $*"
}

# bench_profile EXPECT WARMUP_S DURATION_S CMD [ARGS...]
# Launch, wait for EXPECT, let it run WARMUP_S, then measure a window of
# DURATION_S while doing nothing (no polling).  Sets, for the window:
#   P_WALL_S  P_CPU_MS (schedstat ns, all live threads)  P_TICKS_MS (/proc stat)
#   P_SLICES (timeslices ~ wakeups)  P_BYTES (written to the terminal)
#   P_TMUX_MS (tmux server CPU = terminal-emulation cost proxy)
#   P_HWM_KB / P_RSS_KB (VmHWM / VmRSS at window end)  P_ALIVE (1 if still running)
#   P_FF_MS (time to EXPECT in this run, answering KEYS included)
# Returns non-zero if EXPECT never showed.
bench_profile() {
  local expect=$1 warm=$2 dur=$3; shift 3
  bench_launch "$@"
  bench_answer || { bench_kill; return 1; }
  bench_wait_text "$expect" 20 || { bench_kill; return 1; }
  P_FF_MS=$(( (FOUND_US - START_US) / 1000 ))
  msleep "$warm"
  local t0 t1 s0 s1 k0 k1 b0 b1 x0 x1
  t0=$(now_us); s0=$(proc_sched "$PANE_PID"); k0=$(proc_ticks "$PANE_PID")
  b0=$(file_size "$OUT_FILE"); x0=$(proc_sched "$BENCH_TMUX_PID")
  sleep "$dur"
  t1=$(now_us); s1=$(proc_sched "$PANE_PID"); k1=$(proc_ticks "$PANE_PID")
  b1=$(file_size "$OUT_FILE"); x1=$(proc_sched "$BENCH_TMUX_PID")
  P_HWM_KB=$(proc_status_kb "$PANE_PID" VmHWM); P_RSS_KB=$(proc_status_kb "$PANE_PID" VmRSS)
  [[ $(tm display -p -t "$RUN" '#{pane_dead}') == 0 ]] && P_ALIVE=1 || P_ALIVE=0
  local tck; tck=$(getconf CLK_TCK)
  P_WALL_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e6}')
  P_CPU_MS=$(awk -v a="${s0% *}" -v b="${s1% *}" 'BEGIN{printf "%.2f", (b-a)/1e6}')
  P_SLICES=$(( ${s1#* } - ${s0#* } ))
  P_TICKS_MS=$(( (k1 - k0) * 1000 / tck ))
  P_TMUX_MS=$(awk -v a="${x0% *}" -v b="${x1% *}" 'BEGIN{printf "%.2f", (b-a)/1e6}')
  P_BYTES=$(( b1 - b0 ))
  bench_kill
  return 0
}
