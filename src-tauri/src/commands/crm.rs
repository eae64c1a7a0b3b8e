//! Sending the plan back to the CRM: the reps' CRM user ids the director keeps, and change-sets
//! of the owner changes since a day or an earlier plan.

use tauri::{AppHandle, State};
use terrain::views::{ChangeSetFormat, ChangeSetInput, ChangeSetWritten, CrmUserId, ErrorPayload};
use terrain::Workspace;

use super::files::save_path;
use super::notify_changed;
use crate::files::PickedPaths;
use crate::limits::Bounded;

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn crm_user_ids(state: State<'_, Workspace>) -> Result<Vec<CrmUserId>, ErrorPayload> {
    state.crm_user_ids().await.map_err(|error| error.payload())
}

/// Saves the edited ids in one transaction; an id given to two reps is refused.
#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn save_crm_user_ids(
    app: AppHandle,
    state: State<'_, Workspace>,
    ids: Vec<CrmUserId>,
) -> Result<Vec<CrmUserId>, ErrorPayload> {
    ids.check("ids")?;
    let edits: Vec<(i64, Option<String>)> = ids
        .into_iter()
        .map(|id| (id.rep_id, id.crm_user_id))
        .collect();
    let saved = state
        .set_crm_user_ids(&edits)
        .await
        .map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(saved)
}

/// Asks where to save a change-set of `format`; `None` when the user cancels.
#[tauri::command]
#[tracing::instrument(skip(app, picked), err(Debug))]
pub async fn pick_change_set_path(
    app: AppHandle,
    picked: State<'_, PickedPaths>,
    format: ChangeSetFormat,
) -> Result<Option<String>, ErrorPayload> {
    let (title, suggested, filter) = match format {
        ChangeSetFormat::Salesforce => (
            "Save the Salesforce owner updates",
            "salesforce-owner-updates.csv",
            ("CSV", "csv"),
        ),
        ChangeSetFormat::Hubspot => (
            "Save the HubSpot companies import",
            "hubspot-company-owners.csv",
            ("CSV", "csv"),
        ),
        ChangeSetFormat::Xlsx => (
            "Save the owner changes",
            "owner-changes.xlsx",
            ("Excel workbook", "xlsx"),
        ),
    };
    save_path(&app, &picked, title, suggested, filter).await
}

/// Writes a change-set to a path chosen with `pick_change_set_path`.
#[tauri::command]
#[tracing::instrument(skip(state, picked), err(Debug))]
pub async fn write_change_set(
    state: State<'_, Workspace>,
    picked: State<'_, PickedPaths>,
    input: ChangeSetInput,
) -> Result<ChangeSetWritten, ErrorPayload> {
    input.check("input")?;
    picked.check(&input.path)?;
    state
        .write_change_set(&input)
        .await
        .map_err(|error| error.payload())
}
