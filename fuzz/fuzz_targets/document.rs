//! Parsing never panics; an unedited document writes back byte for byte, and every view and
//! validation runs without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oneonone_core::Document;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = Document::parse(src) else {
        return;
    };
    assert_eq!(
        doc.to_string().as_bytes(),
        data,
        "round trip changed the bytes"
    );
    assert_eq!(doc.as_str(), src);
    for n in 0..=doc.line_count() + 1 {
        let _ = doc.line(n);
    }
    let _ = (
        doc.person(),
        doc.first_name(),
        doc.relationship(),
        doc.frequency(),
    );
    let _ = doc.action_items().count();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15);
    let _ = doc.validate(today);
    let _ = doc.validate(None);
});
