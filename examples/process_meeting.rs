//! Processes the reference meeting through the library: the running document before the
//! 1:1 of 2026-01-15 and that meeting's brain dump, from the sample notes repository.
//!
//! ```sh
//! cargo run --example process_meeting
//! ```

use chrono::NaiveDate;
use oneonone_core::process::{ProcessContext, apply, plan};
use oneonone_core::{Document, Settings};

const BEFORE: &str = include_str!("notes/Career/1-on-1s/sarah-chen.md");
const NOTES: &str = include_str!("notes/notes-2026-01-15.md");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let doc = Document::parse(BEFORE)?;
    let date = NaiveDate::from_ymd_opt(2026, 1, 15).ok_or("bad date")?;
    let settings = Settings::default();

    let planned = plan(&doc, NOTES, date, &settings, &ProcessContext::default())?;
    let mut edited = doc.clone();
    let applied = apply(&mut edited, &planned)?;

    println!("{}", applied.summary("Career/1-on-1s/sarah-chen.md"));
    let diff = similar::TextDiff::from_lines(doc.as_str(), edited.as_str());
    print!("{}", diff.unified_diff().header("before", "after"));

    // Processing the same notes again changes nothing.
    let again = plan(&edited, NOTES, date, &settings, &ProcessContext::default())?;
    assert!(again.is_noop(), "processing twice must change nothing");
    Ok(())
}
