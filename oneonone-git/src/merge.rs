//! The merge driver's logic: a three-way merge of running documents and BACKLOG.md that
//! keeps the entries and items of both sides.
//!
//! The text is cut into units: a list item (a top-level `-`, `*` or `+` line with every
//! more-indented line under it) or a single other line. A classic diff3 over those units
//! takes every change made on one side only. Where both sides changed the same stretch,
//! the stretch is resolved by item identity when its non-item lines (headings, blank
//! lines, prose) are the same on both sides: items are identified by their first line's
//! `oneonone_core::syntax::item_key` (its text without check box, priority, due and
//! completion markers), so items added on both sides are all kept once each, dated entries
//! are placed newest first, and a box ticked on one side stays ticked. Anything else
//! (prose changed on both sides, an item edited on one side and removed or edited
//! differently on the other) is a real conflict and gets conflict markers, which
//! validation then refuses to commit.
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

use oneonone_core::syntax;
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

/// Cuts a text into items and single lines, with the document parser's line syntax: an
/// item is a top-level list item (a bullet at most three columns in) with every later line
/// indented deeper, blank lines between them included. Front matter, fenced code and HTML
/// comments are lines only.
fn units(src: &str) -> Vec<Unit<'_>> {
    let lines: Vec<&str> = src.split_inclusive('\n').collect();
    let bare = |n: usize| {
        let l = lines[n].strip_suffix('\n').unwrap_or(lines[n]);
        l.strip_suffix('\r').unwrap_or(l)
    };
    let offsets: Vec<usize> = std::iter::once(0)
        .chain(lines.iter().scan(0, |at, l| {
            *at += l.len();
            Some(*at)
        }))
        .collect();
    let mut out: Vec<Unit<'_>> = Vec::with_capacity(lines.len());
    let mut n = syntax::front_matter_lines((0..lines.len()).map(bare));
    out.extend(lines[..n].iter().map(|l| Unit::Line(l)));
    let mut block = Block::Text;
    while n < lines.len() {
        let line = bare(n);
        block = match block {
            Block::Fence(f) if f.closes(line) => Block::Text,
            Block::Comment if line.contains("-->") => Block::Text,
            Block::Fence(_) | Block::Comment => block,
            Block::Text => match (syntax::Fence::open(line), syntax::top_level_item(line)) {
                (Some(f), _) => Block::Fence(f),
                _ if opens_comment(line) => Block::Comment,
                (None, Some(body)) => {
                    let end = item_end(&lines, n);
                    let body = body.trim_end();
                    out.push(Unit::Item(Item {
                        text: &src[offsets[n]..offsets[end]],
                        key: syntax::item_key(body),
                        date: entry_date(body),
                        ticked: syntax::checkbox(body).is_some_and(|(done, _)| done),
                    }));
                    n = end;
                    continue;
                }
                (None, None) => Block::Text,
            },
        };
        out.push(Unit::Line(lines[n]));
        n += 1;
    }
    out
}

/// What the line scan of [`units`] is inside.
#[derive(Clone, Copy)]
enum Block {
    Text,
    Fence(syntax::Fence),
    Comment,
}

fn opens_comment(line: &str) -> bool {
    syntax::indent(line).0 <= 3
        && line
            .trim_start()
            .strip_prefix("<!--")
            .is_some_and(|after| !after.contains("-->"))
}

/// The line index just past the item starting at line `start`: its last line indented
/// deeper than its bullet, blank lines between them included.
fn item_end(lines: &[&str], start: usize) -> usize {
    let own = syntax::indent(lines[start]).0;
    let mut end = start + 1;
    let mut n = start + 1;
    while n < lines.len() {
        let line = lines[n];
        if line.trim().is_empty() {
            n += 1;
            continue;
        }
        if syntax::indent(line).0 <= own {
            break;
        }
        n += 1;
        end = n;
    }
    end
}

/// `YYYY-MM-DD` when the item is a dated entry (a real date or only its shape).
fn entry_date(body: &str) -> Option<&str> {
    match syntax::date_prefix(body) {
        syntax::DatePrefix::Valid(..) | syntax::DatePrefix::Invalid => Some(&body[..10]),
        syntax::DatePrefix::None => None,
    }
}

