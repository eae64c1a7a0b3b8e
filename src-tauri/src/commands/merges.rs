//! Duplicate accounts on the accounts screen: the groups imports proposed for merging, and the
//! director's merge or keep-apart for each.

use tauri::{AppHandle, State};
use terrain::views::{ErrorPayload, MergeInput, MergeProposal, MergeResult};
use terrain::Workspace;

use super::notify_changed;

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn merge_proposals(
    state: State<'_, Workspace>,
) -> Result<Vec<MergeProposal>, ErrorPayload> {
    state
        .merge_proposals()
        .await
        .map_err(|error| error.payload())
}

/// Merges a group into one account in one transaction, then rescores.
#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn merge_accounts(
    app: AppHandle,
    state: State<'_, Workspace>,
    input: MergeInput,
) -> Result<MergeResult, ErrorPayload> {
    let merged = state
        .merge_accounts(&input)
        .await
        .map_err(|error| error.payload());
    // A merge that committed before rescoring failed still changed the workspace.
    notify_changed(&app);
    merged
}

/// Remembers that a group's accounts are different companies.
#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn keep_apart(
    app: AppHandle,
    state: State<'_, Workspace>,
    proposal: i64,
) -> Result<(), ErrorPayload> {
    state
        .keep_apart(proposal)
        .await
        .map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(())
}
