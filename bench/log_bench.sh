#!/usr/bin/env bash
# Times `oneonone log` cold (cache removed) and warm against `git log -p -- Career/1-on-1s`
# on a generated repository of 10 people x 260 weekly meetings (2,600 commits).
# Usage: bench/log_bench.sh [REPO_DIR]   (needs python3, git; uses hyperfine when present)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repo=${1:-${TMPDIR:-/tmp}/oneonone-log-bench}
cargo build --release --manifest-path "$root/Cargo.toml" >&2
bin=$root/target/release/oneonone
if [ ! -d "$repo/.git" ]; then
  python3 "$root/bench/gen_repo.py" "$repo"
fi
cd "$repo"
common=$(git rev-parse --git-common-dir)
echo "commits: $(git rev-list --count HEAD)"
if command -v hyperfine >/dev/null; then
  # One --prepare per command: only the cold runs lose the cache.
  "$bin" log >/dev/null
  hyperfine -N --warmup 2 --runs 10 \
    --prepare true --prepare "rm -rf $common/oneonone" --prepare true \
    -n git "git log -p -- Career/1-on-1s" \
    -n cold "$bin log" \
    -n warm "$bin log"
fi
# Peak memory (and a second timing) with /usr/bin/time.
for i in 1 2 3 4 5; do
  /usr/bin/time -f "git  %e s  %U user  %M KB" git log -p -- Career/1-on-1s >/dev/null
  rm -rf "$common/oneonone"
  /usr/bin/time -f "cold %e s  %U user  %M KB" "$bin" log >/dev/null
  /usr/bin/time -f "warm %e s  %U user  %M KB" "$bin" log >/dev/null
done
