//! The scan and the tracker on small histories.

use super::*;

fn commit(n: u8, day: u32) -> CommitMeta {
    CommitMeta {
        id: format!("{n:02x}").repeat(20),
        time: i64::from(day) * 86_400,
        date: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
        meeting: None,
    }
}

const HEAD: &str = "---\nperson: Sarah Chen\n---\n\n# 1:1 with Sarah Chen\n\n";

fn doc(body: &str) -> String {
    format!("{HEAD}{body}")
}

fn apply(t: &mut Tracker, c: &CommitMeta, path: &str, old: &str, new: Option<&str>) {
    t.apply(
        c,
        &[FileChange {
            old_path: None,
            path,
            old_text: old,
            new_text: new,
            new_blob: "b".into(),
        }],
    );
}

/// The tracker after `a.md` was written as each of `versions` in turn, version `n` (from
/// 1) by commit `n` on its day of January 2026.
fn history(versions: &[(u32, &str)]) -> Tracker {
    let mut t = Tracker::default();
    let mut old = "";
    for (n, (day, text)) in (1..).zip(versions) {
        apply(&mut t, &commit(n, *day), "a.md", old, Some(text));
        old = text;
    }
    t
}

/// The events the tracker reports for a person who is only a name.
fn events(t: &Tracker) -> Vec<Event> {
    let person = PersonRef {
        slug: "s".into(),
        name: "S".into(),
    };
    t.events(&person)
}

#[test]
fn scan_recognises_every_kind_and_skips_fences_and_comments() {
    let text = doc(concat!(
        "## Current Focus Areas\n- Q1 Goal: NRR\n\n",
        "## Ongoing Threads\n### Career Development\n- 2026-01-15: Promotion\n  * detail\n",
        "```\n- 2026-01-01: in a fence\n```\n<!--\n- 2026-01-02: in a comment\n-->\n",
        "## Action Items\n### My Actions\n- [ ] [P1] Research boards (by 2026-01-22)\n",
        "- [x] Ship flow (completed 2026-01-08)\n### Sarah's Actions\n- [ ] Review packet\n",
        "## Recent Accomplishments Shared\n- 2026-01-15: Renewal\n",
        "## Meeting History\n- 2026-01-15: Career path\n## Notes\n- 2026-01-01: free\n",
    ));
    let items = scan_document(&text);
    let got: Vec<(EventKind, &str)> = items
        .iter()
        .map(|(_, i)| (i.kind, i.text.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (EventKind::Goal, "Q1 Goal: NRR"),
            (EventKind::Thread, "Promotion"),
            (EventKind::Action, "Research boards"),
            (EventKind::Action, "Ship flow"),
            (EventKind::Action, "Review packet"),
            (EventKind::Accomplishment, "Renewal"),
            (EventKind::Meeting, "Career path"),
        ]
    );
    assert_eq!(items[1].1.thread.as_deref(), Some("Career Development"));
    assert_eq!(items[2].1.owner.as_deref(), Some("me"));
    assert_eq!(items[4].1.owner.as_deref(), Some("Sarah"));
    assert!(items[3].1.done);
    assert_eq!(items[3].1.completed, NaiveDate::from_ymd_opt(2026, 1, 8));
    assert_eq!(front_matter_person(&text).as_deref(), Some("Sarah Chen"));
}

/// The plain `str::split` definition the fast splitter must agree with.
fn split_reference(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    lines
}

#[test]
fn split_lines_agrees_with_str_split_on_edge_cases() {
    for text in [
        "",
        "\n",
        "\n\n",
        "a",
        "a\n",
        "a\nb",
        "a\r\nb\r\n",
        "\r\n",
        "a\r",
        "\u{feff}a\nb\n",
        "\u{feff}",
        "é\n\n✅ x\r\n\r",
    ] {
        assert_eq!(split_lines(text), split_reference(text), "{text:?}");
    }
}

#[test]
fn front_matter_person_reads_only_closed_front_matter() {
    assert_eq!(
        front_matter_person("\u{feff}---\r\nperson: 'Ana'\r\n---\r\n").as_deref(),
        Some("Ana")
    );
    assert_eq!(
        front_matter_person("---\nperson:\nperson: \"Li\" # x\n...\n").as_deref(),
        Some("Li")
    );
    assert_eq!(front_matter_person("---\nperson: Unclosed\n"), None);
    assert_eq!(front_matter_person("---\n---\nperson: After\n"), None);
    assert_eq!(front_matter_person("# person: no front matter\n"), None);
}

