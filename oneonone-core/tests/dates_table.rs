//! The date table (`tests/fixtures/date-table.tsv`): every phrase of SPEC section 4's Dates
//! table on several meeting days, the phrases beyond it, and text that is never a date.

use chrono::NaiveDate;
use oneonone_core::notes::find_date;

const TABLE: &str = include_str!("fixtures/date-table.tsv");

struct Row<'a> {
    line: usize,
    text: &'a str,
    meeting: NaiveDate,
    due: Option<NaiveDate>,
    phrase: &'a str,
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s:?}"))
}

fn rows() -> Vec<Row<'static>> {
    TABLE
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(
                (3..=4).contains(&cols.len()),
                "line {}: expected 3 or 4 columns: {l:?}",
                i + 1
            );
            Row {
                line: i + 1,
                text: cols[0],
                meeting: date(cols[1]),
                due: (cols[2] != "-").then(|| date(cols[2])),
                phrase: cols.get(3).copied().unwrap_or(cols[0]),
            }
        })
        .collect()
}

#[test]
fn date_table_resolves_every_row_as_written() {
    let rows = rows();
    assert!(rows.len() > 600, "the table lost rows: {}", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let found = find_date(row.text, row.meeting);
        let got = found.as_ref().map(|m| m.date);
        if got != row.due {
            failures.push(format!(
                "line {}: {:?} on {}: want {:?}, got {:?}",
                row.line, row.text, row.meeting, row.due, got
            ));
            continue;
        }
        if let Some(m) = found
            && m.phrase != row.phrase
        {
            failures.push(format!(
                "line {}: {:?}: phrase {:?}, want {:?}",
                row.line, row.text, m.phrase, row.phrase
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn date_table_covers_each_meeting_weekday() {
    use chrono::Datelike;
    let days: std::collections::BTreeSet<_> = rows()
        .iter()
        .map(|r| r.meeting.weekday().num_days_from_monday())
        .collect();
    for weekday in [0, 2, 4, 6] {
        assert!(days.contains(&weekday), "no meeting on weekday {weekday}");
    }
}
