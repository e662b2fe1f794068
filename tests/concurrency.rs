//! Two real `process` runs on one repository at once: the lock serialises them (the second
//! waits, or fails naming the lock), and neither loses the other's change.

mod common;
use common::Sandbox;

fn doc(person: &str) -> String {
    format!(
        "---\nperson: {person}\nrelationship: manager\nfrequency: weekly\n---\n\n\
         ## Ongoing Threads\n\n## Action Items\n\n## Meeting History\n"
    )
}

fn repo() -> Sandbox {
    let sb = Sandbox::git_repo();
    sb.oneonone().arg("init").assert().success();
    sb.write("Career/1-on-1s/sarah-chen.md", &doc("Sarah Chen"));
    sb.write("Career/1-on-1s/marco-rossi.md", &doc("Marco Rossi"));
    sb.write("a.md", "- I will send the roadmap draft by Friday\n");
    sb.write("b.md", "- Sarah will review the hiring plan\n");
    sb.commit_all("start");
    sb
}

/// Starts both runs before waiting for either; reruns one that failed on the lock.
fn run_both(sb: &Sandbox, first: [&'static str; 2], second: [&'static str; 2]) {
    let spawn = |[who, notes]: [&'static str; 2]| {
        let mut cmd = sb.oneonone_process();
        cmd.args(["process", who, notes, "--date", "2026-01-15"]);
        cmd.stdout(std::process::Stdio::piped());
        cmd.stderr(std::process::Stdio::piped());
        (cmd.spawn().unwrap(), [who, notes])
    };
    let runs = [spawn(first), spawn(second)];
    for (child, args) in runs {
        let out = child.wait_with_output().unwrap();
        match out.status.code() {
            Some(0) => {}
            Some(1) => {
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(err.contains("lock"), "failed, but not on the lock: {err}");
                sb.oneonone()
                    .args(["process", args[0], args[1], "--date", "2026-01-15"])
                    .assert()
                    .success();
            }
            code => panic!("exit {code:?}: {}", String::from_utf8_lossy(&out.stderr)),
        }
    }
}

fn subjects(sb: &Sandbox) -> Vec<String> {
    sb.git(&["log", "--format=%s"])
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn concurrent_runs_same_person_keep_both_changes() {
    let sb = repo();
    run_both(&sb, ["sarah", "a.md"], ["sarah", "b.md"]);
    let text = sb.read("Career/1-on-1s/sarah-chen.md");
    assert!(text.contains("Send the roadmap draft"), "{text}");
    assert!(text.contains("Review the hiring plan"), "{text}");
    assert_eq!(subjects(&sb).len(), 3, "{:?}", subjects(&sb));
    let backlog = sb.read("BACKLOG.md");
    assert_eq!(
        backlog.matches("Send the roadmap draft").count(),
        1,
        "{backlog}"
    );
    let status = sb.git(&["status", "--porcelain"]);
    assert!(
        !status.contains("1-on-1s"),
        "uncommitted document: {status}"
    );
    assert!(!sb.root.join(".git/oneonone.lock").exists());
}

#[test]
fn concurrent_runs_different_people_keep_both_changes() {
    let sb = repo();
    run_both(&sb, ["sarah", "a.md"], ["marco", "b.md"]);
    let sarah = sb.read("Career/1-on-1s/sarah-chen.md");
    let marco = sb.read("Career/1-on-1s/marco-rossi.md");
    assert!(sarah.contains("Send the roadmap draft"), "{sarah}");
    assert!(marco.contains("Review the hiring plan"), "{marco}");
    let log = subjects(&sb);
    assert_eq!(log.len(), 3, "{log:?}");
    // Each commit holds its own person's document only.
    for (rev, path) in [("HEAD", "Career/1-on-1s/"), ("HEAD~1", "Career/1-on-1s/")] {
        let files = sb.git(&["show", "--name-only", "--format=", rev]);
        assert_eq!(
            files.lines().filter(|f| f.starts_with(path)).count(),
            1,
            "{files}"
        );
    }
    let tracked = sb.git(&["show", "HEAD:Career/1-on-1s/sarah-chen.md"]);
    assert_eq!(tracked, sarah);
    let tracked = sb.git(&["show", "HEAD:Career/1-on-1s/marco-rossi.md"]);
    assert_eq!(tracked, marco);
}
