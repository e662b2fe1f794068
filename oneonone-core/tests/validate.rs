//! Validation diagnostics and bad input (SPEC 6 and 10).

use chrono::NaiveDate;
use fixtures::{d, fixture};
use oneonone_core::{Document, ParseError};
#[path = "support/fixtures.rs"]
mod fixtures;

fn codes(src: &str, today: Option<NaiveDate>) -> Vec<(String, usize, usize)> {
    Document::parse(src)
        .unwrap()
        .validate(today)
        .into_iter()
        .map(|d| (d.code.to_owned(), d.line, d.column))
        .collect()
}

fn c(code: &str, line: usize, col: usize) -> (String, usize, usize) {
    (code.to_owned(), line, col)
}

#[test]
fn reference_documents_have_no_errors() {
    for name in ["sarah-chen.md", "sarah-chen-before-2026-01-15.md"] {
        let doc = Document::parse(&fixture(name)).unwrap();
        let diags = doc.validate(Some(d("2026-01-15")));
        assert!(diags.iter().all(|x| !x.is_error()), "{name}: {diags:?}");
    }
}

#[test]
fn missing_front_matter_is_one_e001() {
    assert_eq!(codes("# Notes\n", None), [c("E001", 1, 1)]);
}

#[test]
fn bad_front_matter_values_point_at_the_value() {
    let src = "---\nperson: Ana\nstarted: last year\nfrequency: hourly\n---\n";
    assert_eq!(codes(src, None), [c("E003", 3, 10), c("E003", 4, 12)]);
}

#[test]
fn action_item_problems_are_reported_where_written() {
    let src = "---\nperson: Ana\n---\n## Action Items\n- [ ] A (by next friday)\n- [ ] B (by 2026-1-5)\n- [ ] C (by 2026-02-30)\n- [ ] D (completed 2026-01-02)\n- plain\n- [ ] [P7] E\n- [ ] F (by 2026-01-01)\n- [x] G (completed 2026-03-01)\n";
    assert_eq!(
        codes(src, Some(d("2026-02-01"))),
        [
            c("E012", 5, 9),
            c("E012", 6, 9),
            c("E010", 7, 9),
            c("E011", 8, 9),
            c("E013", 9, 3),
            c("E014", 10, 7),
            c("W003", 11, 9),
            c("W004", 12, 9),
        ]
    );
}

#[test]
fn entry_problems_are_reported() {
    let src = "---\nperson: Ana\n---\n## Ongoing Threads\n### T\n- 2026-02-30: bad\n- 2026-01-01: old\n- 2026-01-05: newer below\n- no date\n## Meeting History\n- 2027-01-01: future\n";
    assert_eq!(
        codes(src, Some(d("2026-02-01"))),
        [
            c("E010", 6, 3),
            c("W001", 8, 3),
            c("W002", 9, 3),
            c("W004", 11, 3)
        ]
    );
}

#[test]
fn conflict_markers_found_outside_code_only() {
    let src = "---\nperson: Ana\n---\n```\n<<<<<<< HEAD\n```\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> other\n";
    assert_eq!(
        codes(src, None),
        [c("E020", 7, 1), c("E020", 9, 1), c("E020", 11, 1)]
    );
}

#[test]
fn duplicate_sections_are_errors() {
    let src = "---\nperson: Ana\n---\n## Threads\n## Action Items\n## ongoing threads\n";
    assert_eq!(codes(src, None), [c("E021", 6, 1)]);
}

#[test]
fn malformed_yaml_is_a_parse_error_at_its_line() {
    let src = "---\nperson: Ana\nrole: [Manager\nfrequency: weekly\n---\n";
    let err = Document::parse(src).unwrap_err();
    assert!(
        matches!(err, ParseError::InvalidFrontMatter { .. }),
        "{err:?}"
    );
    assert!((3..=5).contains(&err.line()), "{err:?}");
}

#[test]
fn non_mapping_front_matter_is_refused() {
    let err = Document::parse("---\n- a\n- b\n---\n").unwrap_err();
    assert!(matches!(
        err,
        ParseError::InvalidFrontMatter { line: 2, .. }
    ));
}

#[test]
fn yaml_bomb_is_refused() {
    let mut y = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        y.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    y.push_str("person: Ana\n---\n# x\n");
    let err = Document::parse(&y).unwrap_err();
    assert!(
        matches!(err, ParseError::InvalidFrontMatter { .. }),
        "{err:?}"
    );
}

#[test]
fn huge_front_matter_is_refused() {
    let src = format!(
        "---\nperson: Ana\nnote: \"{}\"\n---\n",
        "x".repeat(70 * 1024)
    );
    assert!(matches!(
        Document::parse(&src),
        Err(ParseError::FrontMatterTooLarge { limit: 65536, .. })
    ));
}

#[test]
fn unclosed_front_matter_is_refused() {
    assert_eq!(
        Document::parse("---\nperson: Ana\n# x\n").unwrap_err(),
        ParseError::UnclosedFrontMatter { line: 1 }
    );
}

#[test]
fn nul_byte_is_refused_with_position() {
    assert_eq!(
        Document::parse("ok\nab\0c\n").unwrap_err(),
        ParseError::Nul { line: 2, column: 3 }
    );
}

#[test]
fn deeply_nested_bullets_parse_without_overflow() {
    let mut src =
        String::from("---\nperson: Ana\n---\n## Ongoing Threads\n### T\n- 2026-01-01: top\n");
    src.push_str(&"- ".repeat(10_000));
    src.push_str("deep\n");
    for i in 0..10_000 {
        src.push_str(&" ".repeat(2 + i % 40));
        src.push_str("* nested\n");
    }
    let doc = Document::parse(&src).unwrap();
    assert_eq!(doc.to_string(), src);
    let t = doc.thread("T").unwrap();
    assert_eq!(t.entries.len(), 1);
    assert_eq!(t.undated.len(), 1);
    assert_eq!(t.undated[0].end_line, doc.line_count());
}
