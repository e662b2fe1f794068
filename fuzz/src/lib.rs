//! Properties shared by the fuzz targets: the core's tests check the same ones, from the
//! one file both include.
#![forbid(unsafe_code)]

#[path = "../../oneonone-core/tests/support/invariants.rs"]
mod invariants;

pub use invariants::{
    assert_only_insertions_and_ticks, assert_reparses, check_processing_input, lines,
};
