//! The merge driver's logic: a three-way merge of running documents and BACKLOG.md that
//! keeps the entries and items of both sides.
//!
//! The text is cut into units: a list item (a top-level `-`, `*` or `+` line with every
//! more-indented line under it) or a single other line. A classic diff3 over those units
//! takes every change made on one side only. Where both sides changed the same stretch,
//! the stretch is resolved by item identity when its non-item lines (headings, blank
//! lines, prose) are the same on both sides: items are identified by their normalised
//! first line (for action items, the text without the check box and completion date), so
//! items added on both sides are all kept once each, dated entries are placed newest
//! first, and a box ticked on one side stays ticked. Anything else — prose changed on both
//! sides, an item edited on one side and removed or edited differently on the other — is
//! a real conflict and gets conflict markers, which validation then refuses to commit.
//!
//! ```
//! let base = "## Meeting History\n- 2026-01-15: Kickoff\n";
//! let ours = "## Meeting History\n- 2026-01-22: Roadmap\n- 2026-01-15: Kickoff\n";
//! let theirs = "## Meeting History\n- 2026-01-29: Hiring\n- 2026-01-15: Kickoff\n";
//! let merged = oneonone_git::merge::merge_texts(base, ours, theirs);
//! assert_eq!(merged.conflicts, 0);
//! assert_eq!(
//!     merged.text,
//!     "## Meeting History\n- 2026-01-29: Hiring\n- 2026-01-22: Roadmap\n- 2026-01-15: Kickoff\n"
//! );
//! ```

use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::collections::HashMap;

/// The result of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOutcome {
    /// The merged text (with conflict markers where `conflicts > 0`).
    pub text: String,
    /// How many conflicting stretches were written with markers.
    pub conflicts: usize,
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge_texts(base: &str, ours: &str, theirs: &str) -> MergeOutcome {
    let clean = |t: &str| MergeOutcome {
        text: t.to_owned(),
        conflicts: 0,
    };
    if ours == theirs || base == theirs {
        return clean(ours);
    }
    if base == ours {
        return clean(theirs);
    }
    let (ub, uo, ut) = (units(base), units(ours), units(theirs));
    let (tb, to, tt) = (texts(&ub), texts(&uo), texts(&ut));
    let mo = matches(&tb, &to);
    let mt = matches(&tb, &tt);
    let mut out: Vec<&str> = Vec::new();
    let mut conflicts = 0;
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < ub.len() || j < uo.len() || k < ut.len() {
        if i < ub.len() && mo[i] == Some(j) && mt[i] == Some(k) {
            out.push(tb[i]);
            (i, j, k) = (i + 1, j + 1, k + 1);
            continue;
        }
        let next = (i..ub.len()).find_map(|b| Some((b, mo[b]?, mt[b]?)));
        let (bi, oj, tk) = next.unwrap_or((ub.len(), uo.len(), ut.len()));
        let (hb, ho, ht) = (&ub[i..bi], &uo[j..oj], &ut[k..tk]);
        let (sb, so, st) = (&tb[i..bi], &to[j..oj], &tt[k..tk]);
        if so == sb || so == st {
            out.extend_from_slice(st);
        } else if st == sb {
            out.extend_from_slice(so);
        } else if let Some(resolved) = resolve(hb, ho, ht) {
            out.extend(resolved);
        } else {
            conflicts += 1;
            out.push("<<<<<<< ours\n");
            out.extend_from_slice(so);
            out.push("=======\n");
            out.extend_from_slice(st);
            out.push(">>>>>>> theirs\n");
        }
        (i, j, k) = (bi, oj, tk);
    }
    let newline = if ours.contains("\r\n") { "\r\n" } else { "\n" };
    let mut text = String::with_capacity(ours.len() + theirs.len() / 4);
    let last = out.len().saturating_sub(1);
    for (n, piece) in out.iter().enumerate() {
        text.push_str(piece);
        // A last line without a newline that ends up in the middle needs one.
        if n < last && !piece.ends_with('\n') {
            text.push_str(newline);
        }
    }
    MergeOutcome { text, conflicts }
}

fn texts<'a>(units: &[Unit<'a>]) -> Vec<&'a str> {
    units.iter().map(Unit::text).collect()
}

/// For each base unit, the index of the unit it matches on the other side.
fn matches(base: &[&str], other: &[&str]) -> Vec<Option<usize>> {
    let mut m = vec![None; base.len()];
    for op in capture_diff_slices(Algorithm::Myers, base, other) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for n in 0..len {
                m[old_index + n] = Some(new_index + n);
            }
        }
    }
    m
}

