//! Parsing: pulldown-cmark finds the block structure (top-level headings, code and HTML
//! blocks), then one pass over the lines builds sections, threads, entries and items as
//! line ranges into the source. Nothing here recurses over nesting depth.

use crate::error::ParseError;
use crate::front_matter::{self, line_text};
use crate::model::{
    ActionItem, ActionList, Bullet, Entry, Outline, Owner, Section, SectionKind, Thread,
};
use crate::syntax::{
    DatePrefix, DateValue, Marker, MarkerKind, atx_heading, bullet, checkbox, date_prefix, indent,
    line_starts, scan_markers, strip_markers,
};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Line flag: inside a code block or HTML block, never a heading or an item.
pub(crate) const OPAQUE: u8 = 1;
/// Line flag: inside a code block.
pub(crate) const CODE: u8 = 2;
/// Line flag: a top-level thematic break (`- - -`, `* * *`).
const RULE: u8 = 4;

/// The parser options, listed explicitly: front matter is detected by hand, so metadata
/// blocks stay off (a `---` rule would otherwise be taken for a fence).
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

/// What a top-level list item (or Inbox line) belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// Preamble or an unknown section.
    None,
    /// Directly in a known section (no `###` subsection that gives it a home).
    Section,
    /// Under the thread with this index.
    Thread(usize),
    /// Under the action list with this index.
    Actions(usize),
}

/// A top-level list item (or plain Inbox line) and every line that belongs to it.
#[derive(Debug, Clone)]
pub(crate) struct RawItem {
    /// 1-based first line.
    pub(crate) line: usize,
    /// 1-based last line (nested lines included).
    pub(crate) end_line: usize,
    /// Index into the sections.
    pub(crate) section: usize,
    pub(crate) context: Context,
    /// The bullet character, or 0 for a plain Inbox line.
    pub(crate) marker: u8,
    /// Byte offset in the first line of the text after the marker and its spaces.
    pub(crate) content: usize,
    /// The `YYYY-MM-DD:` prefix of the content (`Unparseable` when there is none).
    pub(crate) date: DateValue,
    /// An action item's markers, with byte offsets into its first line.
    pub(crate) markers: Vec<Marker>,
}

/// Everything the views, validation and edits need, computed once per parse.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed {
    pub(crate) starts: Vec<usize>,
    pub(crate) flags: Vec<u8>,
    pub(crate) has_front_matter: bool,
    /// 0-based index of the first body line.
    pub(crate) body_line: usize,
    pub(crate) outline: Outline,
    pub(crate) inbox: Vec<Bullet>,
    pub(crate) items: Vec<RawItem>,
}

struct Heading {
    /// 0-based first line.
    line: usize,
    /// 0-based last line (the underline of a setext heading).
    end: usize,
    level: u8,
    atx: bool,
}

/// The owner named by an Action Items subsection heading.
pub(crate) fn owner_of(heading: &str, first_name: Option<&str>) -> Owner {
    let h = heading.trim();
    let lower = h.to_lowercase();
    if lower == "my actions" {
        return Owner::Me;
    }
    for suffix in ["'s actions", "’s actions"] {
        if let Some(name) = lower.strip_suffix(suffix) {
            let name = h[..name.len()].trim();
            if first_name.is_some_and(|f| f.to_lowercase() == name.to_lowercase()) {
                return Owner::Them;
            }
            return Owner::Named(name.to_owned());
        }
    }
    if let Some(name) = lower.strip_suffix(" actions") {
        return Owner::Named(h[..name.len()].trim().to_owned());
    }
    Owner::Named(h.to_owned())
}

/// Labels people put before a colon that are not names (`- [ ] Note: …`).
const NOT_NAMES: &[&str] = &[
    "action",
    "agenda",
    "ask",
    "blocked",
    "blocker",
    "context",
    "decision",
    "done",
    "due",
    "followup",
    "follow",
    "fyi",
    "goal",
    "idea",
    "important",
    "issue",
    "next",
    "note",
    "notes",
    "optional",
    "priority",
    "question",
    "re",
    "reminder",
    "risk",
    "todo",
    "topic",
    "update",
    "urgent",
    "waiting",
    "why",
    "wip",
];

