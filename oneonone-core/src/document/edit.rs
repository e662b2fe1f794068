//! Edits as splices into the source: each computes the lines to insert (or the one line
//! to change), copies its neighbours' style, applies the splice to a copy, re-parses the
//! copy and only then replaces the document.

use super::Document;
use super::parse::{self, Context, RawItem, bullet, indent};
use crate::error::EditError;
use crate::front_matter::line_text;
use crate::model::{Owner, SectionKind};
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
    if parse::is_thematic_break(line) {
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
    fn eol(&self) -> &'static str {
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
        let sec = &self.p.sections[s];
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
        near.into_iter()
            .find(|i| i.marker != 0 && !self.prefix_of(i).starts_with([' ', '\t']))
            .map(|i| self.copied_prefix(i))
            .unwrap_or_else(|| self.usual_prefix())
    }

    fn copied_prefix(&self, item: &RawItem) -> String {
        let p = self.prefix_of(item);
        if p.trim().is_empty() {
            "- ".to_owned()
        } else {
            with_marker_space(p)
        }
    }

    /// The document's usual bullet: the commonest prefix of its items at column 0 (the
    /// first one on a tie), else `- `.
    fn usual_prefix(&self) -> String {
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
        counts
            .into_iter()
            .find(|(_, n)| *n == best)
            .map_or_else(|| "- ".to_owned(), |(p, _)| p)
    }

    /// The prefix nested detail lines copy: an existing nested bullet's indent and marker
    /// (from `near` items first), more indented than `top`.
    fn nested_prefix<'a>(
        &'a self,
        near: impl IntoIterator<Item = &'a RawItem>,
        top: &str,
    ) -> String {
        let top_cols = indent(top).0;
        let found = near
            .into_iter()
            .chain(self.p.items.iter())
            .filter(|i| i.marker != 0 && i.end_line > i.line)
            .find_map(|i| {
                (i.line..i.end_line).find_map(|idx| {
                    let l = self.text_of(idx);
                    bullet(l)
                        .filter(|b| b.0 > top_cols)
                        .map(|b| with_marker_space(l[..b.2].to_owned()))
                })
            });
        match found {
            Some(p) => p,
            None => format!("{}- ", " ".repeat(top_cols + 2)),
        }
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
            let at = self.p.sections[s].line - 1;
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

    /// Inserts a dated entry into a newest-first list: before the first entry dated on or
    /// before `date`, else after the list's last item, else right after `heading_line`.
    fn insert_dated(
        &mut self,
        items: &[RawItem],
        heading_line: usize,
        date: NaiveDate,
        text: &str,
        details: &[String],
    ) -> Result<EditOutcome, EditError> {
        let dated_before = items.iter().find(|i| {
            let l = self.text_of(i.line - 1);
            matches!(parse::date_prefix(&l[i.content..]), parse::DatePrefix::Valid(d, _) if d <= date)
        });
        let at = match (dated_before, items.last()) {
            (Some(i), _) => i.line - 1,
            (None, Some(last)) => last.end_line,
            (None, None) => heading_line,
        };
        // Copy the item the new line will sit next to: an equal indent keeps both lines
        // separate items (a more indented line would join the item above it).
        let neighbour = dated_before.or(items.last());
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
        let wanted = thread.trim().to_lowercase();
        let sec_line = self.p.sections[s].line;
        let found = self.p.threads.iter().position(|t| {
            t.line > sec_line
                && t.line <= self.p.sections[s].end_line
                && t.name.trim().to_lowercase() == wanted
        });
        if let Some(t) = found {
            let items = self.items_where(|i| i.context == Context::Thread(t));
            let heading = self.p.threads[t].line;
            return self.insert_dated(&items, heading, date, text, details);
        }
        let at = self.section_content_end(s);
        let in_section: Vec<_> = self
            .p
            .threads
            .iter()
            .filter(|t| t.line > sec_line && t.line <= self.p.sections[s].end_line)
            .collect();
        // Copy the spacing of the thread above, or for the first thread that of the
        // document's other `###` headings (the template puts a blank line before them).
        let blank_before = match in_section.last() {
            Some(t) => t.line >= 2 && self.is_blank(t.line - 2),
            None => self.subheadings_follow_blank_lines(),
        };
        let items = self.items_where(|i| i.section == s);
        let prefix = self.new_list_prefix(&items);
        let mut lines = Vec::new();
        if blank_before {
            lines.push(String::new());
        }
        lines.push(format!("### {}", thread.trim()));
        lines.extend(self.entry_lines(&prefix, &items, date, text, details));
        self.insert_lines(at, &lines)
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
        let heading = self.p.sections[s].line;
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
        let at = items.last().map_or(self.p.sections[s].line, |i| i.end_line);
        let prefix = self.bullet_prefix(items.last());
        let line = format!("{prefix}{}", text.trim());
        refuse_rule(&line)?;
        self.insert_lines(at, &[line])
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
        let heading = match owner {
            Owner::Me => Some("### My Actions".to_owned()),
            Owner::Them => Some(format!(
                "### {}'s Actions",
                self.first_name().unwrap_or("Their")
            )),
            Owner::Named(name) => Some(format!("### {}'s Actions", name.trim())),
            Owner::Unassigned => None,
        };
        let Some(s) = self.unique_section(SectionKind::ActionItems)? else {
            let prefix = self.bullet_prefix(None);
            let mut lines: Vec<String> = heading.into_iter().collect();
            lines.push(format!("{prefix}{body}"));
            return self.create_section(SectionKind::ActionItems, lines);
        };
        let sec = self.p.sections[s].clone();
        let same = |a: &Owner| match (a, owner) {
            (Owner::Named(x), Owner::Named(y)) => x.to_lowercase() == y.trim().to_lowercase(),
            (a, b) => a == b,
        };
        let in_section = |line: usize| line >= sec.line && line <= sec.end_line;
        let list = self
            .p
            .action_lists
            .iter()
            .position(|l| in_section(l.line) && same(&l.owner));
        if let Some(l) = list {
            let context = if self.p.action_lists[l].heading.is_empty() {
                Context::Section
            } else {
                Context::Actions(l)
            };
            let items = self.items_where(|i| i.section == s && i.context == context);
            let list = &self.p.action_lists[l];
            let last_open = list.items.iter().rfind(|i| !i.done);
            let (at, neighbour) = match (last_open, items.first()) {
                (Some(open), _) => (open.end_line, items.iter().find(|i| i.line == open.line)),
                (None, Some(first)) => (first.line - 1, Some(first)),
                (None, None) => (list.line, None),
            };
            let prefix = self.bullet_prefix(neighbour);
            return self.insert_lines(at, &[format!("{prefix}{body}")]);
        }
        let items = self.items_where(|i| i.section == s);
        let prefix = self.new_list_prefix(&items);
        let line = format!("{prefix}{body}");
        let subsections: Vec<usize> = self
            .p
            .action_lists
            .iter()
            .filter(|l| in_section(l.line) && !l.heading.is_empty())
            .map(|l| l.line)
            .collect();
        let Some(heading) = heading else {
            return self.insert_lines(sec.line, &[line]);
        };
        let blank_style = match subsections.first() {
            Some(&h) => h >= 2 && self.is_blank(h - 2),
            None => self.section_content_end(s) > sec.line,
        };
        if *owner == Owner::Me
            && let Some(&first) = subsections.first()
        {
            let mut lines = vec![heading, line];
            if blank_style {
                lines.push(String::new());
            }
            return self.insert_lines(first - 1, &lines);
        }
        let at = self.section_content_end(s);
        let mut lines = Vec::new();
        if blank_style {
            lines.push(String::new());
        }
        lines.push(heading);
        lines.push(line);
        self.insert_lines(at, &lines)
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
