//! The people of a notes repository: running documents, slugs and name lookup.

use crate::error::{FindPersonError, ListError, SlugError};
use crate::repo::NotesRepo;
use oneonone_core::people::{Candidate, Lookup, lookup};
use std::path::{Path, PathBuf};

/// A running document: one per relationship, directly in the notes directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The file stem, e.g. `sarah-chen`.
    pub slug: String,
    /// `person:` from the front matter, when it can be read.
    pub name: Option<String>,
    /// The document's path (absolute).
    pub path: PathBuf,
}

impl Person {
    /// The name to show: `person:`, else the slug.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.slug)
    }
}

impl NotesRepo {
    /// Every running document (`*.md` directly in the notes directory, except names
    /// starting `_` or `.`), sorted by slug. A missing notes directory gives none.
    ///
    /// # Errors
    /// [`ListError`] when the notes directory cannot be read.
    pub fn people(&self) -> Result<Vec<Person>, ListError> {
        let mut people: Vec<Person> = md_files_in(&self.notes_dir())?
            .into_iter()
            .map(|path| {
                let slug = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let name = crate::fs::read_text(&path)
                    .ok()
                    .and_then(|t| person_from_front_matter(&t));
                Person { slug, name, path }
            })
            .collect();
        people.sort_by(|a, b| a.slug.cmp(&b.slug));
        Ok(people)
    }

    /// Every notes file: running documents and everything under `archive/` (recursively),
    /// skipping names starting `_` or `.`; sorted.
    ///
    /// # Errors
    /// [`ListError`] when a directory cannot be read.
    pub fn notes_files(&self) -> Result<Vec<PathBuf>, ListError> {
        let mut files = Vec::new();
        collect_md(&self.notes_dir(), &mut files)?;
        files.sort();
        Ok(files)
    }

    /// Finds a person by exact slug, unique slug prefix, or `person:` name (full, first
    /// name or surname), case-insensitively.
    ///
    /// # Errors
    /// [`FindPersonError`]: the query would escape the notes directory, matches nobody, or
    /// matches several people (the error lists the candidates).
    pub fn find_person(&self, query: &str) -> Result<Person, FindPersonError> {
        check_query(query).map_err(|source| FindPersonError::InvalidQuery {
            query: query.to_owned(),
            source,
        })?;
        let people = self.people()?;
        let candidates: Vec<Candidate<'_>> = people
            .iter()
            .map(|p| Candidate {
                slug: &p.slug,
                name: p.name.as_deref(),
            })
            .collect();
        let slugs = |found: &[usize]| found.iter().map(|&i| people[i].slug.clone()).collect();
        match lookup(&candidates, query) {
            Lookup::Found(i) => Ok(people[i].clone()),
            Lookup::Unknown(close) => Err(FindPersonError::Unknown {
                query: query.to_owned(),
                suggestions: slugs(&close),
                candidates: people.iter().map(|p| p.slug.clone()).collect(),
            }),
            Lookup::Ambiguous(many) => Err(FindPersonError::Ambiguous {
                query: query.to_owned(),
                candidates: slugs(&many),
            }),
        }
    }

    /// The running document's path for `slug` (which must be a valid slug).
    ///
    /// # Errors
    /// [`SlugError`] when `slug` is not `[a-z0-9-]+` or would escape the notes directory.
    pub fn document_path(&self, slug: &str) -> Result<PathBuf, SlugError> {
        validate_slug(slug)?;
        Ok(self.notes_dir().join(format!("{slug}.md")))
    }
}

pub use oneonone_core::people::slugify;

/// Checks that `slug` is `[a-z0-9-]+` (so it cannot escape the notes directory).
///
/// # Errors
/// [`SlugError`] naming what is wrong.
pub fn validate_slug(slug: &str) -> Result<(), SlugError> {
    check_query(slug)?;
    if slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Ok(())
    } else {
        Err(SlugError::InvalidSlug {
            slug: slug.to_owned(),
        })
    }
}

/// Refuses queries that could name a path outside the notes directory.
fn check_query(query: &str) -> Result<(), SlugError> {
    if query.contains('\0') {
        return Err(SlugError::Nul {
            name: query.to_owned(),
        });
    }
    let q = query.trim();
    if q.is_empty() {
        return Err(SlugError::Empty);
    }
    if q.contains(['/', '\\']) || q.starts_with('.') || Path::new(q).is_absolute() {
        return Err(SlugError::EscapesNotesDir {
            name: query.to_owned(),
        });
    }
    Ok(())
}

fn md_files_in(dir: &Path) -> Result<Vec<PathBuf>, ListError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(ListError::ReadDir {
                path: dir.to_owned(),
                source,
            });
        }
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| ListError::ReadDir {
            path: dir.to_owned(),
            source,
        })?;
        let path = entry.path();
        if is_notes_name(&path) && path.is_file() {
            out.push(path);
        }
    }
    Ok(out)
}

fn collect_md(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ListError> {
    out.extend(md_files_in(dir)?);
    let archive = dir.join("archive");
    if archive.is_dir() {
        collect_archive(&archive, out)?;
    }
    Ok(())
}

fn collect_archive(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ListError> {
    out.extend(md_files_in(dir)?);
    let entries = std::fs::read_dir(dir).map_err(|source| ListError::ReadDir {
        path: dir.to_owned(),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(['.', '_']));
        // Follow only real directories: a symlinked directory could loop or leave the repo.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && !hidden {
            collect_archive(&path, out)?;
        }
    }
    Ok(())
}

fn is_notes_name(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    !name.starts_with(['_', '.']) && path.extension().is_some_and(|e| e == "md")
}

/// `person:` from the YAML front matter at the start of `text` (after an optional BOM).
pub(crate) fn person_from_front_matter(text: &str) -> Option<String> {
    let front_matter = oneonone_core::read_front_matter(text).ok()?;
    let person = front_matter.person?.trim().to_owned();
    (!person.is_empty()).then_some(person)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_slug_refuses_escapes() {
        assert!(validate_slug("sarah-chen").is_ok());
        for (bad, want) in [
            ("../x", "outside"),
            ("/etc", "outside"),
            ("a/b", "outside"),
            ("a\\b", "outside"),
            (".hidden", "outside"),
            ("", "empty"),
            ("a\0b", "NUL"),
            ("Sarah", "not a valid slug"),
            ("sarah chen", "not a valid slug"),
        ] {
            let e = validate_slug(bad).unwrap_err();
            assert!(e.to_string().contains(want), "{bad:?}: {e}");
        }
    }

    #[test]
    fn person_read_from_front_matter() {
        assert_eq!(
            person_from_front_matter("\u{feff}---\r\nperson: Sarah Chen\r\nrole: M\r\n---\r\n# x"),
            Some("Sarah Chen".to_owned())
        );
        assert_eq!(person_from_front_matter("# no front matter"), None);
        assert_eq!(person_from_front_matter("---\nperson: [\n---\n"), None);
        assert_eq!(person_from_front_matter("---\nrole: x\n"), None);
    }
}