/// The name a task starts with, before a colon (`Alex: review the plan`,
/// `**Alex:** …`, `**Alex**: …`): one to three capitalised words, not a label such as
/// `Note:`.
pub(crate) fn task_owner_prefix(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let name = if let Some(bold) = t.strip_prefix("**") {
        let close = bold.find("**")?;
        let inner = &bold[..close];
        match inner.strip_suffix(':') {
            Some(n) => n,
            None if bold[close + 2..].starts_with(':') => inner,
            None => return None,
        }
    } else {
        let colon = t.find(':')?;
        // `Alex: …` needs a space (or the end) after the colon; `10:30` is no name.
        if !t[colon + 1..].is_empty() && !t[colon + 1..].starts_with([' ', '\t']) {
            return None;
        }
        &t[..colon]
    };
    let name = name.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_word = |w: &&str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
            && w.chars().any(char::is_lowercase)
    };
    let label = words.len() == 1 && NOT_NAMES.contains(&words[0].to_lowercase().as_str());
    (!words.is_empty() && words.len() <= 3 && words.iter().all(is_word) && !label).then_some(name)
}

/// The owner a task names at its start, against the document's first name.
fn named_owner(text: &str, first_name: Option<&str>) -> Option<Owner> {
    let name = task_owner_prefix(text)?;
    let lower = name.to_lowercase();
    if matches!(lower.as_str(), "me" | "i" | "myself") {
        return Some(Owner::Me);
    }
    let first = crate::people::first_name(name).to_lowercase();
    if first_name.is_some_and(|f| f.to_lowercase() == lower || f.to_lowercase() == first) {
        return Some(Owner::Them);
    }
    Some(Owner::Named(name.to_owned()))
}

/// The first name of `person:`, when it has one.
pub(crate) fn first_word(person: &str) -> Option<&str> {
    Some(crate::people::first_name(person)).filter(|f| !f.is_empty())
}

/// The body as pulldown-cmark should see it: a `\r` not followed by `\n` is a line break
/// to CommonMark but not to the tool's lines, so it becomes a space (same byte length,
/// offsets unchanged). Otherwise a heading could start in the middle of a line.
/// A heading's title: an ATX heading's without its `#` runs, a setext heading's line
/// trimmed.
fn heading_title(line: &str, atx: bool) -> String {
    match atx_heading(line).filter(|_| atx) {
        Some((_, title)) => title.to_owned(),
        None => line.trim().to_owned(),
    }
}

fn without_lone_cr(body: &str) -> std::borrow::Cow<'_, str> {
    let b = body.as_bytes();
    let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
    if !body.contains('\r') || !(0..b.len()).any(lone) {
        return std::borrow::Cow::Borrowed(body);
    }
    let bytes: Vec<u8> = (0..b.len())
        .map(|i| if lone(i) { b' ' } else { b[i] })
        .collect();
    // Only an ASCII byte was replaced by another, so the text stays UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| body.to_owned()))
}

/// Parses the whole document.
pub(crate) fn parse(src: &str) -> Result<Parsed, ParseError> {
    let starts = line_starts(src);
    if let Some(pos) = src.find('\0') {
        let line = starts.partition_point(|&s| s <= pos);
        let column = src[starts[line - 1]..pos].chars().count() + 1;
        return Err(ParseError::Nul { line, column });
    }
    let fm = front_matter::parse(src, &starts)?;
    let n = starts.len();
    let mut flags = vec![0u8; n];
    let body_line = fm.body_line.min(n);
    let body_off = starts.get(body_line).copied().unwrap_or(src.len());
    let body = without_lone_cr(&src[body_off..]);

    let line_of = |off: usize| starts.partition_point(|&s| s <= body_off + off) - 1;
    let mut headings: Vec<Heading> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(&body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Item | Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::Item | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) if depth == 0 => {
                let line = line_of(range.start);
                let end = line_of(range.end.saturating_sub(1).max(range.start));
                let atx = line_text(src, &starts, line)
                    .trim_start_matches([' ', '\t'])
                    .starts_with('#');
                headings.push(Heading {
                    line,
                    end,
                    level: level as u8,
                    atx,
                });
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                let code = matches!(event, Event::Start(Tag::CodeBlock(_)));
                let first = line_of(range.start);
                let last = line_of(range.end.saturating_sub(1).max(range.start));
                for f in &mut flags[first..=last] {
                    *f |= OPAQUE | if code { CODE } else { 0 };
                }
            }
            Event::Rule if depth == 0 => flags[line_of(range.start)] |= RULE,
            _ => {}
        }
    }

    let mut p = Parsed {
        starts,
        flags,
        has_front_matter: fm.present,
        body_line,
        outline: Outline {
            front_matter: fm.front_matter,
            ..Outline::default()
        },
        ..Parsed::default()
    };
    build(src, &mut p, &headings);
    Ok(p)
}

struct Open {
    line: usize,
    last: usize,
    indent: usize,
    marker: u8,
    content: usize,
}

