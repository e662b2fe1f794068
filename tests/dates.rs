//! Due dates through the real binary: every phrase of the date table
//! (`oneonone-core/tests/fixtures/date-table.tsv`) as an action item piped into
//! `oneonone process sarah - --dry-run --format json`, one run per meeting date, and the
//! `--date` option's phrases.

mod common;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use common::{SARAH, Sandbox, dry_run_of_notes, example, stderr};
use serde_json::Value;
use std::collections::BTreeMap;

const TABLE: &str = include_str!("../oneonone-core/tests/fixtures/date-table.tsv");

fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write(".oneonone.toml", "my_name = \"Alex\"\n");
    sb.write(SARAH, &example("Career/1-on-1s/sarah-chen.md"));
    sb
}

/// The table's phrases (rows without a phrase column), by meeting date: (line, text, due).
fn phrases_by_meeting() -> BTreeMap<String, Vec<(usize, String, Option<String>)>> {
    let mut by_meeting: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for (i, line) in TABLE.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 3 {
            continue;
        }
        let due = (cols[2] != "-").then(|| cols[2].to_owned());
        by_meeting
            .entry(cols[1].to_owned())
            .or_default()
            .push((i + 1, cols[0].to_owned(), due));
    }
    by_meeting
}

#[test]
fn date_table_phrases_give_due_dates_through_the_binary() {
    let sb = sandbox();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (meeting, rows) in phrases_by_meeting() {
        let notes: String = rows
            .iter()
            .enumerate()
            .map(|(n, (_, text, _))| format!("- [ ] Item {n} {text}\n"))
            .collect();
        let out = dry_run_of_notes(&sb, &meeting, &notes);
        assert!(out.status.success(), "{meeting}: {}", stderr(&out));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let changes = report["applied"]["changes"].as_array().unwrap();
        for (n, (line, text, want)) in rows.iter().enumerate() {
            let source_line = n as u64 + 1;
            let action = changes
                .iter()
                .find(|c| c["source_line"] == source_line && c["kind"] == "my_action");
            let got = action.and_then(|c| c["due"].as_str()).map(str::to_owned);
            if action.is_none() {
                failures.push(format!("line {line}: {text:?} on {meeting}: no action"));
            } else if got != *want {
                failures.push(format!(
                    "line {line}: {text:?} on {meeting}: want {want:?}, got {got:?}"
                ));
            }
            checked += 1;
        }
    }
    assert!(checked > 600, "only {checked} phrases checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn meeting_date(sb: &Sandbox, arg: &str) -> Result<String, String> {
    let out = dry_run_of_notes(sb, arg, "- talked about the roadmap\n");
    if !out.status.success() {
        return Err(stderr(&out));
    }
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    Ok(report["date"].as_str().unwrap().to_owned())
}

/// Runs `--date arg` and checks the meeting date against `want(today)`, for today read
/// before and after the run (a midnight may pass between).
fn assert_date_arg(sb: &Sandbox, arg: &str, want: impl Fn(NaiveDate) -> NaiveDate) {
    let before = chrono::Utc::now().date_naive();
    let got = meeting_date(sb, arg).unwrap_or_else(|e| panic!("--date {arg}: {e}"));
    let after = chrono::Utc::now().date_naive();
    let allowed = [want(before), want(after)].map(|d| d.to_string());
    assert!(
        allowed.contains(&got),
        "--date {arg}: {got} not in {allowed:?}"
    );
}

#[test]
fn date_option_reads_past_and_relative_phrases() {
    let sb = sandbox();
    assert_eq!(meeting_date(&sb, "2026-01-15").as_deref(), Ok("2026-01-15"));
    assert_date_arg(&sb, "yesterday", |t| t.pred_opt().unwrap());
    assert_date_arg(&sb, "3 days ago", |t| t - Days::new(3));
    assert_date_arg(&sb, "last friday", |t| {
        let back =
            (t.weekday().num_days_from_monday() + 7 - Weekday::Fri.num_days_from_monday()) % 7;
        t - Days::new(if back == 0 { 7 } else { back }.into())
    });
    assert_date_arg(&sb, "tomorrow", |t| t.succ_opt().unwrap());
}

#[test]
fn date_option_refuses_phrases_that_are_not_dates() {
    let sb = sandbox();
    for arg in ["someday", "before the offsite", "Feb 30"] {
        let err = meeting_date(&sb, arg).expect_err(arg);
        assert!(err.contains(arg), "{err}");
    }
}
