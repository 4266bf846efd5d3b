# memlint's watchdog: `sh watchdog.sh RUN_DIR`, started by the tracker beside each run, in a session of its own (a
# signal to the tracker's process group or terminal does not reach it). On stdin the tracker sends "group PGID" (the
# run's process group: the root's pid), "pid PID START" for each process of the run (START: its start time from
# /proc/PID/stat, so that a pid since reused by another process is never hit), and "done" when the run is over.
# End of input without "done" means the tracker died, even by SIGKILL (Node has no prctl(PR_SET_PDEATHSIG)): then it
# kills the run's process group, every process it was told of that still runs and their descendants, waits for them
# to go, and removes RUN_DIR. POSIX sh, builtins only until the final rm: it costs the measured run nothing (a Node
# watchdog took 80 ms of CPU as the run started, the very moment a short script is measured).

dir=$1
group=
known=

set -f # the tracker's lines are split into words, never expanded
while IFS= read -r line; do
  set -- $line
  case $1 in
    done) exit 0 ;;
    group) group=$2 ;;
    pid) known="$known $2:$3" ;;
  esac
done

# state, pgrp and start of process $1; fails when it is gone. Fields are counted after the last ')': the command
# name before it may hold spaces and parentheses.
stat_of() {
  s=
  read -r s 2>/dev/null <"/proc/$1/stat" || [ -n "$s" ] || return 1
  set -- ${s##*) }
  state=$1
  pgrp=$3
  start=${20}
}

targets=
for entry in $known; do
  pid=${entry%%:*}
  stat_of "$pid" && [ "$state" != Z ] && [ "$start" = "${entry#*:}" ] && targets="$targets $pid"
done

# Freeze them, so that nothing forks unseen, then walk down to their descendants, freezing each.
set +f
for pid in $targets; do kill -s STOP "$pid" 2>/dev/null; done
list=$targets
while [ -n "$list" ]; do
  next=
  for pid in $list; do
    for file in /proc/"$pid"/task/*/children; do
      kids=
      read -r kids 2>/dev/null <"$file" || :
      for kid in $kids; do
        case " $targets " in *" $kid "*) continue ;; esac
        kill -s STOP "$kid" 2>/dev/null && targets="$targets $kid" && next="$next $kid"
      done
    done
  done
  list=$next
done

# The group is the run's while one of its processes is in it (a group id is not handed out again while it has members).
case $group in '' | *[!0-9]* | 0 | 1) group= ;; esac
for pid in $targets; do
  if [ -n "$group" ] && stat_of "$pid" && [ "$pgrp" = "$group" ]; then
    kill -s KILL -- "-$group" 2>/dev/null
    break
  fi
done
for pid in $targets; do kill -s KILL "$pid" 2>/dev/null; done

tries=0
while [ "$tries" -lt 150 ]; do
  left=
  for pid in $targets; do stat_of "$pid" && [ "$state" != Z ] && left=1 && break; done
  [ -z "$left" ] && break
  sleep 0.02
  tries=$((tries + 1))
done
[ -n "$dir" ] && rm -rf -- "$dir"
