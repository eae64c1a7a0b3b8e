//! The director's planning settings: the balance band, the pool, move costs, eligibility and
//! default capacity that every plan, the board's band and the comparison are built with.

use tauri::{AppHandle, State};
use terrain::views::{ErrorPayload, PlanningForm, PlanningSettings};
use terrain::Workspace;

use super::notify_changed;
use crate::limits::Bounded;

/// The saved settings, their defaults, and the columns a segment may be read from.
#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn planning_form(state: State<'_, Workspace>) -> Result<PlanningForm, ErrorPayload> {
    state.planning_form().await.map_err(|error| error.payload())
}

/// Checks and saves the settings; the next re-plan places accounts by them.
#[tauri::command]
#[tracing::instrument(skip(app, state), err(Debug))]
pub async fn save_planning_settings(
    app: AppHandle,
    state: State<'_, Workspace>,
    settings: PlanningSettings,
) -> Result<PlanningForm, ErrorPayload> {
    settings.check("settings")?;
    state
        .save_planning_settings(&settings)
        .await
        .map_err(|error| error.payload())?;
    // The band and capacities on the board change at once, so every view refreshes.
    notify_changed(&app);
    state.planning_form().await.map_err(|error| error.payload())
}