#[test]
fn edit_in_place_keeps_identity_and_takes_latest_text() {
    let v1 = doc("## Recent Accomplishments Shared\n- 2026-01-05: Renewal X\n");
    let v2 = doc("## Recent Accomplishments Shared\n- 2026-01-05: Renewal X, 2 years\n");
    let t = history(&[(6, &v1), (7, &v2)]);
    assert_eq!(t.items.len(), 1);
    assert_eq!(t.items[0].text, "Renewal X, 2 years");
    assert_eq!(t.items[0].added.date, commit(1, 6).date);
}

#[test]
fn undated_item_takes_its_commits_meeting_date() {
    let v1 = doc("## Action Items\n### My Actions\n- [ ] Send deck (by 2026-01-20)\n");
    let mut late = commit(1, 28);
    late.meeting = CommitMeta::meeting_trailer(
        "1:1 Sam 2026-01-06: 1 action\n\nPerson: sam\nMeeting-Date: 2026-01-06\n",
    );
    let mut t = Tracker::default();
    apply(&mut t, &late, "a.md", "", Some(&v1));
    let ev = events(&t);
    assert_eq!(ev[0].date, NaiveDate::from_ymd_opt(2026, 1, 6).unwrap());
    assert_eq!(ev[0].due, NaiveDate::from_ymd_opt(2026, 1, 20));
    assert_eq!(
        CommitMeta::meeting_trailer("no trailer\n\nPerson: s\n"),
        None
    );
}

#[test]
fn tick_yields_done_dated_by_completion() {
    let v1 = doc("## Action Items\n### My Actions\n- [ ] Send deck\n");
    let v2 = doc("## Action Items\n### My Actions\n- [x] Send deck (completed 2026-01-09)\n");
    let ev = events(&history(&[(6, &v1), (12, &v2)]));
    assert_eq!(ev.len(), 2);
    assert_eq!(ev[1].kind, EventKind::Done);
    assert_eq!(ev[1].date, NaiveDate::from_ymd_opt(2026, 1, 9).unwrap());
    assert_eq!(ev[1].commit.id, commit(2, 12).id);
    assert_eq!(ev[0].date, commit(1, 6).date);
}

#[test]
fn move_to_other_file_is_not_removal() {
    let v1 = doc("## Meeting History\n- 2026-01-05: Kickoff\n- 2026-01-01: Intro\n");
    let v2 = doc("## Meeting History\n- 2026-01-05: Kickoff\n");
    let arch = "# Retro\n## Meeting History\n- 2026-01-01: Intro\n";
    let mut t = Tracker::default();
    apply(&mut t, &commit(1, 6), "a.md", "", Some(&v1));
    t.apply(
        &commit(2, 8),
        &[
            FileChange {
                old_path: None,
                path: "a.md",
                old_text: &v1,
                new_text: Some(&v2),
                new_blob: "b".into(),
            },
            FileChange {
                old_path: None,
                path: "archive/a/r.md",
                old_text: "",
                new_text: Some(arch),
                new_blob: "c".into(),
            },
        ],
    );
    assert_eq!(t.items.len(), 2);
    assert!(t.items.iter().all(|i| i.removed.is_none()));
    // Deleting it from the archive later is a removal.
    apply(
        &mut t,
        &commit(3, 9),
        "archive/a/r.md",
        arch,
        Some("# Retro\n"),
    );
    assert!(t.items[1].removed.is_some());
}

#[test]
fn deleted_line_is_removed() {
    let v1 = doc("## Current Focus Areas\n- Grow NRR\n- Hire two\n");
    let v2 = doc("## Current Focus Areas\n- Grow NRR\n");
    let t = history(&[(6, &v1), (8, &v2)]);
    assert_eq!(
        t.items[1].removed.as_ref().map(|c| c.date),
        Some(commit(2, 8).date)
    );
    assert!(t.items[0].removed.is_none());
}
