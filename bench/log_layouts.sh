#!/usr/bin/env bash
# Times `oneonone log` cold (cache removed before each run) against
# `git log -p -- Career/1-on-1s` on the benchmark repository in each layout SPEC 11 names:
#   fast-import  as `git fast-import` writes it (bench/gen_repo.py)
#   gc           after `git gc` of that repository (git keeps fast-import's deltas)
#   repack       after `git repack -adf` (every delta recomputed)
#   loose        loose objects, as `git commit` leaves them (`git unpack-objects`)
#   loose-gc     the loose repository after `git gc` (what a user's repository becomes)
# Runs are interleaved (git, then each binary) so that load on a shared machine weighs on
# all alike; prints the median wall time and CPU time (user + system) of RUNS rounds and
# their ratios to git.
# Usage: bench/log_layouts.sh [DIR] [BIN...]   (default BIN: target/release/oneonone)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-${TMPDIR:-/tmp}/oneonone-log-layouts}
shift || true
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  cargo build --release --manifest-path "$root/Cargo.toml" >&2
  bins=("$root/target/release/oneonone")
fi
for i in "${!bins[@]}"; do bins[$i]=$(realpath "${bins[$i]}"); done
runs=${RUNS:-5}
layouts=${LAYOUTS:-fast-import gc repack loose loose-gc}
mkdir -p "$dir"
if [ ! -d "$dir/fast-import/.git" ]; then
  python3 "$root/bench/gen_repo.py" "$dir/fast-import" >/dev/null
fi
[ -d "$dir/gc" ] || { cp -r "$dir/fast-import" "$dir/gc" && git -C "$dir/gc" gc -q; }
[ -d "$dir/repack" ] || { cp -r "$dir/fast-import" "$dir/repack" && git -C "$dir/repack" repack -adfq; }
if [ ! -d "$dir/loose" ]; then
  git init -q -b main "$dir/loose"
  cat "$dir"/fast-import/.git/objects/pack/*.pack | git -C "$dir/loose" unpack-objects -q
  git -C "$dir/loose" update-ref refs/heads/main "$(git -C "$dir/fast-import" rev-parse HEAD)"
  git -C "$dir/loose" reset -q --hard
fi
[ -d "$dir/loose-gc" ] || { cp -r "$dir/loose" "$dir/loose-gc" && git -C "$dir/loose-gc" gc -q; }

run() { # appends "wall cpu" (seconds; cpu = user + system) of one run of "$@" to $out
  /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" >/dev/null 2>&1
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$tmp/t" >>"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for layout in $layouts; do
  repo=$dir/$layout
  cd "$repo"
  common=$(git rev-parse --git-common-dir)
  tmp=$(mktemp -d)
  for _ in $(seq "$runs"); do
    out=$tmp/git run git log -p -- Career/1-on-1s
    for i in "${!bins[@]}"; do
      rm -rf "$common/oneonone"
      out=$tmp/bin$i run "${bins[$i]}" log
    done
  done
  gw=$(cut -d' ' -f1 <"$tmp/git" | median)
  gc=$(cut -d' ' -f2 <"$tmp/git" | median)
  printf '%-12s git %.3f s, cpu %.2f s' "$layout" "$gw" "$gc"
  for i in "${!bins[@]}"; do
    bw=$(cut -d' ' -f1 <"$tmp/bin$i" | median)
    bc=$(cut -d' ' -f2 <"$tmp/bin$i" | median)
    printf ' | %s %.3f s (%.2fx), cpu %.2f s (%.2fx)' "$(basename "${bins[$i]}")" \
      "$bw" "$(echo "$bw / $gw" | bc -l)" "$bc" "$(echo "$bc / $gc" | bc -l)"
  done
  echo
  rm -rf "$tmp"
done
