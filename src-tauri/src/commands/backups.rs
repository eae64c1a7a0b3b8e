//! The workspace's health and its backups: the damaged-workspace banner, the Backups dialog,
//! a copy made now and a restore.

use tauri::{AppHandle, State};
use terrain::views::{
    BackupInfo, ErrorCode, ErrorPayload, RestoreInput, Restored, WorkspaceHealth,
};
use terrain::Workspace;

use super::notify_changed;
use crate::limits::{self, MAX_PATH};

/// Whether the file is sound, and the newest backup to offer when it is not. With `check`
/// (a screen's read met damage), a quick check runs first, so the damage is recorded and the
/// workspace made read-only at once.
#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn workspace_health(
    app: AppHandle,
    state: State<'_, Workspace>,
    check: bool,
) -> Result<WorkspaceHealth, ErrorPayload> {
    if !check {
        return state.health().await.map_err(|error| error.payload());
    }
    let known = state.store().damage().is_some();
    let health = state
        .check_health_now()
        .await
        .map_err(|error| error.payload())?;
    if health.damage.is_some() && !known {
        notify_changed(&app);
    }
    Ok(health)
}

/// Every backup copy, newest first.
#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn list_backups(state: State<'_, Workspace>) -> Result<Vec<BackupInfo>, ErrorPayload> {
    state.backups().await.map_err(|error| error.payload())
}

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn back_up_now(state: State<'_, Workspace>) -> Result<BackupInfo, ErrorPayload> {
    state.back_up_now().await.map_err(|error| error.payload())
}

/// Restores one of the listed backups. The page names a backup, never any file: a path that
/// is not in the list is refused, so this command cannot be used to load an arbitrary file.
#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn restore_backup(
    app: AppHandle,
    state: State<'_, Workspace>,
    input: RestoreInput,
) -> Result<Restored, ErrorPayload> {
    limits::text("input.backup", &input.backup, MAX_PATH)?;
    let listed = state.backups().await.map_err(|error| error.payload())?;
    if !listed.iter().any(|b| b.path == input.backup) {
        return Err(ErrorPayload {
            code: ErrorCode::NotFound,
            message: format!(
                "{} is not one of this workspace's backups; open Backups… again and pick one",
                input.backup
            ),
        });
    }
    let restored = state.restore(&input).await.map_err(|error| error.payload());
    // A failed restore may still have kept a copy or reconnected; the views read again either way.
    notify_changed(&app);
    restored
}
