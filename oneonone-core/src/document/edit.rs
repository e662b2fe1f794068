//! Edits as splices into the source: each computes the lines to insert (or the one line
//! to change), copies its neighbours' style, applies the splice to a copy, re-parses the
//! copy and only then replaces the document.

use super::parse::{self, Context, RawItem};
use super::{BlockPlace, Document};
use crate::error::EditError;
use crate::front_matter::line_text;
use crate::model::{ActionList, Owner, SectionKind};
use crate::syntax::{self, bullet, indent};
use chrono::NaiveDate;

/// The order in which the tool creates missing sections (the SPEC 3 example).
const ORDER: [SectionKind; 5] = [
    SectionKind::FocusAreas,
    SectionKind::Threads,
    SectionKind::ActionItems,
    SectionKind::Accomplishments,
    SectionKind::MeetingHistory,
];

pub(super) fn check_text(what: &'static str, text: &str) -> Result<(), EditError> {
    if text.contains(['\n', '\r']) {
        return Err(EditError::InvalidText {
            what,
            reason: "the text holds a line break",
        });
    }
    if text.trim().is_empty() {
        return Err(EditError::InvalidText {
            what,
            reason: "the text is empty",
        });
    }
    Ok(())
}

/// A bullet whose text is only dashes (`- -   -`) reads back as a thematic break, not as the
/// bullet written, so the next run would not find it and add it again.
fn refuse_rule(line: &str) -> Result<(), EditError> {
    if syntax::is_thematic_break(line) {
        return Err(EditError::InvalidText {
            what: "focus area",
            reason: "the bullet would read as a thematic break",
        });
    }
    Ok(())
}

impl Document {
    /// Line (0-based) without its ending.
    fn text_of(&self, idx: usize) -> &str {
        line_text(&self.src, &self.p.starts, idx)
    }

    fn is_blank(&self, idx: usize) -> bool {
        idx < self.p.starts.len() && self.text_of(idx).trim().is_empty()
    }

    /// The document's line ending: that of its first line.
    pub(super) fn eol(&self) -> &'static str {
        match self.src.find('\n') {
            Some(i) if i > 0 && self.src.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    /// Replaces `range` of the source with `insert`, re-parsing before committing.
    fn splice(&mut self, range: std::ops::Range<usize>, insert: &str) -> Result<(), EditError> {
        let mut next = String::with_capacity(self.src.len() + insert.len());
        next.push_str(&self.src[..range.start]);
        next.push_str(insert);
        next.push_str(&self.src[range.end..]);
        let parsed = parse::parse(&next)?;
        self.src = next;
        self.p = parsed;
        Ok(())
    }

    /// Inserts whole lines before the 0-based line `at` (the line count appends).
    fn insert_lines(&mut self, at: usize, lines: &[String]) -> Result<EditOutcome, EditError> {
        let eol = self.eol();
        let n = self.p.starts.len();
        let mut text = String::new();
        let offset;
        if at < n {
            offset = self.p.starts[at];
            for l in lines {
                text.push_str(l);
                text.push_str(eol);
            }
        } else {
            offset = self.src.len();
            let final_eol = self.src.is_empty() || self.src.ends_with('\n');
            if !final_eol {
                // The one change to an existing line: the last line gets its line ending.
                // A last line ending in a lone `\r` already holds half of a CRLF.
                if eol == "\r\n" && self.src.ends_with('\r') {
                    text.push('\n');
                } else {
                    text.push_str(eol);
                }
            }
            for (i, l) in lines.iter().enumerate() {
                text.push_str(l);
                if final_eol || i + 1 < lines.len() {
                    text.push_str(eol);
                }
            }
        }
        self.splice(offset..offset, &text)?;
        Ok(EditOutcome {
            line: at.min(n) + 1,
            inserted: lines.len(),
        })
    }

    /// The one section of a kind; two of them make the edit ambiguous.
    fn unique_section(&self, kind: SectionKind) -> Result<Option<usize>, EditError> {
        let mut found = self
            .p
            .outline
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == kind && s.line != 0);
        let first = found.next();
        if let (Some((_, a)), Some((_, b))) = (first, found.next()) {
            return Err(EditError::DuplicateSection {
                title: a.title.clone(),
                first: a.line,
                second: b.line,
            });
        }
        Ok(first.map(|(i, _)| i))
    }

