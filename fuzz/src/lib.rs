//! Properties shared by the fuzz targets.
#![forbid(unsafe_code)]

use oneonone_core::Document;

/// The lines of `s` without their endings (a final line ending opens no line).
pub fn lines(s: &str) -> Vec<&str> {
    s.split_inclusive('\n')
        .map(|l| {
            let l = l.strip_suffix('\n').unwrap_or(l);
            l.strip_suffix('\r').unwrap_or(l)
        })
        .collect()
}

/// Whether `line` is `old` with an open checkbox ticked (`[ ]` to `[x]`) and a completion
/// date appended: the one in-place change an edit may make.
pub fn is_tick_of(old: &str, new: &str) -> bool {
    let Some(i) = old.find("[ ]") else {
        return false;
    };
    let ticked = format!("{}[x]{}", &old[..i], &old[i + 3..]);
    // The date goes before trailing whitespace (a Markdown hard break stays at the end).
    let core = ticked.trim_end_matches([' ', '\t']);
    let trailing = &ticked[core.len()..];
    new.len() > ticked.len() && new.starts_with(core) && new.ends_with(trailing)
}

/// Splits a line (as given by `split_inclusive('\n')`) into its text and its ending.
fn split_eol(l: &str) -> (&str, &str) {
    if let Some(t) = l.strip_suffix("\r\n") {
        (t, "\r\n")
    } else if let Some(t) = l.strip_suffix('\n') {
        (t, "\n")
    } else {
        (l, "")
    }
}

/// Whether new line `n` keeps old line `o`: the same bytes, or (for a last line without a
/// final line ending) the same bytes plus a line ending, or `o` ticked in place.
fn keeps(o: &str, n: &str, last: bool) -> Option<bool> {
    if n == o {
        return Some(false);
    }
    if last && !o.ends_with('\n') && n.starts_with(o) && matches!(&n[o.len()..], "\n" | "\r\n") {
        return Some(false);
    }
    let (ot, oe) = split_eol(o);
    let (nt, ne) = split_eol(n);
    if is_tick_of(ot, nt) && (ne == oe || (last && oe.is_empty())) {
        return Some(true);
    }
    None
}

/// Asserts every line of `old` is still in `new`, byte for byte and in order, each either
/// unchanged or ticked; at most `max_ticks` may be ticked. Returns how many were ticked.
/// The one other change allowed: a last line without a line ending gains one.
pub fn assert_only_insertions_and_ticks(old: &str, new: &str, max_ticks: usize) -> usize {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut j = 0;
    let mut ticks = 0;
    for (i, o) in old_lines.iter().enumerate() {
        let last = i + 1 == old_lines.len();
        loop {
            assert!(
                j < new_lines.len(),
                "original line {} ({o:?}) is gone\n--- old\n{old:?}\n--- new\n{new:?}",
                i + 1
            );
            let n = new_lines[j];
            j += 1;
            match keeps(o, n, last) {
                Some(true) => {
                    ticks += 1;
                    break;
                }
                Some(false) => break,
                None => {}
            }
        }
    }
    assert!(
        ticks <= max_ticks,
        "{ticks} lines changed in place, at most {max_ticks} allowed\n--- old\n{old:?}\n--- new\n{new:?}"
    );
    ticks
}

/// Asserts that an edited document is what parsing its text gives: same text, same views.
pub fn assert_reparses(doc: &Document) {
    let text = doc.to_string();
    let again = Document::parse(&text)
        .unwrap_or_else(|e| panic!("edited text fails to parse: {e}\n{text}"));
    assert_eq!(again.to_string(), text);
    assert_eq!(
        format!("{:?}", again.sections()),
        format!("{:?}", doc.sections())
    );
    assert_eq!(
        format!("{:?}", again.action_lists()),
        format!("{:?}", doc.action_lists())
    );
    assert_eq!(
        format!("{:?}", again.threads()),
        format!("{:?}", doc.threads())
    );
    assert_eq!(
        format!("{:?}", again.meetings()),
        format!("{:?}", doc.meetings())
    );
}
