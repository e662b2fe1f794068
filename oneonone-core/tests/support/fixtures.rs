//! The fixture documents the core's tests (and the merge driver's agreement test) read.
#![allow(dead_code)]

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// `oneonone-core/tests/fixtures`.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../oneonone-core/tests/fixtures")
        .canonicalize()
        .expect("oneonone-core/tests/fixtures")
}

/// A fixture's text, by its path under `fixtures/`.
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A date written `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The `*.md` files of a fixture folder, sorted: `(file name, text)`.
pub fn folder(name: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir().join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| {
            let file = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            (file, text)
        })
        .collect();
    files.sort();
    files
}

/// The real-world-like corpus (`fixtures/corpus`).
pub fn corpus() -> Vec<(String, String)> {
    folder("corpus")
}

/// Every running document we keep as a fixture: the corpus, the round-trip cases and the
/// reference scenario before and after its meeting.
pub fn documents() -> Vec<(String, String)> {
    let mut all = corpus();
    all.extend(folder("roundtrip"));
    for name in ["sarah-chen.md", "sarah-chen-before-2026-01-15.md"] {
        all.push((name.to_owned(), fixture(name)));
    }
    all
}

/// Runs `check` on every document of [`documents`] with its name, after making sure none
/// of the fixture folders went missing.
pub fn check_every_document(check: impl Fn(&str, &str)) {
    let docs = documents();
    assert!(docs.len() >= 15, "fixtures missing: {}", docs.len());
    for (name, text) in docs {
        check(&name, &text);
    }
}
