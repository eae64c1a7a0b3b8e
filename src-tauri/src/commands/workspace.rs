//! The workspace screen: what the file holds.

use tauri::State;
use terrain::views::{ErrorPayload, WorkspaceSummary};
use terrain::Workspace;

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn workspace_summary(
    state: State<'_, Workspace>,
) -> Result<WorkspaceSummary, ErrorPayload> {
    state.summary().await.map_err(|error| error.payload())
}
