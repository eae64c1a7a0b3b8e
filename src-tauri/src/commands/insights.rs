//! The insights screen: territory metrics, the strategy comparison, charts drawn on the Rust
//! side, saving a chart and exporting the review pack.

use std::path::PathBuf;

use tauri::{AppHandle, State};
use terrain::views::{
    Chart, ChartQuery, Comparison, ErrorCode, ErrorPayload, MetricsReport, Period, ReviewPackInput,
    ReviewPackResult, SaveChartInput,
};
use terrain::Workspace;

use super::files::{dialog, local_path, off_main_thread, save_path, test_override};
use crate::files::PickedPaths;
use crate::limits::{self, Bounded};

/// The folder `pick_folder` returns without a dialog, for end-to-end tests.
const TEST_FOLDER_ENV: &str = "TERRAIN_TEST_FOLDER";

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn metrics(
    state: State<'_, Workspace>,
    period: Period,
) -> Result<MetricsReport, ErrorPayload> {
    period.check("period")?;
    state
        .metrics(&period)
        .await
        .map_err(|error| error.payload())
}

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn chart(state: State<'_, Workspace>, query: ChartQuery) -> Result<Chart, ErrorPayload> {
    query.check("query")?;
    state.chart(&query).await.map_err(|error| error.payload())
}

/// Static territories, round-robin and the dynamic plan side by side; changes no plan, so
/// it sends no change event.
#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn compare(state: State<'_, Workspace>) -> Result<Comparison, ErrorPayload> {
    state.compare().await.map_err(|error| error.payload())
}

/// Asks where to save a chart as `format` (`png` or `svg`); `None` when the user cancels.
#[tauri::command]
#[tracing::instrument(skip(app, picked), err(Debug))]
pub async fn pick_chart_path(
    app: AppHandle,
    picked: State<'_, PickedPaths>,
    format: String,
    suggested: String,
) -> Result<Option<String>, ErrorPayload> {
    limits::text("format", &format, limits::MAX_TEXT)?;
    limits::text("suggested", &suggested, limits::MAX_TEXT)?;
    let (label, extension) = match format.as_str() {
        "png" => ("PNG image", "png"),
        "svg" => ("SVG image", "svg"),
        other => {
            return Err(ErrorPayload {
                code: ErrorCode::BadInput,
                message: format!("cannot save a chart as \"{other}\"; choose png or svg"),
            })
        }
    };
    save_path(
        &app,
        &picked,
        "Save the chart",
        &format!("{suggested}.{extension}"),
        (label, extension),
    )
    .await
}

#[tauri::command]
#[tracing::instrument(skip(state, picked), err(Debug))]
pub async fn save_chart(
    state: State<'_, Workspace>,
    picked: State<'_, PickedPaths>,
    input: SaveChartInput,
) -> Result<String, ErrorPayload> {
    input.check("input")?;
    picked.check(&input.path)?;
    state
        .save_chart(&input)
        .await
        .map_err(|error| error.payload())
}

/// Asks for a folder to write the review pack into; `None` when the user cancels.
#[tauri::command]
#[tracing::instrument(skip(app, picked), err(Debug))]
pub async fn pick_folder(
    app: AppHandle,
    picked: State<'_, PickedPaths>,
) -> Result<Option<String>, ErrorPayload> {
    let folder = match test_override(TEST_FOLDER_ENV) {
        Some(path) => Some(PathBuf::from(path)),
        None => {
            let dialog = dialog(&app).set_title("Choose a folder for the review pack");
            let chosen = off_main_thread(move || dialog.blocking_pick_folder()).await?;
            chosen.and_then(local_path)
        }
    };
    picked.remember(folder.iter().cloned());
    Ok(folder.map(|path| path.display().to_string()))
}

#[tauri::command]
#[tracing::instrument(skip(state, picked), err(Debug))]
pub async fn export_review_pack(
    state: State<'_, Workspace>,
    picked: State<'_, PickedPaths>,
    input: ReviewPackInput,
) -> Result<ReviewPackResult, ErrorPayload> {
    input.check("input")?;
    picked.check(&input.folder)?;
    state
        .export_review_pack(&input)
        .await
        .map_err(|error| error.payload())
}
