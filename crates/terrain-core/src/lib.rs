//! Terrain's domain: the records a workspace holds and the algorithms that turn them into
//! scores, plans and territory figures.
//!
//! Nothing here touches a file, a database or the clock. Callers hand in data and a date and get
//! results back, which keeps every algorithm testable on plain values and lets the CLI, the app
//! and the benchmarks share exactly the same code.

pub mod assign;
pub mod dedupe;
pub mod metrics;
pub mod records;
pub mod review;
pub mod score;
pub mod stats;
