//! The quarterly realignment: a draft built from scratch, set beside the active plan, and
//! made active after a backup copy of the workspace.

use tauri::{AppHandle, State};
use terrain::views::{ActivateInput, Activation, DraftComparison, ErrorPayload, RealignInput};
use terrain::Workspace;

use super::notify_changed;
use crate::limits::Bounded;

/// Builds a draft under the constraints set on screen, replacing any earlier draft.
#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn create_realignment(
    app: AppHandle,
    state: State<'_, Workspace>,
    input: RealignInput,
) -> Result<DraftComparison, ErrorPayload> {
    input.check("input")?;
    let draft = state
        .create_realignment(&input)
        .await
        .map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(draft)
}

/// The draft beside the active plan; `None` when there is no draft, which is no error.
#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn draft_comparison(
    state: State<'_, Workspace>,
) -> Result<Option<DraftComparison>, ErrorPayload> {
    state.draft_if_any().await.map_err(|error| error.payload())
}

#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn activate_draft(
    app: AppHandle,
    state: State<'_, Workspace>,
    input: ActivateInput,
) -> Result<Activation, ErrorPayload> {
    let activation = state
        .activate_draft(Some(input))
        .await
        .map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(activation)
}

#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn discard_draft(
    app: AppHandle,
    state: State<'_, Workspace>,
) -> Result<bool, ErrorPayload> {
    let discarded = state
        .discard_draft()
        .await
        .map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(discarded)
}