/// The state of the one pass over the body's lines.
struct Builder<'a> {
    src: &'a str,
    p: &'a mut Parsed,
    n: usize,
    first_name: Option<String>,
    section: Option<usize>,
    context: Context,
    open: Option<Open>,
    /// Whether the current known section holds anything yet: a thematic break ends it only
    /// when it stands between content and what follows.
    has_content: bool,
}

fn build(src: &str, p: &mut Parsed, headings: &[Heading]) {
    let n = p.starts.len();
    let first_name = p
        .outline
        .front_matter
        .person
        .as_deref()
        .and_then(first_word)
        .map(str::to_owned);
    let mut i = p.body_line;
    let mut b = Builder {
        src,
        p,
        n,
        first_name,
        section: None,
        context: Context::None,
        open: None,
        has_content: false,
    };
    let mut headings = headings.iter().peekable();
    while i < n {
        if let Some(h) = headings.next_if(|h| h.line == i) {
            b.heading(h);
            i = h.end + 1;
        } else {
            b.line(i);
            i += 1;
        }
    }
    b.close_item();
    close_thread(b.p, b.context, n);
    if let Some(s) = b.section {
        b.p.outline.sections[s].end_line = n;
    }
}

impl Builder<'_> {
    fn close_item(&mut self) {
        close_item(self.src, self.p, &mut self.open, self.section, self.context);
    }

    /// A heading: `#` in the preamble is the title; `##` opens a section; `###` a thread
    /// or an action list in the sections that have them.
    fn heading(&mut self, h: &Heading) {
        let i = h.line;
        self.close_item();
        let title = heading_title(line_text(self.src, &self.p.starts, i), h.atx);
        let in_preamble = self
            .section
            .is_none_or(|s| self.p.outline.sections[s].line == 0);
        if h.level == 1 && in_preamble {
            if self.section.is_none() {
                self.p.outline.sections.push(preamble(self.n));
                self.section = Some(0);
            }
        } else if h.level <= 2 {
            // Setext (`Action Items` underlined with `---`) counts as much as ATX.
            let kind = if h.level == 2 {
                SectionKind::from_title(&title)
            } else {
                SectionKind::Unknown
            };
            self.open_section(kind, title, i);
        } else if h.level == 3 {
            self.subsection(title, i);
        }
        // A subsection is content; the section's own heading is not.
        self.has_content |= h.level >= 3;
    }

    /// Ends the current section at 0-based line `i` and opens one of `kind` there.
    fn open_section(&mut self, kind: SectionKind, title: String, i: usize) {
        if let Some(s) = self.section {
            self.p.outline.sections[s].end_line = i;
        }
        close_thread(self.p, self.context, i);
        self.p.outline.sections.push(Section {
            kind,
            title,
            line: i + 1,
            end_line: self.n,
        });
        self.section = Some(self.p.outline.sections.len() - 1);
        self.has_content = false;
        self.context = match kind {
            SectionKind::Unknown => Context::None,
            _ => Context::Section,
        };
    }

    fn subsection(&mut self, title: String, i: usize) {
        let kind = self
            .section
            .map_or(SectionKind::Unknown, |s| self.p.outline.sections[s].kind);
        match kind {
            SectionKind::Threads => {
                close_thread(self.p, self.context, i);
                self.p.outline.threads.push(Thread {
                    name: title,
                    entries: Vec::new(),
                    undated: Vec::new(),
                    line: i + 1,
                    end_line: self.n,
                });
                self.context = Context::Thread(self.p.outline.threads.len() - 1);
            }
            SectionKind::ActionItems => {
                self.p.outline.action_lists.push(ActionList {
                    owner: owner_of(&title, self.first_name.as_deref()),
                    heading: title,
                    items: Vec::new(),
                    line: i + 1,
                });
                self.context = Context::Actions(self.p.outline.action_lists.len() - 1);
            }
            _ => {}
        }
    }

    /// Any other line: blank, a section-ending thematic break, an open item's nested line,
    /// or the start of an item.
    fn line(&mut self, i: usize) {
        let line = line_text(self.src, &self.p.starts, i);
        if line.trim().is_empty() {
            return;
        }
        let known = self.section.is_some_and(|s| {
            self.p.outline.sections[s].kind != SectionKind::Unknown
                && self.p.outline.sections[s].line != 0
        });
        if known && self.has_content && self.p.flags[i] & RULE != 0 {
            // The section ends at the break: what follows up to the next heading belongs
            // to no known section, and new entries go before the break.
            self.close_item();
            self.open_section(SectionKind::Unknown, String::new(), i);
            return;
        }
        self.has_content = true;
        if self.section.is_none() {
            // Text before the first `##`-level heading: the preamble.
            self.p.outline.sections.push(preamble(self.n));
            self.section = Some(0);
        }
        let (cols, bytes) = indent(line);
        if let Some(o) = &mut self.open
            && cols > o.indent
        {
            o.last = i;
            return;
        }
        self.close_item();
        if self.p.flags[i] & (OPAQUE | RULE) != 0 {
            return;
        }
        let inbox = self
            .section
            .is_some_and(|s| self.p.outline.sections[s].kind == SectionKind::Inbox);
        self.open = match bullet(line).filter(|b| b.0 <= 3) {
            Some((cols, marker, content)) => Some(Open {
                line: i,
                last: i,
                indent: cols,
                marker,
                content,
            }),
            None if inbox => Some(Open {
                line: i,
                last: i,
                indent: cols,
                marker: 0,
                content: bytes,
            }),
            None => None,
        };
    }
}