#[derive(Debug, Clone)]
enum Unit<'a> {
    Item(Item<'a>),
    Line(&'a str),
}

impl<'a> Unit<'a> {
    fn text(&self) -> &'a str {
        match self {
            Unit::Item(item) => item.text,
            Unit::Line(line) => line,
        }
    }
}

#[derive(Debug, Clone)]
struct Item<'a> {
    /// The item's lines, verbatim.
    text: &'a str,
    /// The normalised first line: its identity across versions.
    key: String,
    /// `YYYY-MM-DD` when the item is a dated entry.
    date: Option<&'a str>,
    ticked: bool,
}

/// Cuts a text into items and single lines. Front matter and fenced code are lines only.
fn units(src: &str) -> Vec<Unit<'_>> {
    let lines: Vec<&str> = src.split_inclusive('\n').collect();
    let mut offsets = Vec::with_capacity(lines.len() + 1);
    let mut at = 0;
    for l in &lines {
        offsets.push(at);
        at += l.len();
    }
    offsets.push(at);
    let mut out = Vec::new();
    let mut n = 0;
    if lines
        .first()
        .is_some_and(|l| l.trim_start_matches('\u{feff}').trim_end() == "---")
    {
        out.push(Unit::Line(lines[0]));
        n = 1;
        while n < lines.len() {
            out.push(Unit::Line(lines[n]));
            n += 1;
            if matches!(lines[n - 1].trim_end(), "---" | "...") {
                break;
            }
        }
    }
    let mut fence: Option<&str> = None;
    while n < lines.len() {
        let line = lines[n];
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            out.push(Unit::Line(line));
            n += 1;
            continue;
        }
        if indent(line) <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            fence = Some(&trimmed[..3]);
            out.push(Unit::Line(line));
            n += 1;
            continue;
        }
        let Some(body) = item_body(line) else {
            out.push(Unit::Line(line));
            n += 1;
            continue;
        };
        let own = indent(line);
        let mut end = n + 1;
        while end < lines.len() && !lines[end].trim().is_empty() && indent(lines[end]) > own {
            end += 1;
        }
        out.push(Unit::Item(Item {
            text: &src[offsets[n]..offsets[end]],
            key: item_key(body),
            date: entry_date(body),
            ticked: checkbox(body) == Some(true),
        }));
        n = end;
    }
    out
}

fn indent(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// The text after the bullet of a list item starting at indent 0..=3.
fn item_body(line: &str) -> Option<&str> {
    if indent(line) > 3 {
        return None;
    }
    let t = line.trim_start();
    let rest = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))?;
    Some(rest.trim_end_matches(['\r', '\n']))
}

fn checkbox(body: &str) -> Option<bool> {
    let b = body.trim_start();
    if b.starts_with("[ ]") {
        Some(false)
    } else if b.starts_with("[x]") || b.starts_with("[X]") {
        Some(true)
    } else {
        None
    }
}

fn entry_date(body: &str) -> Option<&str> {
    let b = body.trim_start();
    let date = b.get(..10)?;
    let shape = date.bytes().enumerate().all(|(n, c)| match n {
        4 | 7 => c == b'-',
        _ => c.is_ascii_digit(),
    });
    (shape && b[10..].starts_with(':')).then_some(date)
}

/// The identity of an item: its first line without check box and completion date,
/// case-folded, spaces collapsed.
fn item_key(body: &str) -> String {
    let mut b = body.trim();
    if checkbox(b).is_some() {
        b = b[3..].trim_start();
    }
    let mut text = b.to_owned();
    for marker in ["(completed ", "✅ "] {
        while let Some(at) = text.find(marker) {
            let after = at + marker.len();
            let date_end = after
                + text[after..]
                    .chars()
                    .take(10)
                    .map(char::len_utf8)
                    .sum::<usize>();
            let mut end = date_end;
            if marker.starts_with('(') && text[end..].starts_with(')') {
                end += 1;
            }
            text.replace_range(at..end, "");
        }
    }
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Resolves a stretch both sides changed, when its non-item lines agree on both sides.
fn resolve<'a>(base: &[Unit<'a>], ours: &[Unit<'a>], theirs: &[Unit<'a>]) -> Option<Vec<&'a str>> {
    let skeleton = |u: &[Unit<'a>]| {
        u.iter()
            .filter_map(|x| match x {
                Unit::Line(l) => Some(*l),
                Unit::Item(_) => None,
            })
            .collect::<Vec<&str>>()
    };
    let groups = |u: &[Unit<'a>]| {
        let mut g: Vec<Vec<Item<'a>>> = vec![Vec::new()];
        for x in u {
            match x {
                Unit::Line(_) => g.push(Vec::new()),
                Unit::Item(i) => g.last_mut().expect("never empty").push(i.clone()),
            }
        }
        g
    };
    let sk = skeleton(ours);
    if sk != skeleton(theirs) {
        return None;
    }
    let (og, tg) = (groups(ours), groups(theirs));
    let bg = if skeleton(base) == sk {
        groups(base)
    } else if base.iter().all(|u| matches!(u, Unit::Line(_))) {
        vec![Vec::new(); og.len()]
    } else {
        return None;
    };
    let mut out = Vec::new();
    for (n, ((b, o), t)) in bg.iter().zip(&og).zip(&tg).enumerate() {
        out.extend(merge_items(b, o, t)?);
        if let Some(line) = sk.get(n) {
            out.push(*line);
        }
    }
    Some(out)
}

