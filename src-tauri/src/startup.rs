//! Where the workspace file lives, and opening it when the app starts.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};
use terrain::Workspace;

/// Points the app at another workspace file. Tests and scripts use it to start from a known,
/// empty workspace; when the file does not exist it is created empty, never as the demo.
pub const WORKSPACE_ENV: &str = "TERRAIN_WORKSPACE";

const DEFAULT_FILE_NAME: &str = "workspace.terrain";

type StartupResult<T> = Result<T, Box<dyn std::error::Error>>;

/// Opens the workspace named by `TERRAIN_WORKSPACE`, or the one in the app's data folder.
///
/// A first start with no workspace in the data folder builds the demo, so a new user sees
/// reps, scored accounts and a plan at once rather than an empty board.
pub async fn open_workspace(app: &AppHandle) -> StartupResult<Workspace> {
    if let Some(path) = std::env::var_os(WORKSPACE_ENV).filter(|path| !path.is_empty()) {
        let path = PathBuf::from(path);
        tracing::info!(path = %path.display(), "opening the workspace named by {WORKSPACE_ENV}");
        return Ok(Workspace::open(&path).await?);
    }

    let dir = app.path().app_data_dir()?;
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(DEFAULT_FILE_NAME);
    if path.exists() {
        tracing::info!(path = %path.display(), "opening the workspace");
        Ok(Workspace::open(&path).await?)
    } else {
        tracing::info!(path = %path.display(), "first start: creating the demo workspace");
        Ok(Workspace::create_demo(&path).await?)
    }
}
