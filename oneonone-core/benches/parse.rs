//! Parse and validate a generated ~1 MB running document, against pulldown-cmark's bare
//! event iteration over the same text (SPEC 11: at most 2x); and the history scanner's
//! line scan of the same text.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use oneonone_core::Document;
use pulldown_cmark::{Options, Parser};
use std::fmt::Write;
use std::hint::black_box;

/// A running document of years of weekly meetings, about `target` bytes.
fn generate(target: usize) -> String {
    let mut s = String::from(
        "---\nperson: Sarah Chen\nrole: Manager\nfrequency: Weekly\nstarted: 2015-01-15\n---\n\n# 1:1 with Sarah Chen\n\n## Current Focus Areas\n- Q1 Goal: Increase NRR by 10%\n\n",
    );
    let threads = [
        "Career Development",
        "Q1 Goals & Projects",
        "Team & Process",
        "General",
    ];
    let per = target / 2 / threads.len() / 90;
    s.push_str("## Ongoing Threads\n\n");
    for t in threads {
        writeln!(s, "### {t}").unwrap();
        for i in 0..per {
            let day = 28 - (i % 28);
            let year = 2025 - (i / 336);
            let month = 12 - (i / 28) % 12;
            writeln!(
                s,
                "- {year}-{month:02}-{day:02}: Discussed item {i} of {t} - follow up with the team"
            )
            .unwrap();
            if i % 3 == 0 {
                s.push_str("  * Strategic customer initiatives (advisory board counts)\n");
            }
        }
        s.push('\n');
    }
    s.push_str("## Action Items\n\n### My Actions\n");
    let items = target / 4 / 70;
    for i in 0..items {
        if i % 2 == 0 {
            writeln!(
                s,
                "- [ ] [P2] Research item {i} best practices (by 2026-01-22)"
            )
            .unwrap();
        } else {
            writeln!(s, "- [x] Implement flow number {i} (completed 2026-01-08)").unwrap();
        }
    }
    s.push_str("\n## Meeting History\n");
    while s.len() < target {
        s.push_str(
            "- 2015-01-08: Year planning, onboarding retrospective, `code` and *emphasis*\n",
        );
    }
    s
}

fn options() -> Options {
    // The same options the document parser enables.
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

fn bench(c: &mut Criterion) {
    let text = generate(1 << 20);
    let mut g = c.benchmark_group("parse_1mb");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("pulldown_cmark_events", |b| {
        b.iter(|| Parser::new_ext(black_box(&text), options()).count())
    });
    g.bench_function("document_parse_validate", |b| {
        b.iter(|| {
            let doc = Document::parse(black_box(&text)).unwrap();
            doc.validate(None).len()
        })
    });
    g.finish();

    // Reading history scans changed revisions line by line (`timeline`), never parsing
    // them whole: the scan must stay well under the parse it agrees with.
    let mut g = c.benchmark_group("history_scan_1mb");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("timeline_scan_document", |b| {
        b.iter(|| oneonone_core::timeline::scan_document(black_box(&text)).len())
    });
    g.bench_function("timeline_line_contexts", |b| {
        b.iter(|| {
            let lines = oneonone_core::syntax::split_lines(black_box(&text));
            oneonone_core::timeline::line_contexts(&lines).len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
