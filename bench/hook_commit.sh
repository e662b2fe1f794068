#!/usr/bin/env bash
# `git commit` of a change to one document in a 200-document notes repository (each a copy
# of the seed's running document), with the oneonone pre-commit hook against a no-op hook
# (`exit 0`). Goal (SPEC 11): <= 1.3x.
#
#   bench/hook_commit.sh            # hyperfine when installed, else a timed loop
#   RUNS=300 DOCS=200 bench/hook_commit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-200}
DOCS=${DOCS:-200}

cargo build --release --quiet
BIN=$PWD/target/release/oneonone

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null LANG=C
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com

# The seed's running document (the reference scenario after the 2026-01-15 meeting), one
# copy per person with the name changed.
SEED=$PWD/oneonone-core/tests/fixtures/sarah-chen.md
document() { # slug n
    sed -e "s/Sarah Chen/Person $2/g" "$SEED"
}

make_repo() { # dir
    git init -q -b main "$1"
    mkdir -p "$1/Career/1-on-1s"
    for n in $(seq 1 "$DOCS"); do
        document "person-$n" "$n" > "$1/Career/1-on-1s/person-$n.md"
    done
    echo "# Backlog" > "$1/BACKLOG.md"
    git -C "$1" add -A
    git -C "$1" commit -q -m init
}

make_repo "$work/ours"
make_repo "$work/noop"
(cd "$work/ours" && "$BIN" hooks install >/dev/null)
printf '#!/bin/sh\nexit 0\n' > "$work/noop/.git/hooks/pre-commit"
chmod +x "$work/noop/.git/hooks/pre-commit"

# Each timed commit is preceded (untimed) by a change to one document, staged.
# The change is a new meeting line, as `process` would add.
prepare() { echo "sed -i \"/^## Meeting History\$/a - 2026-01-22: follow-up \$RANDOM\" $1/Career/1-on-1s/person-7.md && git -C $1 add Career/1-on-1s/person-7.md"; }

if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$work/h.json" \
        --command-name "no-op hook" --prepare "bash -c '$(prepare "$work/noop")'" \
        "git -C $work/noop commit -q -m change" \
        --command-name "oneonone hook" --prepare "bash -c '$(prepare "$work/ours")'" \
        "git -C $work/ours commit -q -m change"
    python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
noop, ours = r["no-op hook"], r["oneonone hook"]
print(f"no-op hook:    mean {noop['mean']*1e3:.2f} ms, median {noop['median']*1e3:.2f} ms")
print(f"oneonone hook: mean {ours['mean']*1e3:.2f} ms, median {ours['median']*1e3:.2f} ms")
print(f"ratio (mean): {ours['mean']/noop['mean']:.2f}x   ratio (median): {ours['median']/noop['median']:.2f}x   goal <= 1.30x")
PY
else
    # Interleaved (no-op, ours, no-op, ours…) so that load on a shared machine weighs on
    # both alike; each commit's time alone, the change staged beforehand.
    time_commit() { # dir -> microseconds
        local start end
        bash -c "$(prepare "$1")"
        start=${EPOCHREALTIME/./}
        git -C "$1" commit -q -m change
        end=${EPOCHREALTIME/./}
        echo $((end - start))
    }
    for _ in $(seq 1 20); do time_commit "$work/noop" >/dev/null; time_commit "$work/ours" >/dev/null; done
    for _ in $(seq 1 "$RUNS"); do
        echo "noop $(time_commit "$work/noop")"
        echo "ours $(time_commit "$work/ours")"
    done > "$work/times"
    python3 - "$work/times" <<'PY'
import statistics, sys
t = {"noop": [], "ours": []}
for line in open(sys.argv[1]):
    k, v = line.split()
    t[k].append(int(v) / 1000)
n, o = t["noop"], t["ours"]
print(f"no-op hook:    mean {statistics.mean(n):.2f} ms, median {statistics.median(n):.2f} ms")
print(f"oneonone hook: mean {statistics.mean(o):.2f} ms, median {statistics.median(o):.2f} ms")
print(f"ratio (mean): {statistics.mean(o)/statistics.mean(n):.2f}x   ratio (median): {statistics.median(o)/statistics.median(n):.2f}x   goal <= 1.30x")
PY
fi
