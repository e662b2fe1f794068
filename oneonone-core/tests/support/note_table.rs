//! Reads `fixtures/note-table.tsv`, the table of note lines and what SPEC section 4 makes of
//! them. Shared by the core's table test and the binary's end-to-end table test, so both
//! check the same rows against the same expectations.
#![allow(dead_code)]

use std::fmt;

/// The table's text.
pub const TABLE: &str = include_str!("../fixtures/note-table.tsv");

/// What a note line becomes, in the table's own words (`-` in the file is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// my_action, their_action, goal, decision, accomplishment, done or discussion.
    pub kind: String,
    /// me, them or named:<Name>.
    pub owner: Option<String>,
    /// The thread of the entry.
    pub thread: Option<String>,
    /// YYYY-MM-DD.
    pub due: Option<String>,
    /// P1, P2 or P3.
    pub priority: Option<String>,
}

impl Outcome {
    /// An outcome of `kind` alone: no owner, thread, due date or priority.
    pub fn kind_only(kind: &str) -> Outcome {
        Outcome {
            kind: kind.to_owned(),
            owner: None,
            thread: None,
            due: None,
            priority: None,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
        write!(
            f,
            "{}\t{}\t{}\t{}\t{}",
            self.kind,
            show(&self.owner),
            show(&self.thread),
            show(&self.due),
            show(&self.priority)
        )
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line in the TSV file, for failure messages.
    pub line: usize,
    /// The note line, as typed.
    pub note: String,
    /// What it must become.
    pub want: Outcome,
}

/// Every row of the table; panics on a malformed line so a typo cannot drop a row.
pub fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in TABLE.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "note-table.tsv:{}: want 6 columns", i + 1);
        let opt = |s: &str| (s != "-").then(|| s.to_owned());
        rows.push(Row {
            line: i + 1,
            note: cols[0].to_owned(),
            want: Outcome {
                kind: cols[1].to_owned(),
                owner: opt(cols[2]),
                thread: opt(cols[3]),
                due: opt(cols[4]),
                priority: opt(cols[5]),
            },
        });
    }
    rows
}
