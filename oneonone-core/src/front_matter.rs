//! Front matter: detected by hand at byte 0 (after an optional BOM), read with serde.
//!
//! The fences and the YAML stay raw text in the document; this module only reads values
//! and finds the line of each top-level key, so that diagnostics can point at it.

use crate::error::ParseError;
use crate::model::{FrontMatter, FrontMatterKey};
use serde_yaml::Value;

use crate::syntax::is_front_matter_fence;
pub(crate) use crate::syntax::parse_iso_date;

/// The largest front matter accepted, in bytes: a guard against YAML bombs and against
/// a stray `---` at the top of a huge file turning the whole file into YAML.
pub const MAX_FRONT_MATTER: usize = 64 * 1024;

/// The front matter block of a document, if it has one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Block {
    pub(crate) front_matter: FrontMatter,
    /// Whether the document opens with front matter at all.
    pub(crate) present: bool,
    /// 0-based index of the first line after the closing fence (0 without front matter).
    pub(crate) body_line: usize,
}

/// A line without its line ending.
pub(crate) fn line_text<'a>(src: &'a str, starts: &[usize], idx: usize) -> &'a str {
    let end = starts.get(idx + 1).copied().unwrap_or(src.len());
    let s = &src[starts[idx]..end];
    let s = s.strip_suffix('\n').unwrap_or(s);
    if end < src.len() || src.ends_with('\n') {
        s.strip_suffix('\r').unwrap_or(s)
    } else {
        s
    }
}

/// The 0-based index (into the YAML lines) of the line that causes a YAML error reported
/// later than it: the second of two equal keys, or a value opening a quote or bracket
/// that its line does not close.
fn line_at_fault(raw: &[&str], message: &str) -> Option<usize> {
    if let Some(rest) = message.strip_prefix("duplicate entry with key ") {
        let key = rest.trim().trim_matches('"');
        fn key_of(l: &str) -> Option<&str> {
            if l.starts_with([' ', '\t', '#', '-']) {
                return None;
            }
            l.split(':')
                .next()
                .map(|k| k.trim().trim_matches(['"', '\'']))
        }
        return raw
            .iter()
            .enumerate()
            .filter(|(_, l)| key_of(l) == Some(key))
            .nth(1)
            .map(|(i, _)| i);
    }
    raw.iter().position(|l| {
        let Some(colon) = l
            .find(": ")
            .or_else(|| l.trim_start().strip_prefix("- ").map(|_| 0))
        else {
            return false;
        };
        let value = l[colon + 1..].trim_start();
        let value = value.strip_prefix("- ").unwrap_or(value).trim();
        match value.as_bytes().first() {
            Some(b'"') => {
                let body = &value[1..];
                let mut escaped = false;
                !body.chars().any(|c| {
                    let close = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    close
                })
            }
            Some(b'\'') => value[1..].matches('\'').count() % 2 == 0,
            Some(b'[' | b'{') => {
                let opened = value.matches(['[', '{']).count();
                let closed = value.matches([']', '}']).count();
                opened > closed
            }
            _ => false,
        }
    })
}

/// Reads only the front matter of a document (an empty one when it has none), for callers
/// that need `person:` from many files without parsing their bodies.
///
/// # Errors
/// The front matter is unclosed, too large, or not a YAML mapping.
pub fn read_front_matter(src: &str) -> Result<FrontMatter, ParseError> {
    parse(src, &crate::syntax::line_starts(src)).map(|b| b.front_matter)
}

/// Finds and reads the front matter.
pub(crate) fn parse(src: &str, starts: &[usize]) -> Result<Block, ParseError> {
    if starts.is_empty() {
        return Ok(Block::default());
    }
    if !is_front_matter_fence(line_text(src, starts, 0), false) {
        return Ok(Block::default());
    }
    let close = (1..starts.len())
        .find(|&i| is_front_matter_fence(line_text(src, starts, i), true))
        .ok_or(ParseError::UnclosedFrontMatter { line: 1 })?;
    let mapping = read_mapping(src, starts, close)?;
    Ok(Block {
        front_matter: front_matter_of(&mapping, src, starts, close),
        present: true,
        body_line: close + 1,
    })
}

/// The YAML between the opening fence and the closing one at 0-based line `close`, as a
/// mapping (an empty block is an empty mapping).
fn read_mapping(
    src: &str,
    starts: &[usize],
    close: usize,
) -> Result<serde_yaml::Mapping, ParseError> {
    let yaml_start = starts.get(1).copied().unwrap_or(src.len());
    let yaml = &src[yaml_start..starts[close]];
    if yaml.len() > MAX_FRONT_MATTER {
        return Err(ParseError::FrontMatterTooLarge {
            size: yaml.len(),
            limit: MAX_FRONT_MATTER,
        });
    }
    if yaml.trim().is_empty() {
        return Ok(serde_yaml::Mapping::new());
    }
    match serde_yaml::from_str(yaml) {
        Ok(Value::Null) => Ok(serde_yaml::Mapping::new()),
        Ok(Value::Mapping(m)) => Ok(m),
        Ok(_) => Err(ParseError::InvalidFrontMatter {
            line: 2,
            column: 1,
            message: "front matter is not a mapping of keys to values".to_owned(),
        }),
        Err(e) => Err(yaml_error(&e, src, starts, close)),
    }
}

