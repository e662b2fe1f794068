#!/usr/bin/env python3
"""Generates a synthetic notes repository for the log benchmark with `git fast-import`.

10 people x 260 weekly meetings = 2,600 commits; each meeting adds a thread entry
(with details every fourth week), an action item of mine (and of theirs every other week),
an accomplishment every other week and a meeting-history line, and ticks older items, so
each running document grows to about 1,000 lines (59 MB of blob text in all).

Usage: gen_repo.py DIR [PEOPLE] [WEEKS]
"""
import datetime
import os
import subprocess
import sys

NAMES = ["Sarah Chen", "Omar Diaz", "Lena Fischer", "Raj Patel", "Mia Rossi",
         "Tom Becker", "Ana Silva", "Ken Sato", "Eva Novak", "Li Wang"]
THREADS = ["Career Development", "Q1 Goals & Projects", "Team & Process", "General"]
WORDS = ("customer renewal onboarding advisory board pipeline churn expansion roadmap "
         "training promotion hiring process launch metrics quarterly review budget").split()


def words(rng, n):
    return " ".join(WORDS[(rng + k * 7) % len(WORDS)] for k in range(n))


class Doc:
    def __init__(self, name):
        self.name = name
        self.first = name.split()[0]
        self.focus = []
        self.threads = {t: [] for t in THREADS}
        self.mine = []   # [done, text, due, completed]
        self.theirs = []
        self.wins = []
        self.meetings = []

    def meeting(self, week, date):
        d = date.isoformat()
        rng = week * 13 + len(self.name)
        if week % 13 == 0:
            self.focus.append(f"Q{(date.month - 1) // 3 + 1} goal: grow {words(rng, 2)} by {week % 20 + 5}%")
        t = THREADS[week % len(THREADS)]
        entry = [f"- {d}: Discussed {words(rng, 5)}"]
        if week % 4 == 0:
            entry.append(f"  * {words(rng + 1, 6)}")
        self.threads[t].insert(0, entry)
        due = (date + datetime.timedelta(days=7)).isoformat()
        self.mine.append([False, f"Prepare {words(rng + 2, 4)} #{week}", due, None])
        if week % 2 == 0:
            self.theirs.append([False, f"Review {words(rng + 3, 3)} #{week}", None, None])
        for items in (self.mine, self.theirs):
            for item in items:
                if items and not item[0] and item is not items[-1]:
                    item[0], item[3] = True, d
                    break
        if week % 2 == 1:
            self.wins.insert(0, f"- {d}: Closed {words(rng + 4, 4)} (${week % 9 + 1}00K ARR)")
        self.meetings.insert(0, f"- {d}: {t}, action items")

    def render(self, slug):
        out = ["---", f"person: {self.name}", "role: Manager", "relationship: manager",
               "frequency: Weekly", "started: 2021-01-04", "---", "",
               f"# 1:1 with {self.name}", "", "## Current Focus Areas"]
        out += [f"- {g}" for g in self.focus]
        out += ["", "## Ongoing Threads"]
        for t, entries in self.threads.items():
            out += [f"### {t}"]
            for e in entries:
                out += e
            out.append("")
        out += ["## Action Items", "### My Actions"]
        for done, text, due, completed in self.mine:
            if done:
                out.append(f"- [x] {text} (completed {completed})")
            else:
                out.append(f"- [ ] {text}" + (f" (by {due})" if due else ""))
        out += ["", f"### {self.first}'s Actions"]
        for done, text, due, completed in self.theirs:
            out.append(f"- [x] {text} (completed {completed})" if done else f"- [ ] {text}")
        out += ["", "## Recent Accomplishments Shared"] + self.wins
        out += ["", "## Meeting History"] + self.meetings + [""]
        return "\n".join(out)


def main():
    target = sys.argv[1]
    people = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    weeks = int(sys.argv[3]) if len(sys.argv) > 3 else 260
    os.makedirs(target, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", target], check=True)
    fi = subprocess.Popen(["git", "-C", target, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    w = fi.stdin.write
    docs = [Doc(n) for n in NAMES[:people]]
    start = datetime.date(2021, 1, 4)
    mark = 0
    for week in range(weeks):
        for p, doc in enumerate(docs):
            date = start + datetime.timedelta(days=7 * week + p % 5)
            doc.meeting(week, date)
            slug = doc.name.lower().replace(" ", "-")
            body = doc.render(slug).encode()
            ts = int(datetime.datetime(date.year, date.month, date.day, 12).timestamp())
            msg = f"1:1 {doc.name} {date.isoformat()}\n".encode()
            mark += 1
            w(b"commit refs/heads/main\n")
            w(f"mark :{mark}\n".encode())
            w(f"author Bench <bench@example.com> {ts} +0000\n".encode())
            w(f"committer Bench <bench@example.com> {ts} +0000\n".encode())
            w(f"data {len(msg)}\n".encode() + msg)
            if mark > 1:
                w(f"from :{mark - 1}\n".encode())
            w(f"M 100644 inline Career/1-on-1s/{slug}.md\n".encode())
            w(f"data {len(body)}\n".encode() + body + b"\n")
    fi.stdin.close()
    if fi.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", target, "checkout", "-q", "main"], check=True)


if __name__ == "__main__":
    main()
