//! The territories board: reps' books, manual moves, locks, undo and redo, and re-planning.

use tauri::{AppHandle, State};
use terrain::views::{
    Board, ErrorPayload, HistoryState, LockInput, MoveInput, MoveResult, PlanChange,
};
use terrain::Workspace;

use super::notify_changed;
use crate::limits::Bounded;

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
/// The active plan's board, or with `draft` the quarterly draft's.
pub async fn board(
    state: State<'_, Workspace>,
    draft: Option<bool>,
) -> Result<Board, ErrorPayload> {
    state
        .board_of(draft.unwrap_or(false))
        .await
        .map_err(|error| error.payload())
}

#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn move_accounts(
    app: AppHandle,
    state: State<'_, Workspace>,
    input: MoveInput,
) -> Result<MoveResult, ErrorPayload> {
    input.check("input")?;
    let moved = state
        .move_accounts(&input)
        .await
        .map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(moved)
}

#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn set_locked(
    app: AppHandle,
    state: State<'_, Workspace>,
    input: LockInput,
) -> Result<HistoryState, ErrorPayload> {
    input.check("input")?;
    let history = state
        .set_locked(&input)
        .await
        .map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(history)
}

#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn undo(
    app: AppHandle,
    state: State<'_, Workspace>,
) -> Result<HistoryState, ErrorPayload> {
    let history = state.undo().await.map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(history)
}

#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn redo(
    app: AppHandle,
    state: State<'_, Workspace>,
) -> Result<HistoryState, ErrorPayload> {
    let history = state.redo().await.map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(history)
}

/// Builds a fresh plan from the latest scores and activates it.
#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn replan(
    app: AppHandle,
    state: State<'_, Workspace>,
) -> Result<PlanChange, ErrorPayload> {
    let change = state.assign().await.map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(change)
}
