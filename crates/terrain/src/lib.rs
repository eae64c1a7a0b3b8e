//! Terrain's use cases: everything a director can do, behind one API that the desktop shell and
//! the `terrain` CLI both call.
//!
//! A use case reads what it needs from the store, hands plain data to the core, and writes the
//! result back in one transaction. Neither front end holds logic of its own.

mod auditing;
mod backing_up;
mod baselines;
pub mod bindings;
mod board;
mod changesets;
mod comparing;
mod demo;
mod error;
mod exporting;
pub mod importing;
mod insights;
mod merges;
mod modeling;
mod planning;
mod planning_settings;
mod realigning;
mod refreshing;
mod reviewing;
mod scoring;
pub mod views;
mod workspace;

pub use error::{Error, Result};
pub use workspace::Workspace;
