//! End to end: `oneonone log` and `oneonone review` on real git repositories.

mod common;
use common::{Sandbox, assert_contains_all, edited};
use std::path::{Path, PathBuf};

/// A notes repository whose commits are dated by the meeting they record.
struct Repo {
    sb: Sandbox,
    dir: PathBuf,
}

const NOTES: &str = "Career/1-on-1s";

/// Author and committer dates at noon on `date`.
fn dated(date: &str) -> [(&'static str, String); 2] {
    let stamp = format!("{date}T12:00:00+00:00");
    [
        ("GIT_AUTHOR_DATE", stamp.clone()),
        ("GIT_COMMITTER_DATE", stamp),
    ]
}

impl Repo {
    fn new() -> Repo {
        let sb = Sandbox::git_repo();
        std::fs::create_dir_all(sb.root.join(NOTES)).unwrap();
        let dir = sb.root.clone();
        Repo { sb, dir }
    }

    fn git(&self, args: &[&str], date: &str) {
        let env = dated(date);
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.sb.git_env(args, &env);
    }

    fn write(&self, rel: &str, text: &str) {
        self.sb.write(&format!("{NOTES}/{rel}"), text);
    }

    /// Writes `text` as the document `rel` and commits the notes, dated `date`.
    fn commit_doc(&self, rel: &str, text: &str, date: &str) {
        self.write(rel, text);
        self.commit(date);
    }

    fn commit(&self, date: &str) {
        self.git(&["add", "-A"], date);
        self.git(&["commit", "-q", "-m", &format!("notes {date}")], date);
    }

    fn run_in(&self, dir: &Path, args: &[&str]) -> (String, String) {
        let mut cmd = self.sb.oneonone();
        cmd.arg("-C").arg(dir).args(args).envs(dated("2026-03-01"));
        let out = cmd.output().unwrap();
        common::assert_ok(&out);
        (common::stdout(&out), common::stderr(&out))
    }

    fn run(&self, args: &[&str]) -> String {
        self.run_in(&self.dir.clone(), args).0
    }

    fn stats(&self, dir: &Path) -> (usize, usize) {
        let (_, err) = self.run_in(dir, &["log", "--stats"]);
        let n = |key: &str| -> usize {
            let at = err.find(key).unwrap_or_else(|| panic!("no {key} in {err}")) + key.len();
            err[at..]
                .trim_start_matches([':', ' '])
                .split([',', '\n'])
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        (n("commits walked"), n("blobs parsed"))
    }
}

fn doc(name: &str, body: &str) -> String {
    format!("---\nperson: {name}\n---\n\n# 1:1 with {name}\n\n{body}")
}

/// Sarah Chen's running document with `body` under its title.
fn sarah(body: &str) -> String {
    doc("Sarah Chen", body)
}

/// Asserts that `log` starts with an event dated `date` and mentions `part`.
#[track_caller]
fn assert_starts_on(log: &str, date: &str, part: &str) {
    assert!(
        log.starts_with(&format!("{date} ")) && log.contains(part),
        "no `{part}` or not first on {date}:\n{log}"
    );
}

#[test]
fn review_keeps_accomplishment_edited_then_deleted_with_latest_text() {
    let r = Repo::new();
    let acc = |line: &str| {
        let history = "## Meeting History\n- 2025-11-03: Kickoff\n";
        sarah(&format!(
            "## Recent Accomplishments Shared\n{line}{history}"
        ))
    };
    r.commit_doc(
        "sarah-chen.md",
        &acc("- 2025-11-03: Customer X renewal\n"),
        "2025-11-04",
    );
    r.commit_doc(
        "sarah-chen.md",
        &acc("- 2025-11-03: Customer X renewal - 2 years, $500K ARR\n"),
        "2025-11-20",
    );
    r.commit_doc("sarah-chen.md", &acc(""), "2026-01-10");

    let review = r.run(&["review", "sarah", "--quarter", "2025-Q4"]);
    assert!(
        review.contains("- 2025-11-03: Customer X renewal - 2 years, $500K ARR"),
        "{review}"
    );
    assert_eq!(review.matches("Customer X renewal").count(), 1, "{review}");
    let log = r.run(&["log", "--kind", "accomplishment"]);
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.starts_with("2025-11-03 "), "{log}");
    let removed = r.run(&["log", "--kind", "removed"]);
    assert_starts_on(&removed, "2026-01-10", "Customer X");
}

#[test]
fn undated_item_is_dated_by_first_commit() {
    let r = Repo::new();
    let focus = |goal: &str| doc("Omar Diaz", &format!("## Current Focus Areas\n- {goal}\n"));
    r.commit_doc("omar.md", &focus("Grow NRR by 10%"), "2025-10-07");
    r.commit_doc("omar.md", &focus("Grow NRR by 12%"), "2025-10-20");
    let log = r.run(&["log", "omar", "--kind", "goal"]);
    assert_eq!(log.trim_end().lines().count(), 1, "{log}");
    assert_starts_on(&log, "2025-10-07", "Grow NRR by 12%");
}

#[test]
fn rename_is_followed_without_new_events() {
    let r = Repo::new();
    let body = "## Meeting History\n- 2025-10-01: Intro\n";
    r.commit_doc("sarah.md", &sarah(body), "2025-10-01");
    r.git(
        &[
            "mv",
            &format!("{NOTES}/sarah.md"),
            &format!("{NOTES}/sarah-chen.md"),
        ],
        "2025-10-02",
    );
    r.commit("2025-10-02");
    r.commit_doc(
        "sarah-chen.md",
        &sarah("## Meeting History\n- 2025-10-08: Roadmap\n- 2025-10-01: Intro\n"),
        "2025-10-08",
    );
    let json = r.run(&["log", "--format", "json"]);
    let events: serde_json::Value = serde_json::from_str(&json).unwrap();
    let events = events["events"].as_array().unwrap();
    assert_eq!(events_json_version(&json), 1);
    assert_eq!(events.len(), 2, "{json}");
    assert!(events.iter().all(|e| e["person"]["slug"] == "sarah-chen"));
    assert!(events.iter().all(|e| e["kind"] == "meeting"));
    assert_eq!(events[0]["text"], "Roadmap");
    assert_eq!(events[1]["date"], "2025-10-01");
}

#[test]
fn archive_move_is_not_a_removal() {
    let r = Repo::new();
    let running = |extra: &str| {
        sarah(&format!(
            "## Action Items\n### My Actions\n- [ ] Open item\n{extra}"
        ))
    };
    r.commit_doc(
        "sarah-chen.md",
        &running("- [x] Ship flow (completed 2025-11-08)\n"),
        "2025-11-08",
    );
    r.write("sarah-chen.md", &running(""));
    r.commit_doc(
        "archive/sarah-chen/2025-Q4-retro.md",
        "# Retro\n\n## Action Items\n### My Actions\n- [x] Ship flow (completed 2025-11-08)\n",
        "2026-01-02",
    );
    let log = r.run(&["log"]);
    assert!(!log.contains("removed"), "{log}");
    assert_eq!(
        log.matches("Ship flow").count(),
        2,
        "action and done only: {log}"
    );
    let review = r.run(&["review", "--quarter", "2025-Q4"]);
    assert!(
        review.contains(
            "### My commitments\n\n- 2025-11-08: Ship flow (kept on time; promised 2025-11-08)"
        ),
        "{review}"
    );
}

#[test]
fn cache_is_reused_and_walks_only_new_commits() {
    let r = Repo::new();
    for (i, d) in ["2025-10-01", "2025-10-08", "2025-10-15"]
        .iter()
        .enumerate()
    {
        let lines: String = (0..=i)
            .rev()
            .map(|k| format!("- 2025-10-0{}: M{k}\n", k + 1))
            .collect();
        r.commit_doc(
            "ana.md",
            &doc("Ana Silva", &format!("## Meeting History\n{lines}")),
            d,
        );
    }
    let dir = r.dir.clone();
    assert_eq!(r.stats(&dir), (3, 3));
    assert_eq!(r.stats(&dir), (0, 0));
    r.commit_doc("ana.md", &doc("Ana Silva", "## Meeting History\n- 2025-10-22: New\n- 2025-10-03: M2\n- 2025-10-02: M1\n- 2025-10-01: M0\n"), "2025-10-22");
    assert_eq!(r.stats(&dir), (1, 1));
    assert!(dir.join(".git/oneonone/cache-v1.json").is_file());

    // A linked worktree at the same commit shares the cache in the common dir.
    let wt = r.sb.tmp.path().join("wt");
    r.git(
        &["worktree", "add", "-q", wt.to_str().unwrap(), "-b", "side"],
        "2025-10-23",
    );
    assert_eq!(r.stats(&wt), (0, 0));
    let log = r.run_in(&wt, &["log"]).0;
    assert_starts_on(&log, "2025-10-22", "New");
}

#[test]
fn log_filters_by_person_date_and_kind() {
    let r = Repo::new();
    r.write(
        "sarah-chen.md",
        &sarah("## Recent Accomplishments Shared\n- 2025-10-05: Win A\n## Meeting History\n- 2025-10-05: One\n"),
    );
    r.commit_doc(
        "omar-diaz.md",
        &doc(
            "Omar Diaz",
            "## Recent Accomplishments Shared\n- 2025-12-05: Win B\n",
        ),
        "2025-12-06",
    );
    let all = r.run(&["log"]);
    assert_eq!(all.lines().count(), 3, "{all}");
    assert!(
        all.lines().next().unwrap().contains("omar-diaz"),
        "newest first: {all}"
    );
    assert!(!all.contains('\x1b'), "no colour when piped");
    let sarah = r.run(&["log", "Sarah Chen"]);
    assert_eq!(sarah.lines().count(), 2, "{sarah}");
    assert!(sarah.lines().all(|l| l.contains("sarah-chen")));
    let since = r.run(&["log", "--since", "2025-11-01"]);
    assert!(
        since.contains("Win B") && !since.contains("Win A"),
        "{since}"
    );
    let until = r.run(&["log", "--until", "2025-11-01", "--kind", "meeting"]);
    assert_eq!(until.lines().count(), 1, "{until}");
    assert!(
        until.contains("meeting") && until.contains("One"),
        "{until}"
    );
    let short = &until[11..18];
    assert!(short.chars().all(|c| c.is_ascii_hexdigit()), "{until}");
}

#[test]
fn review_quarter_compiles_sections() {
    let r = Repo::new();
    let before = sarah(
        "## Current Focus Areas\n- Launch advisory board\n\n## Ongoing Threads\n### Career Development\n- 2025-12-10: Training budget approved\n### General\n- 2025-12-10: Chat\n\n## Action Items\n### My Actions\n- [ ] Draft advisory board charter\n### Sarah's Actions\n- [ ] Review packet\n\n## Recent Accomplishments Shared\n- 2025-12-10: Renewal Y\n- 2025-09-10: Old win\n",
    );
    r.commit_doc("sarah-chen.md", &before, "2025-12-10");
    let ticked = edited(
        &before,
        "- [ ] Draft advisory board charter\n",
        "- [x] Draft advisory board charter (completed 2025-12-20)\n",
    );
    r.commit_doc("sarah-chen.md", &ticked, "2025-12-21");
    let out = r.sb.tmp.path().join("review.md");
    r.run(&[
        "review",
        "sarah",
        "--quarter",
        "2025-Q4",
        "--output",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(!md.contains("Old win"), "{md}");
    assert_contains_all(
        &md,
        &[
            // One quarter: no stray per-quarter line under the heading.
            "### Highlights\n\n- 2025-12-10: Renewal Y\n",
            "- 2025-12-10: Goal: Launch advisory board\n  * 2025-12-20: done: Draft advisory board charter",
            "### My commitments\n\n- 2025-12-20: Draft advisory board charter (kept on time; promised 2025-12-10)",
            "### Career development\n\n- 2025-12-10: Training budget approved\n",
            "### Sarah's commitments\n\n- 2025-12-10: Review packet (promised; still open)",
            "### Other discussions\n\n- 2025-12-10: Chat (General)",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&r.run(&[
        "review",
        "--since",
        "2025-12-01",
        "--until",
        "2025-12-31",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        json["persons"][0]["commitments"]["mine"]["items"][0]["text"],
        "Draft advisory board charter"
    );
    assert_eq!(json["persons"][0]["commitments"]["mine"]["kept"], 1);
}

fn events_json_version(json: &str) -> u64 {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["schema_version"].as_u64().unwrap()
}
