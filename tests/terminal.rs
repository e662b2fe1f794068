//! Terminal behaviour under a real pseudo-terminal (util-linux `script`), not only with
//! pipes: colour on a terminal and never when piped, with `NO_COLOR` or `--color never`;
//! `process` without notes opening `$EDITOR` on a terminal and refusing without one;
//! `edit` validating when the editor closes and, on a terminal only, asking what to do.
//!
//! Without `script` on the machine the pseudo-terminal tests say they were skipped, except
//! under `CI=true`, where they fail.

mod common;
use common::{SARAH, Sandbox, assert_contains, example, reference_repo, stderr, stdout};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Whether `script` can give us a pseudo-terminal; panics under CI when it cannot.
fn have_script() -> bool {
    let ok = Command::new("script")
        .args(["-qec", "test -t 0 && test -t 1", "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the terminal tests must run in CI: util-linux `script` is missing"
        );
        println!("skipped: no util-linux `script` to run the binary under a pseudo-terminal");
    }
    ok
}

/// The sandbox `make` builds, when `script` can give us a pseudo-terminal; `None` (the test
/// is skipped, see [`have_script`]) when it cannot.
fn terminal_sandbox(make: fn() -> Sandbox) -> Option<Sandbox> {
    have_script().then(make)
}

/// Quotes a word for `sh -c`.
fn quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// `script` running the real binary with `args` in the sandbox, its standard input,
/// output and error on a pseudo-terminal: the sealed environment minus `NO_COLOR`, plus
/// `env`.
fn terminal_command(sb: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Command {
    let bin = assert_cmd::cargo::cargo_bin("oneonone");
    let line: Vec<String> = std::iter::once(bin.to_str().unwrap())
        .chain(args.iter().copied())
        .map(quote)
        .collect();
    let mut cmd = sb.sealed("script");
    cmd.args(["-qec", &line.join(" "), "/dev/null"])
        .env_remove("NO_COLOR")
        .envs(env.iter().copied());
    cmd
}

/// Runs the real binary on a pseudo-terminal (see [`terminal_command`]). Returns the exit
/// code and everything the terminal showed.
fn on_terminal(sb: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut cmd = terminal_command(sb, args, env);
    let out = cmd.stdin(Stdio::null()).output().expect("script runs");
    (out.status.code(), stdout(&out))
}

/// The same command with its output piped (and `NO_COLOR` unset).
fn piped(sb: &Sandbox, args: &[&str]) -> String {
    let out = sb
        .oneonone()
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    stdout(&out)
}

const ESC: &str = "\x1b[";

/// The reference scenario plus a second relationship whose open items are overdue as of
/// 2026-01-29, so `validate` has warnings to print.
fn coloured_repo() -> Sandbox {
    let sb = reference_repo();
    let marco = "Career/1-on-1s/marco-rossi.md";
    sb.write(marco, &example(marco));
    sb.commit_all("marco");
    sb
}

/// validate (warnings as of a fixed date), status and log: each prints something.
const COLOURED: [&[&str]; 3] = [
    &["validate", "--date", "2026-01-29"],
    &["status", "--date", "2026-01-29"],
    &["log"],
];

#[test]
fn read_commands_colour_output_on_a_terminal() {
    let Some(sb) = terminal_sandbox(coloured_repo) else {
        return;
    };
    for args in COLOURED {
        let (_, shown) = on_terminal(&sb, args, &[]);
        assert!(shown.contains(ESC), "{args:?} printed no colour:\n{shown}");
    }
    // The colour marks meaning: validate paints the severity word, log the commit id.
    let (_, validate) = on_terminal(&sb, COLOURED[0], &[]);
    assert_contains(&validate, "\x1b[33mwarning\x1b[0m[W003]");
}

#[test]
fn read_commands_print_no_colour_when_piped() {
    let sb = coloured_repo();
    for args in COLOURED {
        let out = piped(&sb, args);
        assert!(!out.trim().is_empty(), "{args:?} printed nothing");
        assert!(!out.contains('\x1b'), "{args:?} coloured a pipe:\n{out}");
    }
}

#[test]
fn read_commands_print_no_colour_with_no_color_on_a_terminal() {
    let Some(sb) = terminal_sandbox(coloured_repo) else {
        return;
    };
    for args in COLOURED {
        let (_, shown) = on_terminal(&sb, args, &[("NO_COLOR", "1")]);
        assert!(!shown.trim().is_empty(), "{args:?} printed nothing");
        assert!(
            !shown.contains('\x1b'),
            "{args:?} ignored NO_COLOR:\n{shown}"
        );
        // Even --color always gives way to NO_COLOR.
        let always: Vec<&str> = args.iter().copied().chain(["--color", "always"]).collect();
        let (_, shown) = on_terminal(&sb, &always, &[("NO_COLOR", "1")]);
        assert!(
            !shown.contains('\x1b'),
            "{always:?} ignored NO_COLOR:\n{shown}"
        );
    }
}

#[test]
fn read_commands_print_no_colour_with_color_never_on_a_terminal() {
    let Some(sb) = terminal_sandbox(coloured_repo) else {
        return;
    };
    for args in COLOURED {
        let never: Vec<&str> = args.iter().copied().chain(["--color", "never"]).collect();
        let (_, shown) = on_terminal(&sb, &never, &[]);
        assert!(!shown.trim().is_empty(), "{never:?} printed nothing");
        assert!(!shown.contains('\x1b'), "{never:?} coloured:\n{shown}");
    }
}

/// Writes an executable editor script into the sandbox's temp dir and returns its path.
fn editor(sb: &Sandbox, body: &str) -> String {
    let path = sb.tmp.path().join("editor.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

/// `process sarah` without notes on a terminal, with an editor running `body`: the exit
/// code and what the terminal showed.
fn process_with_editor(sb: &Sandbox, body: &str) -> (Option<i32>, String) {
    let editor = editor(sb, body);
    on_terminal(
        sb,
        &["process", "sarah", "--date", "2026-01-15"],
        &[("EDITOR", &editor), ("VISUAL", "")],
    )
}

#[test]
fn process_opens_the_editor_on_a_terminal_without_notes() {
    let Some(sb) = terminal_sandbox(reference_repo) else {
        return;
    };
    let seen = sb.tmp.path().join("seen.md");
    let (code, shown) = process_with_editor(
        &sb,
        &format!(
            "cp \"$1\" {}\nprintf '%s\\n' '- Sarah loved the renewal story' \
             '- Training budget approved - find courses by next week' >> \"$1\"",
            quote(seen.to_str().unwrap())
        ),
    );
    assert_eq!(code, Some(0), "{shown}");
    // The editor was given the template naming the person.
    let template = std::fs::read_to_string(&seen).expect("the editor ran");
    assert!(template.contains("1:1 with Sarah Chen"), "{template}");
    // What it wrote was processed and committed; the template's lines were not.
    let doc = sb.read(SARAH);
    assert!(doc.contains("Sarah loved the renewal story"), "{doc}");
    assert!(doc.contains("ind courses"), "{doc}");
    assert!(!doc.contains("oneonone:"), "{doc}");
    assert_eq!(sb.commit_count(), 2, "{shown}");
    assert_eq!(sb.git(&["status", "--porcelain", "--", SARAH]), "");
    assert!(shown.contains("Committed"), "{shown}");
}

#[test]
fn process_aborts_when_the_editor_gives_no_notes() {
    // (how the editor ends, its script, what the terminal must show)
    let cases: [(&str, &str, &[&str]); 2] = [
        (
            "writing nothing",
            "exit 0",
            &["error: no notes written; nothing was processed"],
        ),
        (
            "failing",
            "echo '- Sarah loved the renewal story' >> \"$1\"\nexit 3",
            &["exited with", "nothing was processed"],
        ),
    ];
    for (case, body, messages) in cases {
        let Some(sb) = terminal_sandbox(reference_repo) else {
            return;
        };
        let before = sb.snapshot();
        let (code, shown) = process_with_editor(&sb, body);
        assert_eq!(code, Some(1), "editor {case}: {shown}");
        for message in messages {
            assert!(
                shown.contains(message),
                "editor {case}: no `{message}`:\n{shown}"
            );
        }
        assert!(
            sb.snapshot() == before,
            "editor {case}: the aborted edit changed the repository"
        );
    }
}

#[test]
fn process_without_notes_or_terminal_fails_clearly() {
    let sb = reference_repo();
    let before = sb.snapshot();
    let marker = sb.tmp.path().join("editor-ran");
    let editor = editor(&sb, &format!("touch {}", quote(marker.to_str().unwrap())));
    let args = ["process", "sarah", "--date", "2026-01-15"];
    let out = piped_with_editor(&sb, &args, &editor, "");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("no notes given") && err.contains("has no Inbox lines"),
        "{err}"
    );
    assert!(
        err.contains("pass a notes file, or - for standard input"),
        "{err}"
    );
    assert!(
        !Path::new(&marker).exists(),
        "an editor was started without a terminal"
    );
    assert!(sb.snapshot() == before);
}

/// The real binary with `args`, its output piped, `input` on its standard input and
/// `editor` as `$EDITOR`.
fn piped_with_editor(sb: &Sandbox, args: &[&str], editor: &str, input: &str) -> Output {
    let mut cmd = sb.oneonone();
    cmd.args(args).env("EDITOR", editor).env("VISUAL", "");
    cmd.write_stdin(input).output().unwrap()
}

/// As [`on_terminal`], with `input` typed at the terminal (the pseudo-terminal buffers it
/// until the program reads a line).
fn on_terminal_typing(
    sb: &Sandbox,
    args: &[&str],
    env: &[(&str, &str)],
    input: &str,
) -> (Option<i32>, String) {
    use std::io::Write;
    let mut cmd = terminal_command(sb, args, env);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped());
    let mut child = cmd.spawn().expect("script runs");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().expect("script finishes");
    (out.status.code(), stdout(&out))
}

/// An editor that breaks the front matter (an unclosed `[`) on its first run and mends it
/// on every later one, adding an action item; it counts its runs in `runs`.
fn breaking_editor(sb: &Sandbox) -> (String, PathBuf) {
    let runs = sb.tmp.path().join("runs");
    let script = editor(
        sb,
        &format!(
            "n=$(cat {runs} 2>/dev/null || echo 0); n=$((n+1)); echo $n > {runs}\n\
             if [ $n = 1 ]; then sed -i 's/^person: Sarah Chen$/person: [Sarah Chen/' \"$1\"; \
             else sed -i 's/^person: \\[Sarah Chen$/person: Sarah Chen/' \"$1\"; fi",
            runs = quote(runs.to_str().unwrap())
        ),
    );
    (script, runs)
}

/// `edit PERSON` on a terminal with the [`breaking_editor`], answering `answer` to the
/// question its invalid document raises: the exit code, what the terminal showed, and the
/// file counting the editor's runs.
fn edit_answering(sb: &Sandbox, person: &str, answer: &str) -> (Option<i32>, String, PathBuf) {
    let (editor, runs) = breaking_editor(sb);
    let (code, shown) = on_terminal_typing(
        sb,
        &["edit", person],
        &[("EDITOR", &editor), ("VISUAL", "")],
        answer,
    );
    (code, shown, runs)
}

#[test]
fn edit_offers_to_edit_again_on_a_terminal() {
    let Some(sb) = terminal_sandbox(reference_repo) else {
        return;
    };
    let (code, shown, runs) = edit_answering(&sb, "chen", "e\n");
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("error[E001]"), "{shown}");
    assert!(shown.contains("(e)dit again"), "{shown}");
    assert_eq!(std::fs::read_to_string(runs).unwrap().trim(), "2");
    assert!(sb.read(SARAH).contains("\nperson: Sarah Chen\n"));
    assert!(shown.contains("validates"), "{shown}");
}

