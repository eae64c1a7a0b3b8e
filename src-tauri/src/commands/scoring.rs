//! The scoring screen: the settings form, its live preview, saving and rescoring, the model's
//! report, and the chart of an account's score history.

use tauri::{AppHandle, State};
use terrain::views::{
    ErrorPayload, ModelReport, ScoreChart, ScoringForm, ScoringPreview, ScoringResult,
    ScoringSettings,
};
use terrain::Workspace;

use super::notify_changed;
use crate::limits::Bounded;

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn scoring_settings(state: State<'_, Workspace>) -> Result<ScoringForm, ErrorPayload> {
    state.scoring_form().await.map_err(|error| error.payload())
}

/// Counts what `settings` would change; saves nothing, so it sends no change event.
#[tauri::command]
#[tracing::instrument(skip(state, settings), err(Debug))]
pub async fn preview_scoring(
    state: State<'_, Workspace>,
    settings: ScoringSettings,
) -> Result<ScoringPreview, ErrorPayload> {
    settings.check("settings")?;
    state
        .preview_scoring(&settings)
        .await
        .map_err(|error| error.payload())
}

#[tauri::command]
#[tracing::instrument(skip(app, state, settings), err(Debug))]
pub async fn save_scoring_settings(
    app: AppHandle,
    state: State<'_, Workspace>,
    settings: ScoringSettings,
) -> Result<ScoringResult, ErrorPayload> {
    settings.check("settings")?;
    let result = state
        .apply_scoring_settings(&settings)
        .await
        .map_err(|error| error.payload())?;
    notify_changed(&app);
    Ok(result)
}

/// The report of the last training; trains once when none is stored yet.
#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn model_report(state: State<'_, Workspace>) -> Result<ModelReport, ErrorPayload> {
    state
        .model_report_or_train()
        .await
        .map_err(|error| error.payload())
}

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn score_history_chart(
    state: State<'_, Workspace>,
    account: i64,
) -> Result<ScoreChart, ErrorPayload> {
    state
        .score_history_chart(account)
        .await
        .map_err(|error| error.payload())
}