    /// 0-based index just past the last non-blank line of section `s`.
    fn section_content_end(&self, s: usize) -> usize {
        let sec = &self.p.outline.sections[s];
        let mut end = sec.end_line;
        while end > sec.line && self.is_blank(end - 1) {
            end -= 1;
        }
        end
    }

    /// Whether the document's `###` headings come after a blank line (the first one found
    /// decides); `false` when it has none.
    fn subheadings_follow_blank_lines(&self) -> bool {
        (1..self.p.starts.len())
            .find(|&i| self.text_of(i).starts_with("### "))
            .is_some_and(|i| self.is_blank(i - 1))
    }

    /// The marker and spacing of a top-level item (`- `, `* `, ` -  `).
    fn prefix_of(&self, item: &RawItem) -> String {
        self.text_of(item.line - 1)[..item.content].to_owned()
    }

    /// The bullet prefix a line joining a list copies: that of `near` (the list it
    /// joins), else the document's usual bullet.
    fn bullet_prefix<'a>(&'a self, near: impl IntoIterator<Item = &'a RawItem>) -> String {
        near.into_iter()
            .find(|i| i.marker != 0)
            .map(|i| self.copied_prefix(i))
            .unwrap_or_else(|| self.usual_prefix())
    }

    /// The bullet prefix of the first item of a new list: that of a `near` item standing
    /// at column 0, else the document's usual bullet; never the indentation of a list
    /// nested elsewhere.
    fn new_list_prefix<'a>(&'a self, near: impl IntoIterator<Item = &'a RawItem>) -> String {
        self.column0_prefix(near)
            .unwrap_or_else(|| self.usual_prefix())
    }

    /// The prefix of the first `near` item standing at column 0.
    fn column0_prefix<'a>(&'a self, near: impl IntoIterator<Item = &'a RawItem>) -> Option<String> {
        near.into_iter()
            .find(|i| i.marker != 0 && !self.prefix_of(i).starts_with([' ', '\t']))
            .map(|i| self.copied_prefix(i))
    }

    fn copied_prefix(&self, item: &RawItem) -> String {
        let p = self.prefix_of(item);
        if p.trim().is_empty() {
            "- ".to_owned()
        } else {
            with_marker_space(p)
        }
    }

    /// The document's usual bullet, else `- `.
    fn usual_prefix(&self) -> String {
        self.usual_style().unwrap_or_else(|| "- ".to_owned())
    }

    /// The commonest prefix of the document's items at column 0 (the first one on a tie);
    /// `None` when it has no such item.
    fn usual_style(&self) -> Option<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for item in self.p.items.iter().filter(|i| i.marker != 0) {
            let p = self.copied_prefix(item);
            if p.starts_with([' ', '\t']) {
                continue;
            }
            match counts.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => *n += 1,
                None => counts.push((p, 1)),
            }
        }
        let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
        counts.into_iter().find(|(_, n)| *n == best).map(|(p, _)| p)
    }

    /// The prefix nested detail lines copy: an existing nested bullet's indent and marker
    /// (from `near` items first), more indented than `top`.
    fn nested_prefix<'a>(
        &'a self,
        near: impl IntoIterator<Item = &'a RawItem>,
        top: &str,
    ) -> String {
        self.nested_style(near, top)
            .unwrap_or_else(|| format!("{}- ", " ".repeat(indent(top).0 + 2)))
    }

    /// The indent and marker of an existing nested bullet more indented than `top` (from
    /// `near` items first); `None` when the document has none.
    fn nested_style<'a>(
        &'a self,
        near: impl IntoIterator<Item = &'a RawItem>,
        top: &str,
    ) -> Option<String> {
        let top_cols = indent(top).0;
        near.into_iter()
            .chain(self.p.items.iter())
            .filter(|i| i.marker != 0 && i.end_line > i.line)
            .find_map(|i| {
                (i.line..i.end_line).find_map(|idx| {
                    let l = self.text_of(idx);
                    bullet(l)
                        .filter(|b| b.0 > top_cols)
                        .map(|b| with_marker_space(l[..b.2].to_owned()))
                })
            })
    }

    /// Creates a missing section holding `body`, placed in the SPEC 3 order.
    fn create_section(
        &mut self,
        kind: SectionKind,
        body: Vec<String>,
    ) -> Result<EditOutcome, EditError> {
        let pos = ORDER.iter().position(|k| *k == kind).unwrap_or(ORDER.len());
        let heading = format!("## {}", kind.canonical_title());
        let first_of = |k: SectionKind| {
            self.p
                .outline
                .sections
                .iter()
                .position(|s| s.kind == k && s.line != 0)
        };
        if let Some(s) = ORDER[..pos].iter().rev().find_map(|k| first_of(*k)) {
            let at = self.section_content_end(s);
            let mut lines = vec![String::new(), heading];
            lines.extend(body);
            if at < self.p.starts.len() && !self.is_blank(at) {
                lines.push(String::new());
            }
            return self.insert_lines(at, &lines);
        }
        if let Some(s) = ORDER
            .get(pos + 1..)
            .and_then(|after| after.iter().find_map(|k| first_of(*k)))
        {
            let at = self.p.outline.sections[s].line - 1;
            let mut lines = Vec::new();
            if at > 0 && !self.is_blank(at - 1) {
                lines.push(String::new());
            }
            lines.push(heading);
            lines.extend(body);
            lines.push(String::new());
            return self.insert_lines(at, &lines);
        }
        let n = self.p.starts.len();
        let mut lines = Vec::new();
        if n > 0 && !self.is_blank(n - 1) {
            lines.push(String::new());
        }
        lines.push(heading);
        lines.extend(body);
        self.insert_lines(n, &lines)
    }

    /// Where a dated line goes in a newest-first list, and the item it will sit next to:
    /// before the first entry dated on or before `date` (strictly before, with `below_same`,
    /// so lines of one date added in their order keep it), else after the list's last item,
    /// else right after `heading_line`.
    fn dated_slot<'a>(
        &self,
        items: &'a [RawItem],
        heading_line: usize,
        date: NaiveDate,
        below_same: bool,
    ) -> (usize, Option<&'a RawItem>) {
        let dated_before = items.iter().find(|i| {
            let l = self.text_of(i.line - 1);
            matches!(syntax::date_prefix(&l[i.content..]),
                syntax::DatePrefix::Valid(d, _) if d < date || (d == date && !below_same))
        });
        let at = match (dated_before, items.last()) {
            (Some(i), _) => i.line - 1,
            (None, Some(last)) => last.end_line,
            (None, None) => heading_line,
        };
        // Copy the item the new line will sit next to: an equal indent keeps both lines
        // separate items (a more indented line would join the item above it).
        (at, dated_before.or(items.last()))
    }

    /// Inserts a dated entry into a newest-first list (see [`Document::dated_slot`]).
    fn insert_dated(
        &mut self,
        items: &[RawItem],
        heading_line: usize,
        date: NaiveDate,
        text: &str,
        details: &[String],
    ) -> Result<EditOutcome, EditError> {
        let (at, neighbour) = self.dated_slot(items, heading_line, date, false);
        let prefix = self.bullet_prefix(neighbour);
        let lines = self.entry_lines(&prefix, items, date, text, details);
        self.insert_lines(at, &lines)
    }

    fn entry_lines(
        &self,
        prefix: &str,
        near: &[RawItem],
        date: NaiveDate,
        text: &str,
        details: &[String],
    ) -> Vec<String> {
        let mut lines = vec![format!("{prefix}{date}: {}", text.trim())];
        if !details.is_empty() {
            let nested = self.nested_prefix(near, prefix);
            lines.extend(details.iter().map(|d| format!("{nested}{}", d.trim())));
        }
        lines
    }

    fn items_where(&self, f: impl Fn(&RawItem) -> bool) -> Vec<RawItem> {
        self.p.items.iter().filter(|i| f(i)).cloned().collect()
    }

    /// The index of the thread named `name` (any case) within section `s`.
    fn thread_in(&self, s: usize, name: &str) -> Option<usize> {
        let wanted = name.trim().to_lowercase();
        let sec = &self.p.outline.sections[s];
        self.p.outline.threads.iter().position(|t| {
            t.line > sec.line && t.line <= sec.end_line && t.name.trim().to_lowercase() == wanted
        })
    }

    /// Adds a `### name` thread holding `lines` at the end of the threads section `s`.
    fn append_thread(
        &mut self,
        s: usize,
        name: &str,
        lines: Vec<String>,
    ) -> Result<EditOutcome, EditError> {
        let at = self.section_content_end(s);
        let sec = &self.p.outline.sections[s];
        let last = self
            .p
            .outline
            .threads
            .iter()
            .rfind(|t| t.line > sec.line && t.line <= sec.end_line);
        // Copy the spacing of the thread above, or for the first thread that of the
        // document's other `###` headings (the template puts a blank line before them).
        let blank_before = match last {
            Some(t) => t.line >= 2 && self.is_blank(t.line - 2),
            None => self.subheadings_follow_blank_lines(),
        };
        let mut out = Vec::with_capacity(lines.len() + 2);
        if blank_before {
            out.push(String::new());
        }
        out.push(format!("### {}", name.trim()));
        out.extend(lines);
        self.insert_lines(at, &out)
    }

    pub(super) fn edit_thread_entry(
        &mut self,
        thread: &str,
        date: NaiveDate,
        text: &str,
        details: &[String],
    ) -> Result<EditOutcome, EditError> {
        check_text("thread entry", text)?;
        check_text("thread name", thread)?;
        for d in details {
            check_text("entry detail", d)?;
        }
        let Some(s) = self.unique_section(SectionKind::Threads)? else {
            let prefix = self.bullet_prefix(None);
            let mut body = vec![format!("### {}", thread.trim())];
            body.extend(self.entry_lines(&prefix, &[], date, text, details));
            return self.create_section(SectionKind::Threads, body);
        };
        if let Some(t) = self.thread_in(s, thread) {
            let items = self.items_where(|i| i.context == Context::Thread(t));
            let heading = self.p.outline.threads[t].line;
            return self.insert_dated(&items, heading, date, text, details);
        }
        let items = self.items_where(|i| i.section == s);
        let prefix = self.new_list_prefix(&items);
        let lines = self.entry_lines(&prefix, &items, date, text, details);
        self.append_thread(s, thread, lines)
    }

    pub(super) fn edit_dated_list(
        &mut self,
        kind: SectionKind,
        date: NaiveDate,
        text: &str,
    ) -> Result<EditOutcome, EditError> {
        check_text("entry", text)?;
        let Some(s) = self.unique_section(kind)? else {
            let prefix = self.bullet_prefix(None);
            let body = self.entry_lines(&prefix, &[], date, text, &[]);
            return self.create_section(kind, body);
        };
        let items = self.items_where(|i| i.section == s && i.marker != 0);
        let heading = self.p.outline.sections[s].line;
        self.insert_dated(&items, heading, date, text, &[])
    }

    pub(super) fn edit_focus_area(&mut self, text: &str) -> Result<EditOutcome, EditError> {
        check_text("focus area", text)?;
        let Some(s) = self.unique_section(SectionKind::FocusAreas)? else {
            let line = format!("{}{}", self.bullet_prefix(None), text.trim());
            refuse_rule(&line)?;
            return self.create_section(SectionKind::FocusAreas, vec![line]);
        };
        let items = self.items_where(|i| i.section == s && i.marker != 0);
        let at = items
            .last()
            .map_or(self.p.outline.sections[s].line, |i| i.end_line);
        let prefix = self.bullet_prefix(items.last());
        let line = format!("{prefix}{}", text.trim());
        refuse_rule(&line)?;
        self.insert_lines(at, &[line])
    }

    /// The `###` heading of the owner's subsection as the tool writes it; `None` for items
    /// that belong to no one, which stand directly under Action Items.
    fn action_heading(&self, owner: &Owner) -> Option<String> {
        match owner {
            Owner::Me => Some("### My Actions".to_owned()),
            Owner::Them => Some(format!(
                "### {}'s Actions",
                self.first_name().unwrap_or("Their")
            )),
            Owner::Named(name) => Some(format!("### {}'s Actions", name.trim())),
            Owner::Unassigned => None,
        }
    }

    /// The index of the action list of section `s` that `wanted` picks.
    fn action_list_in(&self, s: usize, wanted: impl Fn(&ActionList) -> bool) -> Option<usize> {
        let sec = &self.p.outline.sections[s];
        self.p
            .outline
            .action_lists
            .iter()
            .position(|l| l.line >= sec.line && l.line <= sec.end_line && wanted(l))
    }

    /// The raw items of action list `l` in section `s`.
    fn action_list_items(&self, s: usize, l: usize) -> Vec<RawItem> {
        let context = if self.p.outline.action_lists[l].heading.is_empty() {
            Context::Section
        } else {
            Context::Actions(l)
        };
        self.items_where(|i| i.section == s && i.context == context)
    }

    pub(super) fn edit_action_item(
        &mut self,
        owner: &Owner,
        item: &super::NewActionItem,
    ) -> Result<EditOutcome, EditError> {
        check_text("action item", &item.text)?;
        if item.priority.is_some_and(|p| !(1..=3).contains(&p)) {
            return Err(EditError::InvalidText {
                what: "action item",
                reason: "the priority is not 1, 2 or 3",
            });
        }
        let body = format!("[ ] {}", item.body());
        let heading = self.action_heading(owner);
        let Some(s) = self.unique_section(SectionKind::ActionItems)? else {
            let prefix = self.bullet_prefix(None);
            let mut lines: Vec<String> = heading.into_iter().collect();
            lines.push(format!("{prefix}{body}"));
            return self.create_section(SectionKind::ActionItems, lines);
        };
        let same = |a: &Owner| match (a, owner) {
            (Owner::Named(x), Owner::Named(y)) => x.to_lowercase() == y.trim().to_lowercase(),
            (a, b) => a == b,
        };
        let Some(l) = self.action_list_in(s, |l| same(&l.owner)) else {
            let items = self.items_where(|i| i.section == s);
            let prefix = self.new_list_prefix(&items);
            let is_me = *owner == Owner::Me;
            return self.add_action_list(s, heading, is_me, vec![format!("{prefix}{body}")]);
        };
        let items = self.action_list_items(s, l);
        let last_open = self.p.outline.action_lists[l]
            .items
            .iter()
            .rfind(|i| !i.done);
        let (at, neighbour) = match (last_open, items.first()) {
            (Some(open), _) => (open.end_line, items.iter().find(|i| i.line == open.line)),
            (None, Some(first)) => (first.line - 1, Some(first)),
            (None, None) => (self.p.outline.action_lists[l].line, None),
        };
        let prefix = self.bullet_prefix(neighbour);
        self.insert_lines(at, &[format!("{prefix}{body}")])
    }

    /// Adds an action subsection holding `lines` to section `s`: `My Actions` before the
    /// other subsections, any other at the end, with the blank-line spacing the existing
    /// subsections use; with no heading, the lines go right under the section's heading.
    fn add_action_list(
        &mut self,
        s: usize,
        heading: Option<String>,
        is_me: bool,
        lines: Vec<String>,
    ) -> Result<EditOutcome, EditError> {
        let sec_line = self.p.outline.sections[s].line;
        let Some(heading) = heading else {
            return self.insert_lines(sec_line, &lines);
        };
        let first_sub = self
            .action_list_in(s, |l| !l.heading.is_empty())
            .map(|l| self.p.outline.action_lists[l].line);
        let blank_style = match first_sub {
            Some(h) => h >= 2 && self.is_blank(h - 2),
            None => self.section_content_end(s) > sec_line,
        };
        let mut out = Vec::with_capacity(lines.len() + 2);
        if let (true, Some(first)) = (is_me, first_sub) {
            out.push(heading);
            out.extend(lines);
            if blank_style {
                out.push(String::new());
            }
            return self.insert_lines(first - 1, &out);
        }
        if blank_style {
            out.push(String::new());
        }
        out.push(heading);
        out.extend(lines);
        let at = self.section_content_end(s);
        self.insert_lines(at, &out)
    }

    /// The items of the list `place` names (none when it does not exist yet).
    fn place_items(&self, place: &BlockPlace) -> Result<Vec<RawItem>, EditError> {
        let Some(s) = self.unique_section(place.section())? else {
            return Ok(Vec::new());
        };
        Ok(match place {
            BlockPlace::Thread(name) => match self.thread_in(s, name) {
                Some(t) => self.items_where(|i| i.context == Context::Thread(t)),
                None => Vec::new(),
            },
            BlockPlace::Actions(heading) => match self.action_list_in(s, same_heading(heading)) {
                Some(l) => self.action_list_items(s, l),
                None => Vec::new(),
            },
            BlockPlace::Accomplishments | BlockPlace::Meetings => {
                self.items_where(|i| i.section == s && i.marker != 0)
            }
        })
    }

    /// The first line of an item of `place` that holds the same lines as `block` (bullets,
    /// indentation and line endings aside).
    pub(super) fn find_block(
        &self,
        place: &BlockPlace,
        block: &BlockLines,
    ) -> Result<Option<usize>, EditError> {
        let key = lines_key(block.lines.iter().map(String::as_str));
        Ok(self
            .place_items(place)?
            .iter()
            .find(|i| lines_key((i.line - 1..i.end_line).map(|n| self.text_of(n))) == key)
            .map(|i| i.line))
    }

    pub(super) fn edit_insert_block(
        &mut self,
        place: &BlockPlace,
        block: &BlockLines,
    ) -> Result<EditOutcome, EditError> {
        match place {
            BlockPlace::Thread(name) => check_text("thread name", name)?,
            BlockPlace::Actions(heading) if heading.contains(['\n', '\r']) => {
                check_text("action subsection", heading)?;
            }
            _ => {}
        }
        let kind = place.section();
        let Some(s) = self.unique_section(kind)? else {
            let lines = self.restyled(block, None, &[]);
            let body = match place {
                BlockPlace::Thread(name) => vec![format!("### {}", name.trim())],
                BlockPlace::Actions(h) if !h.trim().is_empty() => vec![format!("### {}", h.trim())],
                _ => Vec::new(),
            };
            return self.create_section(kind, body.into_iter().chain(lines).collect());
        };
        let section_items = self.items_where(|i| i.section == s && i.marker != 0);
        let (at, neighbour, items) = match place {
            BlockPlace::Thread(name) => {
                let Some(t) = self.thread_in(s, name) else {
                    let lines = self.restyled(block, None, &section_items);
                    return self.append_thread(s, name, lines);
                };
                let items = self.items_where(|i| i.context == Context::Thread(t));
                let heading = self.p.outline.threads[t].line;
                let (at, n) = self.dated_slot(&items, heading, block.dated()?, true);
                (at, n.cloned(), items)
            }
            BlockPlace::Actions(heading) => {
                let Some(l) = self.action_list_in(s, same_heading(heading)) else {
                    let lines = self.restyled(block, None, &section_items);
                    let is_me = parse::owner_of(heading, self.first_name()) == Owner::Me;
                    let heading = Some(format!("### {}", heading.trim()))
                        .filter(|_| !heading.trim().is_empty());
                    return self.add_action_list(s, heading, is_me, lines);
                };
                let items = self.action_list_items(s, l);
                let at = items
                    .last()
                    .map_or(self.p.outline.action_lists[l].line, |i| i.end_line);
                (at, items.last().cloned(), items)
            }
            BlockPlace::Accomplishments | BlockPlace::Meetings => {
                let heading = self.p.outline.sections[s].line;
                let (at, n) = self.dated_slot(&section_items, heading, block.dated()?, true);
                (at, n.cloned(), section_items.clone())
            }
        };
        let near = if items.is_empty() {
            &section_items
        } else {
            &items
        };
        let lines = self.restyled(block, neighbour.as_ref(), near);
        self.insert_lines(at, &lines)
    }

    /// A block's lines in the style of the list it joins: its bullet becomes that of the
    /// item it will sit next to, else of a column-0 item of `near`, else the document's
    /// usual one, else its own at column 0; nested lines move with it, and the first level
    /// of nested bullets takes the document's nested indent and marker when it has some.
    /// Lines whose style does not change are kept byte for byte.
    fn restyled(
        &self,
        block: &BlockLines,
        joins: Option<&RawItem>,
        near: &[RawItem],
    ) -> Vec<String> {
        let own = &block.lines[0][..block.content];
        let prefix = joins
            .map(|i| self.copied_prefix(i))
            .or_else(|| self.column0_prefix(near))
            .or_else(|| self.usual_style())
            .unwrap_or_else(|| with_marker_space(own.trim_start().to_owned()));
        let mut out = vec![format!("{prefix}{}", &block.lines[0][block.content..])];
        let nested = &block.lines[1..];
        let Some(level) = nested
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| indent(l).0)
            .min()
        else {
            return out;
        };
        let style = self.nested_style(joins.into_iter().chain(near), &prefix);
        let (shift, marker) = match &style {
            Some(st) => (
                indent(st).0 as isize - level as isize,
                bullet(st).map(|b| b.1),
            ),
            None => (width(&prefix) as isize - width(own) as isize, None),
        };
        let floor = indent(&prefix).0 + 1;
        for l in nested {
            if l.trim().is_empty() {
                out.push(String::new());
                continue;
            }
            let (cols, bytes) = indent(l);
            let mut rest = l[bytes..].to_owned();
            let swap = marker.filter(|m| cols == level && bullet(l).is_some_and(|b| b.1 != *m));
            if let Some(m) = swap {
                rest.replace_range(..1, &char::from(m).to_string());
            }
            if shift == 0 && swap.is_none() {
                out.push(l.clone());
            } else {
                let to = (cols as isize + shift).max(floor as isize) as usize;
                out.push(format!("{}{rest}", " ".repeat(to)));
            }
        }
        out
    }

    pub(super) fn edit_replace_line(
        &mut self,
        line: usize,
        text: &str,
    ) -> Result<EditOutcome, EditError> {
        check_text("line", text)?;
        if line == 0 || line > self.p.starts.len() {
            return Err(EditError::InvalidText {
                what: "line",
                reason: "the line is not in the document",
            });
        }
        let start = self.p.starts[line - 1];
        let len = self.text_of(line - 1).len();
        self.splice(start..start + len, text)?;
        Ok(EditOutcome { line, inserted: 0 })
    }

    pub(super) fn edit_complete(
        &mut self,
        line: usize,
        date: NaiveDate,
    ) -> Result<EditOutcome, EditError> {
        let item = self
            .action_items()
            .find(|i| i.line == line && !i.done)
            .ok_or(EditError::NoOpenItem { line })?;
        let obsidian = item.raw_text.contains('📅');
        let raw = self
            .p
            .items
            .iter()
            .find(|i| i.line == line)
            .ok_or(EditError::NoOpenItem { line })?;
        let text = self.text_of(line - 1);
        let start = self.p.starts[line - 1];
        let box_at = raw.content + 1;
        let keep = text.trim_end_matches([' ', '\t']).len();
        let mark = if obsidian {
            format!(" ✅ {date}")
        } else {
            format!(" (completed {date})")
        };
        let mut new_line = String::with_capacity(text.len() + mark.len());
        new_line.push_str(&text[..box_at]);
        new_line.push('x');
        new_line.push_str(&text[box_at + 1..keep]);
        new_line.push_str(&mark);
        new_line.push_str(&text[keep..]);
        self.splice(start..start + text.len(), &new_line)?;
        Ok(EditOutcome { line, inserted: 0 })
    }

    pub(super) fn edit_remove_inbox(&mut self, lines: &[usize]) -> Result<EditOutcome, EditError> {
        let mut ranges = Vec::with_capacity(lines.len());
        for &line in lines {
            let b = self
                .p
                .inbox
                .iter()
                .find(|b| b.line == line)
                .ok_or(EditError::NotInboxLine { line })?;
            ranges.push((b.line, b.end_line));
        }
        self.remove_line_ranges(ranges)
    }

    /// Removes whole lines `a..=b` (1-based) for each range, re-parsing before committing;
    /// the outcome names the first line removed.
    pub(super) fn remove_line_ranges(
        &mut self,
        mut ranges: Vec<(usize, usize)>,
    ) -> Result<EditOutcome, EditError> {
        ranges.sort_unstable();
        ranges.dedup();
        let Some(&(first, _)) = ranges.first() else {
            return Ok(EditOutcome {
                line: 0,
                inserted: 0,
            });
        };
        let byte = |line: usize| self.p.starts.get(line).copied().unwrap_or(self.src.len());
        let mut next = String::with_capacity(self.src.len());
        let mut pos = 0;
        for &(a, b) in &ranges {
            next.push_str(&self.src[pos..byte(a - 1)]);
            pos = byte(b);
        }
        next.push_str(&self.src[pos..]);
        let len = self.src.len();
        self.splice(0..len, &next)?;
        Ok(EditOutcome {
            line: first,
            inserted: 0,
        })
    }
}