/// The items the merge driver identifies in a text, as 1-based inclusive line ranges:
/// what it keeps whole and matches by identity.
pub fn item_lines(src: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line = 1;
    for unit in units(src) {
        let count = unit.text().split_inclusive('\n').count();
        if let Unit::Item(_) = unit {
            out.push((line, line + count - 1));
        }
        line += count;
    }
    out
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

    fn item_key(body: &str) -> String {
        syntax::item_key(body)
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

    /// A three-way merge and what it must give: the merged text (where the case is about
    /// the text) and the number of conflicts.
    struct Case {
        name: &'static str,
        base: &'static str,
        ours: &'static str,
        theirs: &'static str,
        text: Option<&'static str>,
        conflicts: usize,
    }

    const CASES: &[Case] = &[
        Case {
            name: "entries added on both sides kept newest first",
            base: "## T\n- 2026-01-01: a\n",
            ours: "## T\n- 2026-01-08: o\n- 2026-01-01: a\n",
            theirs: "## T\n- 2026-01-15: t\n  * more\n- 2026-01-01: a\n",
            text: Some("## T\n- 2026-01-15: t\n  * more\n- 2026-01-08: o\n- 2026-01-01: a\n"),
            conflicts: 0,
        },
        Case {
            name: "ticks on both sides and new items all kept",
            base: "- [ ] a\n- [ ] b\n- [x] c (completed 2026-01-01)\n",
            ours: "- [x] a (completed 2026-01-08)\n- [ ] b\n- [ ] new o\n- [x] c (completed 2026-01-01)\n",
            theirs: "- [ ] a\n- [x] b (completed 2026-01-09)\n- [ ] new t\n- [x] c (completed 2026-01-01)\n",
            text: Some(
                "- [x] a (completed 2026-01-08)\n- [x] b (completed 2026-01-09)\n- [ ] new o\n- [ ] new t\n- [x] c (completed 2026-01-01)\n",
            ),
            conflicts: 0,
        },
        Case {
            name: "same item added on both sides kept once",
            base: "# B\n",
            ours: "# B\n- [ ] task one\n",
            theirs: "# B\n- [ ] task one\n- [ ] task two\n",
            text: Some("# B\n- [ ] task one\n- [ ] task two\n"),
            conflicts: 0,
        },
        Case {
            name: "prose changed on both sides conflicts",
            base: "intro\nline\nend\n",
            ours: "intro\nline ours\nend\n",
            theirs: "intro\nline theirs\nend\n",
            text: Some(
                "intro\n<<<<<<< ours\nline ours\n=======\nline theirs\n>>>>>>> theirs\nend\n",
            ),
            conflicts: 1,
        },
        Case {
            name: "item edited on one side and removed on the other conflicts",
            base: "x\n- [ ] a\n- [ ] b\n",
            ours: "x\n- [ ] b\n- [ ] c\n",
            theirs: "x\n- [ ] a\n  * note\n- [ ] b\n- [ ] d\n",
            text: None,
            conflicts: 1,
        },
        Case {
            name: "change on their side only taken verbatim",
            base: "a\nb\n",
            ours: "a\nb\n",
            theirs: "a\nb changed\n",
            text: Some("a\nb changed\n"),
            conflicts: 0,
        },
        Case {
            name: "change on our side only taken verbatim",
            base: "a\nb\n",
            ours: "a\nb changed\n",
            theirs: "a\nb\n",
            text: Some("a\nb changed\n"),
            conflicts: 0,
        },
        Case {
            name: "last line without a newline stays separate",
            base: "- 2026-01-01: a",
            ours: "- 2026-01-02: o\n- 2026-01-01: a",
            theirs: "- 2026-01-03: t\n- 2026-01-01: a",
            text: Some("- 2026-01-03: t\n- 2026-01-02: o\n- 2026-01-01: a"),
            conflicts: 0,
        },
        Case {
            name: "front matter lines never merged as items",
            base: "---\ntags:\n- a\n---\n",
            ours: "---\ntags:\n- b\n---\n",
            theirs: "---\ntags:\n- c\n---\n",
            text: None,
            conflicts: 1,
        },
    ];

    #[test]
    fn merge_gives_expected_text_and_conflicts_for_every_case() {
        for case in CASES {
            let m = merge(case.base, case.ours, case.theirs);
            assert_eq!(m.conflicts, case.conflicts, "{}:\n{}", case.name, m.text);
            if let Some(want) = case.text {
                assert_eq!(m.text, want, "{}", case.name);
            }
        }
    }
}
