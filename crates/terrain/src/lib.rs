//! Terrain's use cases: everything a director can do, behind one API that the desktop shell and
//! the `terrain` CLI both call.

pub mod bindings;
pub mod views;
