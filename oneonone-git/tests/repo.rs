//! Discovering the notes repository, its config, and the people in it.

mod common;

use common::{Sandbox, doc, nested_notes};
use oneonone_git::{DiscoverError, FindPersonError, NotesRepo, SlugError};
use std::error::Error;
use std::path::PathBuf;

#[test]
fn discover_prefers_nearest_config_dir() {
    let s = nested_notes("backlog = \"TODO.md\"\n");
    std::fs::create_dir_all(s.path("outer/examples/notes/deep/er")).unwrap();
    let repo = NotesRepo::discover(&s.path("outer/examples/notes/deep/er")).unwrap();
    assert_eq!(repo.root(), s.path("outer/examples/notes"));
    assert_eq!(
        repo.config_path(),
        Some(s.path("outer/examples/notes/.oneonone.toml").as_path())
    );
    assert_eq!(repo.backlog_path(), s.path("outer/examples/notes/TODO.md"));
    assert!(repo.is_git());
    assert!(!repo.is_linked_worktree());
}

#[test]
fn discover_uses_git_root_without_config() {
    let s = Sandbox::new();
    s.init_with("r", &[("a/b/c.txt", "c\n")]);
    let repo = NotesRepo::discover(&s.path("r/a/b")).unwrap();
    assert_eq!(repo.root(), s.path("r"));
    assert_eq!(repo.git_workdir(), Some(s.path("r").as_path()));
    assert_eq!(repo.git_dir(), Some(s.path("r/.git").as_path()));
    assert_eq!(repo.notes_dir(), s.path("r/Career/1-on-1s"));
    assert_eq!(repo.backlog_path(), s.path("r/BACKLOG.md"));
    assert_eq!(repo.wins_log_path(), None);
    assert_eq!(repo.lock_path(), s.path("r/.git/oneonone.lock"));
    assert_eq!(repo.settings(), oneonone_core::Settings::default());
}

#[test]
fn discover_uses_start_outside_git() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.path("plain/sub")).unwrap();
    let repo = NotesRepo::discover(&s.path("plain/sub")).unwrap();
    assert_eq!(repo.root(), s.path("plain/sub"));
    assert!(!repo.is_git());
    assert_eq!(repo.lock_path(), s.path("plain/sub/.oneonone.lock"));
}

#[test]
fn discover_reads_config_keys() {
    let s = Sandbox::new();
    s.write(
        "n/.oneonone.toml",
        "notes_dir = \"people\"\nwins_log = \"wins.md\"\nmy_name = \"Alex\"\ndefault_frequency = \"biweekly\"\n\
         fallback_thread = \"Misc\"\n[[threads]]\nname = \"Sales\"\nkeywords = [\"deal\"]\n",
    );
    let repo = NotesRepo::discover(&s.path("n")).unwrap();
    assert_eq!(repo.notes_dir(), s.path("n/people"));
    assert_eq!(repo.wins_log_path(), Some(s.path("n/wins.md")));
    let settings = repo.settings();
    assert_eq!(settings.my_name.as_deref(), Some("Alex"));
    assert_eq!(settings.default_frequency, "biweekly");
    assert_eq!(settings.fallback_thread, "Misc");
    assert_eq!(settings.thread_rules.len(), 1);
    assert_eq!(settings.thread_rules[0].thread, "Sales");
}

#[test]
fn discover_config_unknown_key_names_key_and_line() {
    let s = Sandbox::new();
    s.write(
        "n/.oneonone.toml",
        "# comment\nmy_name = \"A\"\nnotes_directory = \"x\"\n",
    );
    let err = NotesRepo::discover(&s.path("n")).unwrap_err();
    let DiscoverError::Config(cfg) = &err else {
        panic!("{err}");
    };
    let msg = err.source().unwrap().to_string();
    assert_eq!(cfg.line(), 3, "{msg}");
    assert!(
        msg.starts_with(&format!("{}:3:1: ", s.path("n/.oneonone.toml").display())),
        "{msg}"
    );
    assert!(msg.contains("notes_directory"), "{msg}");
}

#[test]
fn default_config_written_by_init_parses() {
    let s = Sandbox::new();
    s.write(
        "n/.oneonone.toml",
        &oneonone_git::Config::default_toml_commented(),
    );
    let repo = NotesRepo::discover(&s.path("n")).unwrap();
    assert_eq!(repo.config(), &oneonone_git::Config::default());
}

