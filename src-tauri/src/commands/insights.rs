//! The insights screen: territory metrics and charts drawn on the Rust side.

use tauri::State;
use terrain::views::{Chart, ChartKind, ErrorPayload, MetricsReport};
use terrain::Workspace;

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn metrics(state: State<'_, Workspace>) -> Result<MetricsReport, ErrorPayload> {
    state.metrics().await.map_err(|error| error.payload())
}

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn chart(state: State<'_, Workspace>, kind: ChartKind) -> Result<Chart, ErrorPayload> {
    state.chart(kind).await.map_err(|error| error.payload())
}