#[test]
fn edit_exits_1_when_told_to_revert_or_keep() {
    let reference = example(SARAH);
    let broken = reference.replace("\nperson: Sarah Chen\n", "\nperson: [Sarah Chen\n");
    // (the answer typed, what the terminal shows, the document afterwards)
    let cases = [
        ("r\n", "changes were discarded", reference),
        ("k\n", "is left invalid (1 error)", broken),
    ];
    for (answer, message, doc) in cases {
        let Some(sb) = terminal_sandbox(reference_repo) else {
            return;
        };
        let (code, shown, _) = edit_answering(&sb, "sarah", answer);
        assert_eq!(code, Some(1), "answer {answer:?}: {shown}");
        assert!(shown.contains(message), "answer {answer:?}: {shown}");
        assert_eq!(sb.read(SARAH), doc, "answer {answer:?}");
    }
}

#[test]
fn edit_without_a_terminal_reports_and_exits_1() {
    let sb = reference_repo();
    let (editor, runs) = breaking_editor(&sb);
    let out = piped_with_editor(&sb, &["edit", "sarah"], &editor, "e\n");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{SARAH}:")) && err.contains("error[E001]"),
        "{err}"
    );
    assert!(err.contains("is left invalid"), "{err}");
    assert!(
        !err.contains("(e)dit again"),
        "no question without a terminal: {err}"
    );
    assert_eq!(std::fs::read_to_string(runs).unwrap().trim(), "1");
}

#[test]
fn edit_of_a_valid_change_exits_0() {
    let sb = reference_repo();
    let editor = editor(&sb, "echo '- [ ] Book the venue (by 2026-02-27)' >> \"$1\"");
    let out = piped_with_editor(&sb, &["edit", "sarah"], &editor, "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("saved, and it validates"));
    assert!(
        sb.read(SARAH)
            .ends_with("- [ ] Book the venue (by 2026-02-27)\n")
    );
}