/// A YAML error placed at the line at fault, in the document's line numbers.
fn yaml_error(e: &serde_yaml::Error, src: &str, starts: &[usize], close: usize) -> ParseError {
    let (line, column) = e
        .location()
        .map(|l| (l.line() + 1, l.column()))
        .unwrap_or((1, 1));
    let message = e.to_string();
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => &message,
    };
    let raw: Vec<&str> = (1..close).map(|i| line_text(src, starts, i)).collect();
    // The YAML parser notices an unclosed quote or bracket only where the text ends,
    // at the closing fence; the line at fault is the one that opened it.
    let (line, column, message) = match line_at_fault(&raw, message) {
        Some(i) if message.starts_with("duplicate") => (i + 2, 1, message.to_owned()),
        Some(i) if i + 2 < line => (
            i + 2,
            1,
            format!("a quote or bracket opened on this line is never closed ({message})"),
        ),
        _ => (line, column, message.to_owned()),
    };
    ParseError::InvalidFrontMatter {
        line,
        column,
        message: message.to_lowercase(),
    }
}

/// The values the tool reads, and every key with its 1-based line (found in the raw
/// text, since the YAML reader keeps no positions).
fn front_matter_of(
    mapping: &serde_yaml::Mapping,
    src: &str,
    starts: &[usize],
    close: usize,
) -> FrontMatter {
    // Top-level keys in the raw text, each taken once, so a repeated key gets its own line.
    let mut raw_keys: Vec<(String, usize, bool)> = Vec::new();
    for i in 1..close {
        let l = line_text(src, starts, i);
        if l.is_empty() || l.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        if let Some(colon) = l.find(':') {
            let key = l[..colon].trim().trim_matches(['"', '\'']);
            raw_keys.push((key.to_owned(), i + 1, false));
        }
    }
    let mut fm = FrontMatter {
        line: 1,
        end_line: close + 1,
        ..FrontMatter::default()
    };
    for (k, v) in mapping {
        let key = render(k);
        let value = render(v);
        let line = match raw_keys
            .iter_mut()
            .find(|(rk, _, used)| !*used && *rk == key)
        {
            Some(entry) => {
                entry.2 = true;
                entry.1
            }
            None => 2,
        };
        let scalar = !matches!(v, Value::Mapping(_) | Value::Sequence(_) | Value::Null);
        match key.as_str() {
            "person" if scalar => fm.person = Some(value.clone()),
            "role" if scalar => fm.role = Some(value.clone()),
            "relationship" if scalar => fm.relationship = Some(value.clone()),
            "frequency" if scalar => fm.frequency = Some(value.clone()),
            "started" => fm.started = parse_iso_date(value.trim()),
            _ => {}
        }
        fm.keys.push(FrontMatterKey { key, value, line });
    }
    fm
}

/// A value rendered as a string: scalars as written, other values as YAML.
fn render(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Tagged(t) => render(&t.value),
        Value::Sequence(_) | Value::Mapping(_) => serde_yaml::to_string(v)
            .map(|s| s.trim_end().to_owned())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(s: &str) -> Vec<usize> {
        crate::syntax::line_starts(s)
    }

    #[test]
    fn keys_keep_source_order_and_lines() {
        let src = "---\nzeta: 1\nperson: Ana Diaz\nlist:\n  - a\nstarted: 2025-01-15\n---\nbody\n";
        let b = parse(src, &starts(src)).unwrap();
        let keys: Vec<_> = b
            .front_matter
            .keys
            .iter()
            .map(|k| (k.key.as_str(), k.line))
            .collect();
        assert_eq!(
            keys,
            [("zeta", 2), ("person", 3), ("list", 4), ("started", 6)]
        );
        assert_eq!(b.front_matter.person.as_deref(), Some("Ana Diaz"));
        assert_eq!(b.front_matter.started, parse_iso_date("2025-01-15"));
        assert_eq!(b.body_line, 7);
        assert_eq!(b.front_matter.end_line, 7);
    }

    #[test]
    fn malformed_yaml_points_at_file_line() {
        let src = "---\nperson: Ana\nrole: [unclosed\nx: 1\n---\n";
        let err = parse(src, &starts(src)).unwrap_err();
        match err {
            ParseError::InvalidFrontMatter { line, .. } => assert!((3..=5).contains(&line)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn dot_fence_closes_front_matter() {
        let src = "---\nperson: A\n...\n# T\n";
        let b = parse(src, &starts(src)).unwrap();
        assert_eq!(b.body_line, 3);
    }
}
