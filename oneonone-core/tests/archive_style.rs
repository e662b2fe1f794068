//! The quarterly archive merged into a retro document the user keeps in a style of their
//! own: the moved lines take that style, and nothing else in either document changes.

use oneonone_core::Document;
use oneonone_core::archive::archive;

const RUNNING: &str = "---\nperson: Sarah Chen\n---\n\n# 1:1 with Sarah Chen\n\n## Ongoing Threads\n### Career\n- 2026-01-15: new\n- 2025-12-10: budget\n  - $2K\n\n## Action Items\n### My Actions\n- [ ] open\n- [x] plan (completed 2025-12-20)\n\n## Meeting History\n- 2026-01-08: Year planning\n- 2025-12-18: Q4 review\n";

const RETRO: &str = "---\r\nperson: Sarah Chen\r\n---\r\n\r\n# Sarah: 2025-Q4\r\n\r\nArchived from the running document: 0 completed action items, 1 thread entry, 0 accomplishments shared, 1 meeting.\r\n\r\n## Ongoing Threads\r\n\r\n### Career\r\n* 2025-11-02: earlier\r\n    * kept as written\r\n\r\n## Meeting History\r\n* 2025-11-20: Mid-quarter\r\n";

#[test]
fn archive_into_a_star_crlf_retro_keeps_its_style() {
    let out = archive(
        &Document::parse(RUNNING).unwrap(),
        "2025-Q4".parse().unwrap(),
        Some(RETRO),
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        out.archive,
        "---\r\nperson: Sarah Chen\r\n---\r\n\r\n# Sarah: 2025-Q4\r\n\r\nArchived from the running document: 1 completed action item, 2 thread entries, 0 accomplishments shared, 2 meetings.\r\n\r\n## Ongoing Threads\r\n\r\n### Career\r\n* 2025-12-10: budget\r\n    * $2K\r\n* 2025-11-02: earlier\r\n    * kept as written\r\n\r\n## Action Items\r\n### My Actions\r\n* [x] plan (completed 2025-12-20)\r\n\r\n## Meeting History\r\n* 2025-12-18: Q4 review\r\n* 2025-11-20: Mid-quarter\r\n"
    );
    assert_eq!(
        out.running,
        "---\nperson: Sarah Chen\n---\n\n# 1:1 with Sarah Chen\n\n## Ongoing Threads\n### Career\n- 2026-01-15: new\n\n## Action Items\n### My Actions\n- [ ] open\n\n## Meeting History\n- 2026-01-08: Year planning\n"
    );
    let retro = Document::parse(&out.archive).unwrap();
    assert!(retro.validate(None).iter().all(|d| !d.is_error()));
    // A second run finds nothing left to move and changes nothing.
    let again = Document::parse(&out.running).unwrap();
    assert_eq!(
        archive(&again, "2025-Q4".parse().unwrap(), Some(&out.archive)).unwrap(),
        None
    );
}
