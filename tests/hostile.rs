//! Hostile input through the real binary (SPEC section 10): each gets a clear error naming
//! what was wrong, exit code 1 (never a panic's 101 or a signal), and nothing written.

mod common;
use common::Sandbox;
use common::files_under;
use std::path::{Path, PathBuf};

const DOC: &str = "Career/1-on-1s/sarah-chen.md";
const GOOD: &str = "---\nperson: Sarah Chen\n---\n\n## Action Items\n\n## Meeting History\n";

fn repo(doc: &[u8]) -> Sandbox {
    let sb = Sandbox::git_repo();
    sb.oneonone().arg("init").assert().success();
    std::fs::write(sb.root.join(DOC), doc).unwrap();
    sb.write("notes.md", "- I will send the deck by Friday\n");
    sb.commit_all("start");
    sb
}

/// Runs the binary, asserts exit 1 with `needles` in standard error and an unchanged tree.
fn refused(sb: &Sandbox, args: &[&str], needles: &[&str]) -> String {
    let before = sb.snapshot();
    let out = sb.run(args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}{stdout}");
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(
            err.contains(n) || stdout.contains(n),
            "{args:?}: {n:?} not in: {err}{stdout}"
        );
    }
    assert!(sb.snapshot() == before, "{args:?} wrote something");
    err
}

/// `process` and `validate` both refuse the document, with the words given for each.
fn refused_by_process_and_validate(sb: &Sandbox, process: &[&str], validate: &[&str]) {
    refused(sb, &["process", "sarah", "notes.md"], process);
    refused(sb, &["validate", DOC], validate);
}

#[test]
fn yaml_bomb_front_matter_is_refused() {
    let mut bomb = String::from(
        "---\nperson: Sarah Chen\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in 'b'..='j' {
        bomb.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = c;
    }
    bomb.push_str("---\n\n## Action Items\n");
    let sb = repo(bomb.as_bytes());
    refused_by_process_and_validate(&sb, &["sarah-chen.md"], &["sarah-chen.md"]);
}

#[test]
fn hundred_megabyte_document_is_refused_unread() {
    let sb = repo(GOOD.as_bytes());
    // A sparse file: 100 MB long, instant to make; the size check refuses it unread.
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(sb.root.join(DOC))
        .unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    drop(f);
    refused_by_process_and_validate(&sb, &["sarah-chen.md", "bytes"], &["sarah-chen.md"]);
}

#[test]
fn ten_thousand_nested_bullets_process_and_validate() {
    let mut doc = String::from(
        "---\nperson: Sarah Chen\n---\n\n## Ongoing Threads\n### Deep\n- 2026-01-01: top\n",
    );
    // 10,000 list levels: 2,000 indented lines (indentation grows quadratically), then
    // one line opening 8,000 more (`- - - …`), then 8,000 block quote levels.
    for depth in 1..2_000 {
        doc.push_str(&"  ".repeat(depth));
        doc.push_str("- nested\n");
    }
    doc.push_str(&"  ".repeat(2_000));
    doc.push_str(&"- ".repeat(8_000));
    doc.push_str("deepest\n\n");
    doc.push_str(&"> ".repeat(8_000));
    doc.push_str("quoted\n");
    doc.push_str("\n## Action Items\n\n## Meeting History\n");
    let sb = repo(doc.as_bytes());
    let v = sb.run(["validate", DOC]);
    assert!(matches!(v.status.code(), Some(0 | 1)), "{v:?}");
    let out = sb.run(["process", "sarah", "notes.md", "--date", "2026-01-15"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = sb.read(DOC);
    assert!(text.starts_with(&doc[..doc.find("\n## Action Items").unwrap()]));
    assert!(text.contains("Send the deck"));
}

#[test]
fn non_utf8_document_is_refused_naming_file_and_line() {
    let sb = repo(b"---\nperson: Sarah Chen\n---\n\nbad \xff byte\n");
    refused_by_process_and_validate(
        &sb,
        &["sarah-chen.md:5:5", "UTF-8"],
        &["sarah-chen.md", "5"],
    );
}

#[test]
fn nul_byte_document_is_refused_naming_file_and_line() {
    let sb = repo(b"---\nperson: Sarah Chen\n---\n\nnul \0 here\n");
    refused_by_process_and_validate(&sb, &["sarah-chen.md", "NUL"], &["sarah-chen.md"]);
}

#[test]
fn person_names_with_paths_are_refused() {
    let sb = repo(GOOD.as_bytes());
    refused(
        &sb,
        &["process", "../../etc/passwd", "notes.md"],
        &["../../etc/passwd"],
    );
    refused(
        &sb,
        &["process", "/etc/passwd", "notes.md"],
        &["/etc/passwd"],
    );
    // `new` turns a name into a slug, so path characters never reach the file system:
    // "../x" becomes x.md inside the notes directory, nothing is written elsewhere.
    let outside = files_under(sb.tmp.path());
    sb.run_ok(&["new", "../x"]);
    sb.run_ok(&["new", "/tmp/y"]);
    assert!(sb.root.join("Career/1-on-1s/x.md").exists());
    let after = files_under(sb.tmp.path());
    let added: Vec<&PathBuf> = after.keys().filter(|k| !outside.contains_key(*k)).collect();
    assert!(
        added
            .iter()
            .all(|k| k.starts_with("repo/Career/1-on-1s/") || k.starts_with("repo/.git/")),
        "{added:?}"
    );
    assert!(!Path::new("/tmp/y.md").exists());
}

#[cfg(unix)]
#[test]
fn symlinked_document_outside_repo_is_refused() {
    let sb = repo(GOOD.as_bytes());
    let outside = sb.tmp.path().join("outside.md");
    std::fs::write(&outside, GOOD).unwrap();
    std::fs::remove_file(sb.root.join(DOC)).unwrap();
    std::os::unix::fs::symlink(&outside, sb.root.join(DOC)).unwrap();
    refused(
        &sb,
        &["process", "sarah", "notes.md"],
        &["sarah-chen.md", "outside"],
    );
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), GOOD);
    assert_eq!(
        std::fs::read_dir(sb.tmp.path()).unwrap().count(),
        3,
        "a file appeared outside"
    );
}

#[test]
fn notes_file_that_is_a_directory_is_refused() {
    let sb = repo(GOOD.as_bytes());
    std::fs::create_dir(sb.root.join("notes-dir")).unwrap();
    refused(
        &sb,
        &["process", "sarah", "notes-dir"],
        &["notes-dir", "directory"],
    );
}

#[cfg(unix)]
#[test]
fn read_only_document_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let sb = repo(GOOD.as_bytes());
    let path = sb.root.join(DOC);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    // The file's own read-only flag is honoured by the tool itself, so this holds for
    // root too (root could write the file; the tool refuses to).
    refused(
        &sb,
        &["process", "sarah", "notes.md"],
        &["sarah-chen.md", "read-only"],
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[cfg(unix)]
#[test]
fn read_only_directory_is_refused_for_a_non_root_user() {
    use std::os::unix::fs::PermissionsExt;
    let sb = repo(GOOD.as_bytes());
    let dir = sb.root.join("Career/1-on-1s");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes into a read-only directory regardless, so the check means something
    // only for another user: probe whether we can.
    let probe = dir.join(".probe");
    if std::fs::write(&probe, "").is_ok() {
        std::fs::remove_file(&probe).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!(
            "SKIPPED read_only_directory_is_refused_for_a_non_root_user: running as root, \
             a read-only directory does not stop writes; the read-only file test covers root"
        );
        return;
    }
    refused(&sb, &["process", "sarah", "notes.md"], &["sarah-chen.md"]);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}
