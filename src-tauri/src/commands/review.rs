//! The daily review and the audit log: today's proposed moves, the director's answer to them,
//! and the journal of every change read for people.

use tauri::{AppHandle, State};
use terrain::views::{
    ApplyReviewInput, AuditEntryDetail, AuditExportInput, AuditExported, AuditPage, AuditQuery,
    DailyReview, ErrorPayload, ReviewApplied,
};
use terrain::Workspace;

use super::files::save_path;
use super::notify_changed;
use crate::files::PickedPaths;
use crate::limits::Bounded;

/// What changed since the last review, and today's proposed moves with their reasons.
#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn daily_review(state: State<'_, Workspace>) -> Result<DailyReview, ErrorPayload> {
    state.daily_review().await.map_err(|error| error.payload())
}

/// Accepts and rejects proposals and finishes the review, in one transaction.
#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn apply_review(
    app: AppHandle,
    state: State<'_, Workspace>,
    input: ApplyReviewInput,
) -> Result<ReviewApplied, ErrorPayload> {
    input.check("input")?;
    let applied = state
        .apply_review(&input)
        .await
        .map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(applied)
}

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn audit_log(
    state: State<'_, Workspace>,
    query: AuditQuery,
) -> Result<AuditPage, ErrorPayload> {
    state
        .audit_log(&query)
        .await
        .map_err(|error| error.payload())
}

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn audit_entry(
    state: State<'_, Workspace>,
    id: i64,
    account_id: Option<i64>,
) -> Result<AuditEntryDetail, ErrorPayload> {
    state
        .audit_entry(id, account_id)
        .await
        .map_err(|error| error.payload())
}

/// Asks where to save the audit log; `None` when the user cancels.
#[tauri::command]
#[tracing::instrument(skip(app, picked), err(Debug))]
pub async fn pick_audit_path(
    app: AppHandle,
    picked: State<'_, PickedPaths>,
) -> Result<Option<String>, ErrorPayload> {
    save_path(
        &app,
        &picked,
        "Export the audit log",
        "audit-log.xlsx",
        ("Excel workbook", "xlsx"),
    )
    .await
}

/// Writes the audit log to a path chosen with `pick_audit_path`.
#[tauri::command]
#[tracing::instrument(skip(state, picked), err(Debug))]
pub async fn export_audit_log(
    state: State<'_, Workspace>,
    picked: State<'_, PickedPaths>,
    input: AuditExportInput,
) -> Result<AuditExported, ErrorPayload> {
    input.check("input")?;
    picked.check(&input.path)?;
    state
        .export_audit_log(&input)
        .await
        .map_err(|error| error.payload())
}
