//! libgit2's hash check after a history read. Alone in its test binary: the check is a
//! process-wide switch that any history read running on another test thread would pause.

mod common;

use common::{Sandbox, doc};
use oneonone_git::NotesRepo;
use oneonone_git::history::HistoryOptions;

const NO_CACHE: HistoryOptions = HistoryOptions {
    use_cache: false,
    progress: false,
};

#[test]
fn history_leaves_libgit2_hash_verification_on_after_it_ends() {
    let s = Sandbox::new();
    s.init_with(
        ".",
        &[(
            "Career/1-on-1s/sam-lee.md",
            &format!("{}\n## Action Items\n\n- [ ] Ship it\n", doc("Sam Lee")),
        )],
    );
    // A loose object whose content does not match its id: only a hash check notices.
    let hash = |text: &str| {
        s.write("scratch", text);
        let id = s.git(".", &["hash-object", "-w", "scratch"]);
        std::fs::remove_file(s.path("scratch")).unwrap();
        id.trim().to_owned()
    };
    let (bad, other) = (hash("the real content\n"), hash("something else\n"));
    let object = |id: &str| s.path(&format!(".git/objects/{}/{}", &id[..2], &id[2..]));
    std::fs::remove_file(object(&bad)).unwrap();
    std::fs::copy(object(&other), object(&bad)).unwrap();
    let bad = git2::Oid::from_str(&bad).unwrap();
    let read_bad = || {
        git2::Repository::open(s.path("."))
            .unwrap()
            .find_blob(bad)
            .map(|b| b.content().to_vec())
    };
    assert!(read_bad().is_err(), "libgit2 checks hashes by default");

    let repo = NotesRepo::discover(&s.path(".")).unwrap();
    let history = repo.read_history(&NO_CACHE).unwrap();
    assert!(history.events.iter().any(|e| e.text.contains("Ship it")));
    assert!(
        read_bad().is_err(),
        "after a history read libgit2's hash check must be on again for the process"
    );
}