use super::EditOutcome;

/// A block of lines to insert: a top-level list item and the lines nested under it, as
/// written elsewhere (line endings taken off).
#[derive(Debug)]
pub(super) struct BlockLines {
    lines: Vec<String>,
    /// Byte offset of the first line's text after its bullet.
    content: usize,
}

impl BlockLines {
    /// Reads a block: a list item at most 3 columns in, then blank lines or lines indented
    /// deeper than it; blank lines at the end are dropped.
    pub(super) fn read(block: &str) -> Result<BlockLines, EditError> {
        let invalid = |reason| EditError::InvalidText {
            what: "block",
            reason,
        };
        let mut lines: Vec<String> = block
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_owned())
            .collect();
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        if lines.iter().any(|l| l.contains('\r')) {
            return Err(invalid("the text holds a lone carriage return"));
        }
        let first = lines.first().ok_or(invalid("the block is empty"))?;
        let (top, _, content) = bullet(first)
            .filter(|b| b.0 <= 3 && !syntax::is_thematic_break(first))
            .ok_or(invalid("the first line is not a list item"))?;
        if first[content..].trim().is_empty() {
            return Err(invalid("the item is empty"));
        }
        if lines[1..]
            .iter()
            .any(|l| !l.trim().is_empty() && indent(l).0 <= top)
        {
            return Err(invalid("a line is not nested under the first"));
        }
        Ok(BlockLines { lines, content })
    }

    /// The `YYYY-MM-DD:` date the item starts with, which a dated list needs.
    fn dated(&self) -> Result<NaiveDate, EditError> {
        match syntax::date_prefix(&self.lines[0][self.content..]) {
            syntax::DatePrefix::Valid(d, _) => Ok(d),
            _ => Err(EditError::InvalidText {
                what: "block",
                reason: "the entry does not start with a date",
            }),
        }
    }
}

