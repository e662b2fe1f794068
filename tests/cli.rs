//! End-to-end: the everyday conventions of the command line (SPEC 7, 12): exit codes,
//! completions, help, person lookup, `new` and `export`.

mod common;

use common::{Sandbox, reference_repo, stderr, stdout};

fn doc(person: &str) -> String {
    format!(
        "---\nperson: {person}\nfrequency: Weekly\n---\n\n# 1:1 with {person}\n\n## Meeting History\n- 2026-01-08: Kickoff\n"
    )
}

fn people_repo() -> Sandbox {
    let sb = Sandbox::new();
    sb.write("Career/1-on-1s/maria-lopez.md", &doc("Maria Lopez"));
    sb.write("Career/1-on-1s/sarah-chen.md", &doc("Sarah Chen"));
    sb.write("Career/1-on-1s/sam-okafor.md", &doc("Sam Okafor"));
    sb
}

#[test]
fn usage_error_exits_1() {
    let sb = Sandbox::new();
    for args in [
        &["frobnicate"][..],
        &["prep", "--no-such-flag"],
        &["process"],
        &[],
    ] {
        sb.run_err(args);
    }
    let out = sb.oneonone().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Usage:"));
}

#[test]
fn completions_offer_public_commands_only() {
    let sb = Sandbox::new();
    for shell in ["bash", "zsh", "fish"] {
        let text = sb.run_ok(&["completions", shell]);
        assert!(
            text.contains("prep") && text.contains("validate"),
            "{shell}"
        );
        for hidden in ["schema", "merge-driver", "hook", "pre-commit"] {
            // How each shell's script names a subcommand it offers.
            let offered = match shell {
                "bash" => format!("__subcmd__{}\"", hidden.replace('-', "__")),
                "zsh" => format!("'{hidden}:"),
                _ => format!("-a \"{hidden}\""),
            };
            assert!(!text.contains(&offered), "{shell} offers {hidden}");
        }
        let public = match shell {
            "bash" => "__subcmd__hooks\"".to_owned(),
            "zsh" => "'hooks:".to_owned(),
            _ => "-a \"hooks\"".to_owned(),
        };
        assert!(text.contains(&public), "{shell} does not offer hooks");
    }
}

/// Every public command and subcommand, as argument lists.
fn public_commands() -> Vec<Vec<String>> {
    let sb = Sandbox::new();
    let help = stdout(&sb.oneonone().arg("--help").output().unwrap());
    let mut out = Vec::new();
    let mut in_commands = false;
    for line in help.lines() {
        if line.starts_with("Commands:") {
            in_commands = true;
            continue;
        }
        if in_commands && !line.starts_with("  ") {
            break;
        }
        // A wrapped description continues on a more indented line.
        let continued = line.starts_with("   ");
        if let Some(name) = line
            .split_whitespace()
            .next()
            .filter(|_| in_commands && !continued)
            && name != "help"
        {
            out.push(vec![name.to_owned()]);
        }
    }
    out.push(vec!["hooks".into(), "install".into()]);
    out.push(vec!["hooks".into(), "uninstall".into()]);
    out.push(vec!["hooks".into(), "status".into()]);
    out
}

#[test]
fn help_of_every_command_shows_an_example_without_doc_links() {
    let sb = Sandbox::new();
    let commands = public_commands();
    assert!(commands.len() > 15, "{commands:?}");
    for cmd in commands {
        let out = sb.oneonone().args(&cmd).arg("--help").output().unwrap();
        assert!(out.status.success(), "{cmd:?}");
        let text = stdout(&out);
        assert!(
            text.contains("Example"),
            "{cmd:?} --help has no example:\n{text}"
        );
        assert!(
            !text.contains("[`"),
            "{cmd:?} --help has a doc link:\n{text}"
        );
    }
}

#[test]
fn person_found_by_surname() {
    let sb = people_repo();
    let out = sb.run_ok(&["show", "lopez"]);
    assert!(out.contains("Maria Lopez"));
    let out = sb.run_ok(&["prep", "Okafor", "--date", "2026-01-15"]);
    assert!(out.contains("Sam Okafor"));
}

#[test]
fn unknown_person_gets_did_you_mean() {
    let sb = people_repo();
    let err = sb.run_err(&["show", "lopes"]);
    assert!(err.contains("did you mean maria-lopez?"), "{err}");
    assert!(!err.contains("sarah-chen"), "{err}");
    // Nothing close: every known person is listed instead.
    let err = sb.run_err(&["show", "zebulon"]);
    assert!(
        err.contains("known: maria-lopez, sam-okafor, sarah-chen"),
        "{err}"
    );
}

