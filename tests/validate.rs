//! `oneonone validate` on real files.

mod common;
use common::Sandbox;

#[test]
fn validate_reports_broken_front_matter_with_path_and_line_and_exits_1() {
    let sb = Sandbox::new();
    sb.write("bad.md", "---\nperson: [unclosed\n---\n\n# 1:1\n");
    let out = sb.run(["validate", "bad.md"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("bad.md:"), "{stdout}");
    assert!(stdout.contains("error[E001]"), "{stdout}");
}
