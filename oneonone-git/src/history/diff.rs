//! Diffing a commit's notes tree against its parent's: the files it changed, where each
//! belongs (a running document or an archive, of which person), and renames.

use super::{RawChange, ReadChange};
use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Tree};
use std::collections::BTreeMap;

/// Where a notes file belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Route {
    Running(String),
    Archive(String),
}

impl Route {
    fn slug(&self) -> &str {
        match self {
            Route::Running(s) | Route::Archive(s) => s,
        }
    }
}

/// `<slug>.md` is a running document, `archive/<slug>/….md` an archive; names starting
/// with `_` or `.` are templates, not notes.
pub(super) fn route(path: &str) -> Option<Route> {
    let name = path.rsplit('/').next()?;
    if !name.ends_with(".md") || name.starts_with(['_', '.']) {
        return None;
    }
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [file] => Some(Route::Running(file.strip_suffix(".md")?.to_owned())),
        ["archive", slug, ..] if parts.len() >= 3 => Some(Route::Archive((*slug).to_owned())),
        _ => None,
    }
}

/// One changed file of a tree diff.
struct FileDelta {
    status: Delta,
    old_path: Option<String>,
    new_path: Option<String>,
    old_blob: Oid,
    new_blob: Oid,
}

/// The notes files one commit changed, each with the chain key of the person it belongs
/// to, following renames of running documents.
pub(super) fn diff_notes(
    repo: &Repository,
    old_tree: Option<&Tree<'_>>,
    new_tree: Option<&Tree<'_>>,
    chains: &mut BTreeMap<String, String>,
) -> Result<Vec<(String, ReadChange)>, git2::Error> {
    Ok(tree_deltas(repo, old_tree, new_tree)?
        .into_iter()
        .filter_map(|delta| change_of(delta, chains))
        .collect())
}

/// The files that differ between two notes trees.
fn tree_deltas(
    repo: &Repository,
    old_tree: Option<&Tree<'_>>,
    new_tree: Option<&Tree<'_>>,
) -> Result<Vec<FileDelta>, git2::Error> {
    // Most commits only edit files in place: then the trees have the same entries and the
    // changed blobs are found by id, without libgit2's diff (which snapshots the whole
    // configuration per call) or its rename detection (which has nothing to pair).
    let mut modified = Vec::new();
    if let (Some(a), Some(b)) = (old_tree, new_tree)
        && modified_blobs(repo, a, b, "", &mut modified)?
    {
        return Ok(modified);
    }
    let mut dopts = DiffOptions::new();
    dopts.skip_binary_check(true);
    let mut diff = repo.diff_tree_to_tree(old_tree, new_tree, Some(&mut dopts))?;
    let mut find = DiffFindOptions::new();
    find.renames(true);
    diff.find_similar(Some(&mut find))?;
    let path_of = |f: git2::DiffFile<'_>| f.path().map(|p| p.to_string_lossy().replace('\\', "/"));
    Ok(diff
        .deltas()
        .map(|d| FileDelta {
            status: d.status(),
            old_path: path_of(d.old_file()),
            new_path: path_of(d.new_file()),
            old_blob: d.old_file().id(),
            new_blob: d.new_file().id(),
        })
        .collect())
}

/// Collects, in tree order, the blobs that differ between two trees with the same entries
/// (names and kinds, recursively). Returns `false` when an entry was added, removed or
/// changed kind: that needs a real diff with rename detection.
fn modified_blobs(
    repo: &Repository,
    old: &Tree<'_>,
    new: &Tree<'_>,
    prefix: &str,
    out: &mut Vec<FileDelta>,
) -> Result<bool, git2::Error> {
    if old.len() != new.len() {
        return Ok(false);
    }
    for (a, b) in old.iter().zip(new.iter()) {
        if a.name_bytes() != b.name_bytes() || a.kind() != b.kind() {
            return Ok(false);
        }
        if a.id() == b.id() && a.filemode() == b.filemode() {
            continue;
        }
        // As the libgit2 path below reports it.
        let name = String::from_utf8_lossy(a.name_bytes()).replace('\\', "/");
        let path = format!("{prefix}{name}");
        match a.kind() {
            Some(git2::ObjectType::Tree) => {
                let (ta, tb) = (repo.find_tree(a.id())?, repo.find_tree(b.id())?);
                if !modified_blobs(repo, &ta, &tb, &format!("{path}/"), out)? {
                    return Ok(false);
                }
            }
            Some(git2::ObjectType::Blob) if a.filemode() == b.filemode() => {
                out.push(FileDelta {
                    status: Delta::Modified,
                    old_path: Some(path.clone()),
                    new_path: Some(path),
                    old_blob: a.id(),
                    new_blob: b.id(),
                });
            }
            _ => return Ok(false),
        }
    }
    Ok(true)
}

/// The change a delta makes to a notes file, with its person's chain key; `None` when
/// neither side is a notes file. A running document renamed to another slug carries its
/// chain key over.
fn change_of(
    delta: FileDelta,
    chains: &mut BTreeMap<String, String>,
) -> Option<(String, ReadChange)> {
    let old_route = delta.old_path.as_deref().and_then(route);
    let new_route = delta.new_path.as_deref().and_then(route);
    let old_exists = !matches!(delta.status, Delta::Added) && old_route.is_some();
    let new_exists = !matches!(delta.status, Delta::Deleted) && new_route.is_some();
    if let (true, true, Some(Route::Running(a)), Some(Route::Running(b))) =
        (old_exists, new_exists, &old_route, &new_route)
        && a != b
    {
        let key = chains.remove(a).unwrap_or_else(|| a.clone());
        chains.insert(b.clone(), key);
    }
    let route = if new_exists {
        new_route
    } else {
        old_route.filter(|_| old_exists)
    }?;
    let slug = route.slug().to_owned();
    let key = chains
        .entry(slug.clone())
        .or_insert_with(|| slug.clone())
        .clone();
    let path = |p: Option<String>| p.unwrap_or_default();
    let raw = match (old_exists, new_exists) {
        (true, true) => RawChange {
            old_path: delta.old_path,
            path: path(delta.new_path),
            old_blob: Some(delta.old_blob),
            new_blob: Some(delta.new_blob),
        },
        (true, false) => RawChange {
            old_path: None,
            path: path(delta.old_path),
            old_blob: Some(delta.old_blob),
            new_blob: None,
        },
        _ => RawChange {
            old_path: None,
            path: path(delta.new_path),
            old_blob: None,
            new_blob: Some(delta.new_blob),
        },
    };
    let change = ReadChange {
        raw,
        running: matches!(route, Route::Running(_)),
        slug,
        read_old: false,
        old_text: None,
        new_text: None,
    };
    Some((key, change))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_tells_running_documents_archives_and_templates_apart() {
        assert_eq!(route("sarah.md"), Some(Route::Running("sarah".into())));
        assert_eq!(
            route("archive/sarah/2025-Q4-retro.md"),
            Some(Route::Archive("sarah".into()))
        );
        assert_eq!(route("_template.md"), None);
        assert_eq!(route("notes.txt"), None);
        assert_eq!(route("other/x.md"), None);
    }
}