/// Merges three versions of a run of items by identity; `None` when an item cannot be
/// decided.
fn merge_items<'a>(
    base: &[Item<'a>],
    ours: &[Item<'a>],
    theirs: &[Item<'a>],
) -> Option<Vec<&'a str>> {
    let (bi, oi, ti) = (index(base)?, index(ours)?, index(theirs)?);
    let mut out: Vec<&Item<'a>> = Vec::new();
    for o in ours {
        let b = bi.get(o.key.as_str()).map(|&n| &base[n]);
        let t = ti.get(o.key.as_str()).map(|&n| &theirs[n]);
        if let Some(kept) = merge_item(b, Some(o), t)? {
            out.push(kept);
        }
    }
    for b in base {
        if !oi.contains_key(b.key.as_str()) {
            let t = ti.get(b.key.as_str()).map(|&n| &theirs[n]);
            // Deleted on our side: gone if theirs left it alone, a conflict if edited.
            if merge_item(Some(b), None, t)?.is_some() {
                return None;
            }
        }
    }
    for t in theirs {
        let k = t.key.as_str();
        if oi.contains_key(k) || bi.contains_key(k) {
            continue;
        }
        let at = match t.date {
            // Newest first: after the last entry at least as new, else before the first
            // dated one.
            Some(d) => out
                .iter()
                .rposition(|x| x.date.is_some_and(|xd| xd >= d))
                .map(|p| p + 1)
                .or_else(|| out.iter().position(|x| x.date.is_some()))
                .unwrap_or(out.len()),
            None => out.len(),
        };
        out.insert(at, t);
    }
    Some(out.into_iter().map(|i| i.text).collect())
}

fn index<'i>(items: &'i [Item<'_>]) -> Option<HashMap<&'i str, usize>> {
    let mut m = HashMap::new();
    for (n, i) in items.iter().enumerate() {
        // Two items with one identity on a side: which is which is a guess; refuse.
        if m.insert(i.key.as_str(), n).is_some() {
            return None;
        }
    }
    Some(m)
}

/// Decides one item from its three versions: `Some(None)` removed, `None` a conflict.
fn merge_item<'i, 'a>(
    base: Option<&'i Item<'a>>,
    ours: Option<&'i Item<'a>>,
    theirs: Option<&'i Item<'a>>,
) -> Option<Option<&'i Item<'a>>> {
    let same = |a: &Item<'_>, b: &Item<'_>| a.text == b.text;
    match (base, ours, theirs) {
        (_, Some(o), Some(t)) if same(o, t) => Some(Some(o)),
        (Some(b), Some(o), Some(t)) if same(o, b) => Some(Some(t)),
        (Some(b), Some(o), Some(t)) if same(t, b) => Some(Some(o)),
        (_, Some(o), Some(t)) => match (o.ticked, t.ticked) {
            // Both completed the same item: the same fact, our date.
            (true, true) => Some(Some(o)),
            // Ticked on one side, and the other side only ever had it open.
            (true, false) if base.is_none() => Some(Some(o)),
            (false, true) if base.is_none() => Some(Some(t)),
            _ => None,
        },
        (Some(b), Some(o), None) => same(o, b).then_some(None),
        (Some(b), None, Some(t)) => same(t, b).then_some(None),
        (None, Some(o), None) => Some(Some(o)),
        (None, None, Some(t)) => Some(Some(t)),
        (_, None, None) => Some(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(b: &str, o: &str, t: &str) -> MergeOutcome {
        merge_texts(b, o, t)
    }

    #[test]
    fn keys_ignore_checkbox_completion_case_and_spaces() {
        assert_eq!(
            item_key("[x] Send  Deck (by 2026-01-20) (completed 2026-01-19)"),
            item_key("[ ] send deck (by 2026-01-20)")
        );
        assert_eq!(
            item_key("[X] Ship it ✅ 2026-01-02"),
            item_key("[ ] ship it")
        );
        assert_ne!(item_key("[ ] ship it"), item_key("[ ] ship it now"));
    }

    #[test]
    fn nested_lines_belong_to_their_item() {
        let u = units("- 2026-01-15: A\n  * detail\n- 2026-01-10: B\n\ntext\n");
        let texts: Vec<&str> = u.iter().map(Unit::text).collect();
        assert_eq!(
            texts,
            [
                "- 2026-01-15: A\n  * detail\n",
                "- 2026-01-10: B\n",
                "\n",
                "text\n"
            ]
        );
    }

    #[test]
    fn entries_added_on_both_sides_kept_newest_first() {
        let b = "## T\n- 2026-01-01: a\n";
        let o = "## T\n- 2026-01-08: o\n- 2026-01-01: a\n";
        let t = "## T\n- 2026-01-15: t\n  * more\n- 2026-01-01: a\n";
        let m = merge(b, o, t);
        assert_eq!(m.conflicts, 0);
        assert_eq!(
            m.text,
            "## T\n- 2026-01-15: t\n  * more\n- 2026-01-08: o\n- 2026-01-01: a\n"
        );
    }

    #[test]
    fn ticks_on_both_sides_and_new_items_all_kept() {
        let b = "- [ ] a\n- [ ] b\n- [x] c (completed 2026-01-01)\n";
        let o = "- [x] a (completed 2026-01-08)\n- [ ] b\n- [ ] new o\n- [x] c (completed 2026-01-01)\n";
        let t = "- [ ] a\n- [x] b (completed 2026-01-09)\n- [ ] new t\n- [x] c (completed 2026-01-01)\n";
        let m = merge(b, o, t);
        assert_eq!(m.conflicts, 0, "{}", m.text);
        assert_eq!(
            m.text,
            "- [x] a (completed 2026-01-08)\n- [x] b (completed 2026-01-09)\n- [ ] new o\n- [ ] new t\n- [x] c (completed 2026-01-01)\n"
        );
    }

    #[test]
    fn same_item_added_on_both_sides_kept_once() {
        let b = "# B\n";
        let o = "# B\n- [ ] task one\n";
        let t = "# B\n- [ ] task one\n- [ ] task two\n";
        let m = merge(b, o, t);
        assert_eq!(m.text, "# B\n- [ ] task one\n- [ ] task two\n");
        assert_eq!(m.conflicts, 0);
    }

    #[test]
    fn prose_changed_on_both_sides_conflicts() {
        let b = "intro\nline\nend\n";
        let o = "intro\nline ours\nend\n";
        let t = "intro\nline theirs\nend\n";
        let m = merge(b, o, t);
        assert_eq!(m.conflicts, 1);
        assert_eq!(
            m.text,
            "intro\n<<<<<<< ours\nline ours\n=======\nline theirs\n>>>>>>> theirs\nend\n"
        );
    }

    #[test]
    fn item_edited_one_side_removed_other_conflicts() {
        let b = "x\n- [ ] a\n- [ ] b\n";
        let o = "x\n- [ ] b\n- [ ] c\n";
        let t = "x\n- [ ] a\n  * note\n- [ ] b\n- [ ] d\n";
        assert_eq!(merge(b, o, t).conflicts, 1);
    }

    #[test]
    fn one_sided_change_taken_verbatim() {
        let b = "a\nb\n";
        let t = "a\nb changed\n";
        assert_eq!(merge(b, b, t).text, t);
        assert_eq!(merge(b, t, b).text, t);
    }

    #[test]
    fn last_line_without_newline_stays_separate() {
        let b = "- 2026-01-01: a";
        let o = "- 2026-01-02: o\n- 2026-01-01: a";
        let t = "- 2026-01-03: t\n- 2026-01-01: a";
        let m = merge(b, o, t);
        assert_eq!(m.text, "- 2026-01-03: t\n- 2026-01-02: o\n- 2026-01-01: a");
    }

    #[test]
    fn front_matter_lines_never_item_merged() {
        let b = "---\ntags:\n- a\n---\n";
        let o = "---\ntags:\n- b\n---\n";
        let t = "---\ntags:\n- c\n---\n";
        assert_eq!(merge(b, o, t).conflicts, 1);
    }
}