#[test]
fn ambiguous_person_lists_candidates() {
    let sb = people_repo();
    let err = sb.run_err(&["show", "sa"]);
    assert!(err.contains("sam-okafor, sarah-chen"), "{err}");
}

#[test]
fn new_reads_relationship_from_role() {
    let sb = Sandbox::new();
    for (name, role, want) in [
        ("Maria Lopez", "Manager", "manager"),
        ("Dev Patel", "Mentor", "mentor"),
        ("Kim Park", "Skip level", "skip-level"),
        ("Lee Wong", "skip-level", "skip-level"),
        ("Ana Ruiz", "Direct report", "report"),
        ("Bo Lind", "Report", "report"),
        ("Cy Moss", "Peer", "peer"),
    ] {
        sb.run_ok(&["new", name, "--role", role, "--date", "2026-01-15"]);
        let slug = oneonone_core::people::slugify(name);
        let text = sb.read(&format!("Career/1-on-1s/{slug}.md"));
        assert!(
            text.contains(&format!("relationship: {want}\n")),
            "{role}:\n{text}"
        );
    }
    let out = sb.run_ok(&["status", "--date", "2026-01-16"]);
    assert!(out.contains("manager"), "{out}");
    // An explicit --relationship wins over the role.
    sb.run_ok(&[
        "new",
        "Jo Hart",
        "--role",
        "Manager",
        "--relationship",
        "peer",
    ]);
    assert!(
        sb.read("Career/1-on-1s/jo-hart.md")
            .contains("relationship: peer\n")
    );
}

#[test]
fn new_makes_slugs_for_any_script() {
    let sb = Sandbox::new();
    for (name, slug) in [
        ("王小明", "wang-xiao-ming"),
        ("Zoë Ødegaard", "zoe-odegaard"),
        ("Nguyễn", "nguyen"),
        ("Анна Иванова", "anna-ivanova"),
        ("Σοφία", "sophia"),
    ] {
        sb.run_ok(&["new", name]);
        let text = sb.read(&format!("Career/1-on-1s/{slug}.md"));
        assert!(text.contains(&format!("person: {name}\n")), "{text}");
        // And the person is found again by the name as typed.
        sb.run_ok(&["show", name]);
    }
}

#[test]
fn export_writes_icalendar_without_a_flag() {
    let sb = reference_repo();
    let plain = sb.oneonone().arg("export").output().unwrap();
    assert!(plain.status.success(), "{}", stderr(&plain));
    assert!(stdout(&plain).starts_with("BEGIN:VCALENDAR"));
    let named = sb.run(["export", "--ics"]);
    assert!(named.status.success());
    // The DTSTAMP differs from run to run; everything else is the same calendar.
    let strip = |t: String| {
        t.lines()
            .filter(|l| !l.starts_with("DTSTAMP"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(stdout(&plain)), strip(stdout(&named)));
}

#[test]
fn process_without_notes_or_terminal_says_why_no_editor() {
    let sb = reference_repo();
    let err = sb.run_err(&["process", "sarah"]);
    assert!(err.contains("$EDITOR was not opened"), "{err}");
    assert!(err.contains("not a terminal"), "{err}");
}

#[test]
fn error_causes_print_as_caused_by_lines() {
    let sb = Sandbox::new();
    sb.write(".oneonone.toml", "notes_dir = \"notes\"\n");
    // A file where the notes directory should be.
    sb.write("notes", "not a directory\n");
    let out = sb.oneonone().arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].starts_with("error: failed to create "), "{err}");
    assert!(
        !lines[0].contains("os error"),
        "the cause is folded in: {err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("caused by: ") && l.contains("os error")),
        "{err}"
    );
}

/// The README's quick start runs `cargo run -- …`: with a second binary in the package,
/// that must still pick the tool.
#[test]
fn quick_start_cargo_run_prepares_from_the_sample_notes() {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO"))
        .current_dir(manifest)
        .args(["run", "-q", "--offline", "--"])
        .args([
            "-C",
            "examples/notes",
            "prep",
            "sarah",
            "--date",
            "2026-01-15",
        ])
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("1:1 with Sarah Chen"),
        "{}",
        stdout(&out)
    );
}
