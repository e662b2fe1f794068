//! Preparing for the next meeting (SPEC section 5).