/// What makes two items the same lines: each non-blank line without its indentation,
/// bullet and trailing spaces.
fn lines_key<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    lines
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| bullet(t).map_or(t, |b| t[b.2..].trim_end()))
        .collect()
}

/// Whether an action list has the heading `heading` (any case; `""`: no subsection).
fn same_heading(heading: &str) -> impl Fn(&ActionList) -> bool + '_ {
    move |l| l.heading.trim().to_lowercase() == heading.trim().to_lowercase()
}

/// Width in columns of a prefix (tabs to the next multiple of 4).
fn width(prefix: &str) -> usize {
    prefix.chars().fold(0, |cols, c| match c {
        '\t' => (cols / 4 + 1) * 4,
        _ => cols + 1,
    })
}

/// A copied prefix taken from an empty item (`  *` alone on its line) has no space after
/// its marker; without one, `*text` would not be a list item at all.
fn with_marker_space(mut prefix: String) -> String {
    if !prefix.ends_with([' ', '\t']) {
        prefix.push(' ');
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    // Found by the `process` fuzz target: appending after a last line that ends in a lone
    // `\r` must complete the CRLF, not add a second `\r`.
    #[test]
    fn append_after_lone_cr_completes_crlf() {
        let src = "---\r\nperson: Ana Diaz\r\n---\r\n\r\n## Ongoing Threads\r";
        let mut doc = Document::parse(src).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        doc.add_meeting(day, "Kickoff").unwrap();
        let out = doc.to_string();
        assert!(out.starts_with(src), "{out:?}");
        assert!(
            out.starts_with("---\r\nperson: Ana Diaz\r\n---\r\n\r\n## Ongoing Threads\r\n\r\n"),
            "{out:?}"
        );
        assert!(!out.contains("\r\r"), "{out:?}");
    }
}
