#!/usr/bin/env bash
# `git commit` of a change to one document in a 200-document notes repository, with the
# oneonone pre-commit hook against a no-op hook (`exit 0`). Goal (SPEC 11): <= 1.3x.
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

document() { # slug n
    cat <<DOC
---
person: Person $2
role: Manager
frequency: Weekly
started: 2025-01-15
---

# 1:1 with Person $2

## Current Focus Areas
- Q1 Goal: Increase NRR by 10%

## Ongoing Threads
### Career Development
- 2026-01-15: Discussed promotion criteria
  * Strategic customer initiatives
- 2025-12-10: Training budget approved

## Action Items
### My Actions
- [ ] Research customer advisory board best practices (by 2026-01-22)
- [x] Implement new onboarding flow (completed 2026-01-08)
### Person's Actions
- [ ] Review promotion packet requirements

## Recent Accomplishments Shared
- 2026-01-15: Customer X renewal - 2 years, \$500K ARR

## Meeting History
- 2026-01-15: Career path, advisory board kickoff

## Notes
DOC
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
prepare() { echo "echo \"- note \$RANDOM\" >> $1/Career/1-on-1s/person-7.md && git -C $1 add Career/1-on-1s/person-7.md"; }

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
    time_commits() { # dir -> total microseconds of the commits alone
        local total=0 start end
        for _ in $(seq 1 "$RUNS"); do
            bash -c "$(prepare "$1")"
            start=${EPOCHREALTIME/./}
            git -C "$1" commit -q -m change
            end=${EPOCHREALTIME/./}
            total=$((total + end - start))
        done
        echo "$total"
    }
    time_commits "$work/noop" >/dev/null; time_commits "$work/ours" >/dev/null # warm-up
    noop=$(time_commits "$work/noop")
    ours=$(time_commits "$work/ours")
    awk -v n="$noop" -v o="$ours" -v r="$RUNS" 'BEGIN {
        printf "no-op hook:    mean %.2f ms\noneonone hook: mean %.2f ms\nratio: %.2fx   goal <= 1.30x\n",
            n / r / 1000, o / r / 1000, o / n }'
fi