fn people_repo() -> (Sandbox, NotesRepo) {
    let s = Sandbox::new();
    let n = "r/Career/1-on-1s";
    s.write(&format!("{n}/sarah-chen.md"), &doc("Sarah Chen"));
    s.write(&format!("{n}/sam-lee.md"), &doc("Sam Lee"));
    s.write(&format!("{n}/jordan.md"), &doc("José Jordan"));
    s.write(&format!("{n}/pat.md"), "no front matter\n");
    s.write(&format!("{n}/_template.md"), &doc("Template"));
    s.write(&format!("{n}/.draft.md"), &doc("Draft"));
    s.write(&format!("{n}/notes.txt"), "not markdown\n");
    s.write(
        &format!("{n}/archive/sarah-chen/2025-Q4-retro.md"),
        &doc("Sarah Chen"),
    );
    s.write(&format!("{n}/archive/sarah-chen/_skip.md"), "x");
    s.write("r/BACKLOG.md", "# Backlog\n");
    let repo = NotesRepo::discover(&s.path("r")).unwrap();
    (s, repo)
}

#[test]
fn people_lists_running_documents_only() {
    let (s, repo) = people_repo();
    let people = repo.people().unwrap();
    let slugs: Vec<&str> = people.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["jordan", "pat", "sam-lee", "sarah-chen"]);
    assert_eq!(people[0].name.as_deref(), Some("José Jordan"));
    assert_eq!(people[1].name, None);
    assert_eq!(people[1].display_name(), "pat");
    assert_eq!(people[3].path, s.path("r/Career/1-on-1s/sarah-chen.md"));
}

#[test]
fn notes_files_include_archives() {
    let (s, repo) = people_repo();
    let files = repo.notes_files().unwrap();
    let n = s.path("r/Career/1-on-1s");
    let want: Vec<PathBuf> = [
        "archive/sarah-chen/2025-Q4-retro.md",
        "jordan.md",
        "pat.md",
        "sam-lee.md",
        "sarah-chen.md",
    ]
    .iter()
    .map(|f| n.join(f))
    .collect();
    assert_eq!(files, want);
}

#[test]
fn find_person_by_slug_prefix_and_name() {
    let (_s, repo) = people_repo();
    for (query, want) in [
        ("sarah-chen", "sarah-chen"),
        ("SARAH-CHEN", "sarah-chen"),
        ("sar", "sarah-chen"),
        ("Sarah Chen", "sarah-chen"),
        ("sarah chen", "sarah-chen"),
        ("sarah", "sarah-chen"),
        ("josé", "jordan"),
        ("José Jordan", "jordan"),
        ("pat", "pat"),
        ("sam-", "sam-lee"),
    ] {
        assert_eq!(repo.find_person(query).unwrap().slug, want, "{query}");
    }
}

#[test]
fn find_person_ambiguous_lists_candidates() {
    let (_s, repo) = people_repo();
    let err = repo.find_person("sa").unwrap_err();
    match &err {
        FindPersonError::Ambiguous { candidates, .. } => {
            assert_eq!(candidates, &["sam-lee", "sarah-chen"]);
        }
        e => panic!("{e}"),
    }
    assert!(err.to_string().contains("sam-lee, sarah-chen"), "{err}");
}

#[test]
fn find_person_unknown_lists_everyone() {
    let (_s, repo) = people_repo();
    let err = repo.find_person("zed").unwrap_err();
    assert!(matches!(err, FindPersonError::Unknown { .. }), "{err}");
    assert!(
        err.to_string().contains("jordan, pat, sam-lee, sarah-chen"),
        "{err}"
    );
}

#[test]
fn find_person_refuses_escaping_names() {
    let (_s, repo) = people_repo();
    for q in ["../x", "/etc", "a/b", "..", "x\0y", "", "  "] {
        let err = repo.find_person(q).unwrap_err();
        assert!(
            matches!(err, FindPersonError::InvalidQuery { .. }),
            "{q:?}: {err}"
        );
    }
    assert!(matches!(
        repo.find_person("../x")
            .unwrap_err()
            .source()
            .unwrap()
            .downcast_ref::<SlugError>(),
        Some(SlugError::EscapesNotesDir { .. })
    ));
}

#[test]
fn document_path_validates_slug() {
    let (s, repo) = people_repo();
    assert_eq!(
        repo.document_path("new-person").unwrap(),
        s.path("r/Career/1-on-1s/new-person.md")
    );
    assert!(repo.document_path("../etc").is_err());
    assert!(repo.document_path("Bad Slug").is_err());
}
