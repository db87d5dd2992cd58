#!/bin/bash
# Measures the overhead of `sagin sweep`: 200 runs of a trivial study
# (tests/bench/sweep-overhead/) on 2 workers, from scratch, and reports
#   overhead = 1 - (sum of the runs' own wall times) / (workers x the sweep's wall time)
# with the sweep's wall time measured from outside (process start to exit). The runs' own wall
# times are provenance.wall_time_s, read from campaign.sqlite. Exit status 1 when the overhead
# is above the 5 % budget.
#
#   tests/bench/sweep-overhead.sh [SAGIN_BINARY] [WORKERS]
#
# The machine should be otherwise idle: the figure compares the runs' time with the time the
# workers had, so other load inflates both and distorts it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sagin=${1:-$here/../../build/bin/sagin}
workers=${2:-2}
if ! command -v sqlite3 >/dev/null; then
  echo "sweep-overhead: sqlite3 is needed (apt-get install sqlite3)" >&2
  exit 2
fi
out=$(mktemp -d /tmp/sagin-sweep-overhead-XXXXXX)
trap 'rm -rf "$out"' EXIT
start=$(date +%s.%N)
"$sagin" --quiet sweep "$here/sweep-overhead/study.txtpb" --jobs "$workers" --out "$out" > "$out.log"
end=$(date +%s.%N)
cat "$out.log" && rm -f "$out.log"
read -r runs own < <(sqlite3 -separator ' ' "$out/campaign.sqlite" \
    "SELECT count(*), sum(wall_time_s) FROM runs WHERE status = 'done'")
awk -v runs="$runs" -v own="$own" -v start="$start" -v end="$end" -v w="$workers" 'BEGIN {
    wall = end - start; overhead = 1 - own / (w * wall);
    printf "sweep-overhead: %d runs on %d workers in %.2f s; ", runs, w, wall;
    printf "runs'"'"' own time %.2f s (%.3f s a run); overhead %.2f %%\n", own, own / runs, 100 * overhead;
    exit (runs == 200 && overhead <= 0.05) ? 0 : 1 }'