fn preamble(n: usize) -> Section {
    Section {
        kind: SectionKind::Unknown,
        title: String::new(),
        line: 0,
        end_line: n,
    }
}

fn close_thread(p: &mut Parsed, context: Context, heading_idx: usize) {
    if let Context::Thread(t) = context {
        p.outline.threads[t].end_line = heading_idx;
    }
}

fn close_item(
    src: &str,
    p: &mut Parsed,
    open: &mut Option<Open>,
    section: Option<usize>,
    context: Context,
) {
    let (Some(o), Some(s)) = (open.take(), section) else {
        return;
    };
    let kind = p.outline.sections[s].kind;
    let mut item = RawItem {
        line: o.line + 1,
        end_line: o.last + 1,
        section: s,
        context: if kind == SectionKind::Unknown {
            Context::None
        } else {
            context
        },
        marker: o.marker,
        content: o.content,
        date: DateValue::Unparseable,
        markers: Vec::new(),
    };
    classify(src, p, &mut item, kind);
    p.items.push(item);
}

/// The nested lines of an item, each trimmed of indentation and bullet marker.
pub(crate) fn details(src: &str, starts: &[usize], item: &RawItem) -> Vec<String> {
    (item.line..item.end_line)
        .filter_map(|i| {
            let l = line_text(src, starts, i);
            let t = l.trim();
            if t.is_empty() {
                return None;
            }
            let t = match bullet(t) {
                Some((_, _, c)) => &t[c..],
                None => t,
            };
            Some(t.trim().to_owned())
        })
        .collect()
}

fn classify(src: &str, p: &mut Parsed, item: &mut RawItem, kind: SectionKind) {
    let first = line_text(src, &p.starts, item.line - 1);
    let content = first[item.content..].trim_end();
    let prefix = date_prefix(content);
    item.date = match prefix {
        DatePrefix::Valid(d, _) => DateValue::Valid(d),
        DatePrefix::Invalid => DateValue::Invalid,
        DatePrefix::None => DateValue::Unparseable,
    };
    match (kind, item.context) {
        (SectionKind::FocusAreas, _) if item.marker != 0 => p.outline.focus_areas.push(Bullet {
            text: content.trim().to_owned(),
            line: item.line,
            end_line: item.end_line,
        }),
        (SectionKind::Inbox, _) => p.inbox.push(Bullet {
            text: content.trim().to_owned(),
            line: item.line,
            end_line: item.end_line,
        }),
        (SectionKind::Threads, Context::Thread(t)) => match prefix {
            DatePrefix::Valid(date, text) => p.outline.threads[t].entries.push(Entry {
                date,
                text: text.to_owned(),
                details: details(src, &p.starts, &*item),
                line: item.line,
                end_line: item.end_line,
            }),
            DatePrefix::Invalid | DatePrefix::None => p.outline.threads[t].undated.push(Bullet {
                text: content.trim().to_owned(),
                line: item.line,
                end_line: item.end_line,
            }),
        },
        (SectionKind::Accomplishments | SectionKind::MeetingHistory, _) => {
            if let DatePrefix::Valid(date, text) = prefix {
                let entry = Entry {
                    date,
                    text: text.to_owned(),
                    details: details(src, &p.starts, &*item),
                    line: item.line,
                    end_line: item.end_line,
                };
                if kind == SectionKind::Accomplishments {
                    p.outline.accomplishments.push(entry);
                } else {
                    p.outline.meetings.push(entry);
                }
            }
        }
        (SectionKind::ActionItems, _) => {
            if let Some((done, rest)) = checkbox(content) {
                classify_action(src, p, item, done, rest);
            }
        }
        _ => {}
    }
}

