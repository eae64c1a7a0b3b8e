//! The Tauri commands, grouped by screen. Each takes the managed [`terrain::Workspace`], calls
//! one use case and maps its error to the `{code, message}` the UI shows. Text and lists from
//! the page are first held to the bounds in [`crate::limits`], and paths to the files the user
//! picked ([`crate::files::PickedPaths`]). Commands that change the workspace then emit
//! [`WORKSPACE_CHANGED`], and every open view refreshes from it.

pub mod accounts;
pub mod backups;
pub mod crm;
pub mod files;
pub mod insights;
pub mod merges;
pub mod planning;
pub mod realign;
pub mod review;
pub mod scoring;
pub mod territories;
pub mod workspace;

use tauri::{AppHandle, Emitter};

/// The event sent, without a payload, after any command that changed the workspace.
pub const WORKSPACE_CHANGED: &str = "workspace-changed";

/// Tells the views to refresh. A failed emit leaves the data saved and only delays the
/// refresh until the next change, so it is logged and not reported to the user.
pub(crate) fn notify_changed(app: &AppHandle) {
    if let Err(error) = app.emit(WORKSPACE_CHANGED, ()) {
        tracing::warn!(%error, "could not emit {WORKSPACE_CHANGED}");
    }
}
