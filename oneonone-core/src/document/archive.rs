//! Removing whole entries and items, the edit behind the quarterly archive: what leaves the
//! running document is written to the archive first, so nothing is lost.

use super::parse::Context;
use super::{Document, EditOutcome};
use crate::error::EditError;
use crate::model::SectionKind;

impl Document {
    /// Removes the entries and action items starting at the given 1-based lines, each with
    /// its nested lines, and nothing else (blank lines between items stay).
    ///
    /// # Errors
    /// [`EditError::NotAnItem`] when a line does not start a top-level item of a known
    /// section (the document is then unchanged).
    pub fn remove_items(&mut self, lines: &[usize]) -> Result<EditOutcome, EditError> {
        let mut ranges = Vec::with_capacity(lines.len());
        for &line in lines {
            let item = self
                .p
                .items
                .iter()
                .find(|i| {
                    i.line == line
                        && i.context != Context::None
                        && self.p.outline.sections[i.section].kind != SectionKind::Unknown
                })
                .ok_or(EditError::NotAnItem { line })?;
            ranges.push((item.line, item.end_line));
        }
        self.remove_line_ranges(ranges)
    }

    /// Removes the `###` thread headings named in `names` that hold nothing but blank
    /// lines (archiving moved their last entry away), with those blank lines. A thread
    /// with any other text under it stays.
    ///
    /// # Errors
    /// A removal that would not re-parse (the document is then unchanged).
    pub fn remove_empty_threads(&mut self, names: &[&str]) -> Result<EditOutcome, EditError> {
        let ranges: Vec<(usize, usize)> = self
            .threads()
            .iter()
            .filter(|t| names.iter().any(|n| n.trim() == t.name.trim()))
            .filter(|t| t.entries.is_empty() && t.undated.is_empty())
            .filter(|t| {
                (t.line + 1..=t.end_line).all(|l| self.line(l).is_none_or(|x| x.trim().is_empty()))
            })
            .map(|t| {
                // Keep one blank line where the heading stood between text and what
                // follows, so the next heading does not run into the text above.
                let after_text =
                    t.line > 1 && self.line(t.line - 1).is_some_and(|x| !x.trim().is_empty());
                let end = if after_text && t.end_line > t.line {
                    t.end_line - 1
                } else {
                    t.end_line.max(t.line)
                };
                (t.line, end)
            })
            .collect();
        self.remove_line_ranges(ranges)
    }

    /// The source text of lines `first..=last` (1-based), line endings included.
    pub fn line_range_text(&self, first: usize, last: usize) -> &str {
        let n = self.p.starts.len();
        if first == 0 || first > last || first > n {
            return "";
        }
        let start = self.p.starts[first - 1];
        let end = self.p.starts.get(last).copied().unwrap_or(self.src.len());
        &self.src[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "---\nperson: A B\n---\n\n## Ongoing Threads\n### T\n- 2026-01-02: new\n- 2025-12-01: old\n  * detail\n\n## Action Items\n### My Actions\n- [ ] open\n- [x] done (completed 2025-11-02)\n";

    #[test]
    fn remove_items_drops_entries_with_nested_lines_only() {
        let mut doc = Document::parse(DOC).unwrap();
        doc.remove_items(&[8, 14]).unwrap();
        assert_eq!(
            doc.to_string(),
            "---\nperson: A B\n---\n\n## Ongoing Threads\n### T\n- 2026-01-02: new\n\n## Action Items\n### My Actions\n- [ ] open\n"
        );
        assert_eq!(doc.threads()[0].entries.len(), 1);
    }

    #[test]
    fn remove_empty_threads_drops_only_headings_left_with_nothing() {
        let src = "## Ongoing Threads\n\n### Gone\n\n### Note\nsome text\n\n### Kept\n- 2026-01-02: x\n### Last\n\n## Action Items\n";
        let mut doc = Document::parse(src).unwrap();
        doc.remove_empty_threads(&["Gone", "Note", "Kept", "Last"])
            .unwrap();
        assert_eq!(
            doc.to_string(),
            "## Ongoing Threads\n\n### Note\nsome text\n\n### Kept\n- 2026-01-02: x\n\n## Action Items\n"
        );
    }

    #[test]
    fn remove_items_refuses_a_line_inside_an_item() {
        let mut doc = Document::parse(DOC).unwrap();
        assert_eq!(
            doc.remove_items(&[9]),
            Err(EditError::NotAnItem { line: 9 })
        );
        assert_eq!(doc.to_string(), DOC);
    }

    #[test]
    fn line_range_text_keeps_line_endings() {
        let doc = Document::parse(DOC).unwrap();
        assert_eq!(doc.line_range_text(8, 9), "- 2025-12-01: old\n  * detail\n");
        assert_eq!(
            doc.line_range_text(14, 14),
            "- [x] done (completed 2025-11-02)\n"
        );
        assert_eq!(doc.line_range_text(15, 15), "");
    }
}
