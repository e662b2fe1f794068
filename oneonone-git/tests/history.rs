//! The record read from history through an opened `NotesRepo`, against real repositories
//! built with git.

mod common;

use common::{Sandbox, doc};
use oneonone_git::NotesRepo;
use oneonone_git::history::{HistoryError, HistoryOptions};

const NO_CACHE: HistoryOptions = HistoryOptions {
    use_cache: false,
    progress: false,
};

fn with_action(name: &str, action: &str) -> String {
    format!("{}\n## Action Items\n\n- [ ] {action}\n", doc(name))
}

#[test]
fn history_reads_the_configured_notes_dir_not_the_default() {
    let s = Sandbox::new();
    s.init_with(
        ".",
        &[
            (".oneonone.toml", "notes_dir = \"team/notes\"\n"),
            (
                "team/notes/sam-lee.md",
                &with_action("Sam Lee", "Send the deck"),
            ),
            (
                "Career/1-on-1s/old-person.md",
                &with_action("Old Person", "Outside the notes"),
            ),
        ],
    );
    let repo = NotesRepo::discover(&s.path(".")).unwrap();
    let history = repo.read_history(&NO_CACHE).unwrap();
    let slugs: Vec<&str> = history.persons.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["sam-lee"]);
    assert!(
        history
            .events
            .iter()
            .any(|e| e.text.contains("Send the deck"))
    );
    assert!(!history.events.iter().any(|e| e.text.contains("Outside")));
}

#[test]
fn history_follows_the_notes_dir_when_it_is_the_work_tree_top() {
    let s = Sandbox::new();
    s.init_with(
        ".",
        &[
            (".oneonone.toml", "notes_dir = \".\"\n"),
            ("sam-lee.md", &with_action("Sam Lee", "Book the room")),
        ],
    );
    let repo = NotesRepo::discover(&s.path(".")).unwrap();
    let history = repo.read_history(&NO_CACHE).unwrap();
    assert_eq!(history.persons.len(), 1);
    assert_eq!(history.persons[0].name, "Sam Lee");
}

#[test]
fn history_refused_outside_a_git_work_tree() {
    let s = Sandbox::new();
    s.write("Career/1-on-1s/sam-lee.md", &doc("Sam Lee"));
    let repo = NotesRepo::discover(&s.path(".")).unwrap();
    let err = repo.read_history(&NO_CACHE).unwrap_err();
    assert!(matches!(err, HistoryError::NoWorkTree { .. }), "{err:?}");
    assert!(
        err.to_string().contains("is not in a git work tree"),
        "{err}"
    );
}
