//! Processing notes only adds lines or ticks boxes, and processing the same notes again
//! (with the BACKLOG.md lines the first run appended) changes nothing.
//!
//! Input: byte 0 picks the mode. Even: the whole rest is notes for the reference document.
//! Odd: the rest is `DOCUMENT\0NOTES` (a NUL cannot be in a document anyway).
#![no_main]

use libfuzzer_sys::fuzz_target;

const REFERENCE: &str =
    include_str!("../../oneonone-core/tests/fixtures/sarah-chen-before-2026-01-15.md");

fuzz_target!(|data: &[u8]| oneonone_fuzz::check_processing_input(data, REFERENCE));