/// An action item: its markers (with offsets into its first line), dates, priority,
/// owner and the list it belongs to (an unassigned one directly under the section).
fn classify_action(src: &str, p: &mut Parsed, item: &mut RawItem, done: bool, rest: &str) {
    let first = line_text(src, &p.starts, item.line - 1);
    let raw = rest.trim();
    let markers = scan_markers(raw);
    let base = raw.as_ptr() as usize - first.as_ptr() as usize;
    item.markers = markers
        .iter()
        .map(|m| Marker {
            start: m.start + base,
            end: m.end + base,
            ..*m
        })
        .collect();
    let mut due = None;
    let mut completed = None;
    let mut priority = None;
    for m in &markers {
        match m.kind {
            MarkerKind::Due(DateValue::Valid(d)) | MarkerKind::ObsidianDue(DateValue::Valid(d)) => {
                due.get_or_insert(d);
            }
            MarkerKind::Completed(DateValue::Valid(d))
            | MarkerKind::ObsidianDone(DateValue::Valid(d)) => {
                completed.get_or_insert(d);
            }
            MarkerKind::Priority(n @ 1..=3) => {
                priority.get_or_insert(n as u8);
            }
            _ => {}
        }
    }
    let list = action_list_of(p, item);
    let first_name = p
        .outline
        .front_matter
        .person
        .as_deref()
        .and_then(first_word);
    let owner =
        named_owner(raw, first_name).unwrap_or_else(|| p.outline.action_lists[list].owner.clone());
    p.outline.action_lists[list].items.push(ActionItem {
        owner,
        done,
        text: strip_markers(raw, &markers),
        raw_text: raw.to_owned(),
        due,
        completed,
        priority,
        details: details(src, &p.starts, &*item),
        line: item.line,
        end_line: item.end_line,
    });
}

/// The action list an item goes in: its `###` list, else an unassigned list at the top of
/// the section (made on first use).
fn action_list_of(p: &mut Parsed, item: &RawItem) -> usize {
    if let Context::Actions(l) = item.context {
        return l;
    }
    let section_line = p.outline.sections[item.section].line;
    if !p
        .outline
        .action_lists
        .last()
        .is_some_and(|l| l.owner == Owner::Unassigned && l.line == section_line)
    {
        p.outline.action_lists.push(ActionList {
            owner: Owner::Unassigned,
            heading: String::new(),
            items: Vec::new(),
            line: section_line,
        });
    }
    p.outline.action_lists.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    // Found by the `process` fuzz target: pulldown-cmark breaks lines at a lone `\r`, the
    // tool's lines do not; the two disagreed on the structure, so processing added a section
    // it could not find again and a second run added everything twice.
    #[test]
    fn lone_cr_keeps_processing_idempotent() {
        use crate::process::{ProcessContext, apply, plan};
        let src = "---\nperson: Dee O'Hara\n---\n\n## Ongoing---\rd: 2024-06-01\n---\n\n\
                   ## Ongoing---\r\ntail\r\n";
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 16).unwrap();
        let settings = crate::Settings::default();
        let ctx = ProcessContext::default();
        let mut doc = crate::Document::parse(src).unwrap();
        let first = plan(&doc, "- Sorry", day, &settings, &ctx).unwrap();
        apply(&mut doc, &first).unwrap();
        let once = doc.to_string();
        let second = plan(&doc, "- Sorry", day, &settings, &ctx).unwrap();
        apply(&mut doc, &second).unwrap();
        assert_eq!(doc.to_string(), once);
    }

    // Found by the `process` fuzz target: an unclosed `(by …` hid the `(completed …)` the
    // tick appended, so the same "done" note ticked nothing and became a thread entry.
    #[test]
    fn unclosed_due_paren_does_not_hide_completed() {
        let markers = scan_markers("Write plan (by 202 to leave (completed 2026-01-16)");
        let completed: Vec<_> = markers
            .iter()
            .filter_map(|m| match m.kind {
                MarkerKind::Completed(DateValue::Valid(d)) => Some(d),
                _ => None,
            })
            .collect();
        assert_eq!(completed, [NaiveDate::from_ymd_opt(2026, 1, 16).unwrap()]);
    }

    #[test]
    fn crlf_is_not_a_lone_cr() {
        assert!(matches!(
            without_lone_cr("a\r\nb\r\n"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(without_lone_cr("a\rb\r\nc\r"), "a b\r\nc ");
    }
}
