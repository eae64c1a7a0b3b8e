//! Choosing files and moving data through them: import spreadsheets, export the plan.
//!
//! The file dialogs are opened from Rust, not from the page, so the webview holds no dialog
//! permission, and every path it later names must be one the user picked (see
//! [`crate::files::PickedPaths`]).
//!
//! End-to-end tests cannot drive a native GTK dialog: WebDriver only reaches the page inside
//! the window. So when `TERRAIN_TEST_PICK_FILES` or `TERRAIN_TEST_SAVE_FILE` is set, the
//! matching command returns those paths instead of opening a dialog. Nothing sets them in
//! normal use.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};
use terrain::importing::ImportControl;
use terrain::views::{
    ErrorCode, ErrorPayload, ExportInput, ExportResult, ImportInput, ImportPreview, ImportReport,
};
use terrain::Workspace;

use super::notify_changed;
use crate::files::PickedPaths;
use crate::limits::{self, Bounded};

/// Files `pick_import_files` returns without a dialog, separated like `PATH` (`:` on Linux).
const TEST_PICK_FILES_ENV: &str = "TERRAIN_TEST_PICK_FILES";

/// The path `pick_export_path` returns without a dialog.
const TEST_SAVE_FILE_ENV: &str = "TERRAIN_TEST_SAVE_FILE";

const SHEET_EXTENSIONS: [&str; 4] = ["csv", "xlsx", "xls", "ods"];

/// Asks the user for spreadsheets to import; an empty list when they cancel.
#[tauri::command]
#[tracing::instrument(skip(app, picked), err(Debug))]
pub async fn pick_import_files(
    app: AppHandle,
    picked: State<'_, PickedPaths>,
) -> Result<Vec<String>, ErrorPayload> {
    let paths: Vec<PathBuf> = match test_override(TEST_PICK_FILES_ENV) {
        Some(list) => std::env::split_paths(&list).collect(),
        None => {
            let dialog = dialog(&app)
                .set_title("Import spreadsheets")
                .add_filter("Spreadsheets", &SHEET_EXTENSIONS);
            let chosen = off_main_thread(move || dialog.blocking_pick_files()).await?;
            chosen
                .unwrap_or_default()
                .into_iter()
                .filter_map(local_path)
                .collect()
        }
    };
    picked.remember(paths.iter().cloned());
    Ok(paths
        .iter()
        .map(|path| path.display().to_string())
        .collect())
}

/// The event that carries an import's progress to the window.
pub const IMPORT_PROGRESS: &str = "import-progress";

/// The cancel flag of the import running now, if any.
#[derive(Default)]
pub struct RunningImport(Mutex<Option<Arc<AtomicBool>>>);

/// Surveys picked files for the mapping screen: kinds, columns, samples, questions.
#[tauri::command]
#[tracing::instrument(skip(state, picked), err(Debug))]
pub async fn inspect_import(
    state: State<'_, Workspace>,
    picked: State<'_, PickedPaths>,
    input: ImportInput,
) -> Result<ImportPreview, ErrorPayload> {
    check_input(&picked, &input)?;
    state
        .inspect_import(&input)
        .await
        .map_err(|error| error.payload())
}

/// What the import would land, with nothing written.
#[tauri::command]
#[tracing::instrument(skip(state, picked), err(Debug))]
pub async fn preview_import(
    state: State<'_, Workspace>,
    picked: State<'_, PickedPaths>,
    input: ImportInput,
) -> Result<ImportReport, ErrorPayload> {
    check_input(&picked, &input)?;
    state
        .preview_import(&input)
        .await
        .map_err(|error| error.payload())
}

/// Imports the files, rescores and re-plans, all or nothing, reporting progress as
/// [`IMPORT_PROGRESS`] events; [`cancel_import`] stops it with nothing written.
#[tauri::command]
#[tracing::instrument(skip(app, state, picked, running), err(Debug))]
pub async fn import_files(
    app: AppHandle,
    state: State<'_, Workspace>,
    picked: State<'_, PickedPaths>,
    running: State<'_, RunningImport>,
    input: ImportInput,
) -> Result<ImportReport, ErrorPayload> {
    check_input(&picked, &input)?;
    let cancel = Arc::new(AtomicBool::new(false));
    *running.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::clone(&cancel));
    let emitter = app.clone();
    let control = ImportControl {
        cancel,
        progress: Some(Arc::new(move |progress| {
            if let Err(error) = emitter.emit(IMPORT_PROGRESS, progress) {
                tracing::warn!(%error, "could not emit {IMPORT_PROGRESS}");
            }
        })),
    };
    let result = state.import_and_plan_with(&input, &control).await;
    // Forget this import's flag only: another import started meanwhile keeps its own.
    let mut current = running.0.lock().unwrap_or_else(|e| e.into_inner());
    if current
        .as_ref()
        .is_some_and(|c| Arc::ptr_eq(c, &control.cancel))
    {
        current.take();
    }
    drop(current);
    // A failure after the import committed still changed the workspace.
    if result.is_ok() || matches!(result, Err(terrain::Error::AfterImport(_))) {
        notify_changed(&app);
    }
    result.map_err(|error| error.payload())
}

/// Stops the running import, which then rolls back; nothing when none is running.
#[tauri::command]
#[tracing::instrument(skip(running))]
pub fn cancel_import(running: State<'_, RunningImport>) {
    if let Some(cancel) = running.0.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        cancel.store(true, Ordering::Relaxed);
    }
}

/// An import's lists must be within their bounds, and every path it names must be one the
/// user picked, per-file settings included.
fn check_input(picked: &PickedPaths, input: &ImportInput) -> Result<(), ErrorPayload> {
    input.check("input")?;
    for path in input
        .paths
        .iter()
        .chain(input.files.iter().map(|f| &f.path))
    {
        picked.check(path)?;
    }
    Ok(())
}

/// Asks where to save the plan as `format` (`xlsx` or `csv`); `None` when the user cancels.
#[tauri::command]
#[tracing::instrument(skip(app, picked), err(Debug))]
pub async fn pick_export_path(
    app: AppHandle,
    picked: State<'_, PickedPaths>,
    format: String,
) -> Result<Option<String>, ErrorPayload> {
    limits::text("format", &format, limits::MAX_TEXT)?;
    let (label, extension) = match format.as_str() {
        "xlsx" => ("Excel workbook", "xlsx"),
        "csv" => ("CSV", "csv"),
        other => {
            return Err(ErrorPayload {
                code: ErrorCode::BadInput,
                message: format!("cannot export as \"{other}\"; choose xlsx or csv"),
            })
        }
    };

    save_path(
        &app,
        &picked,
        "Export the plan",
        &format!("territories.{extension}"),
        (label, extension),
    )
    .await
}

/// Writes the active plan to a path chosen with `pick_export_path`.
#[tauri::command]
#[tracing::instrument(skip(state, picked), err(Debug))]
pub async fn export_plan(
    state: State<'_, Workspace>,
    picked: State<'_, PickedPaths>,
    input: ExportInput,
) -> Result<ExportResult, ErrorPayload> {
    input.check("input")?;
    picked.check(&input.path)?;
    state.export(&input).await.map_err(|error| error.payload())
}

/// Asks where to save a file of one type (`(label, extension)`), adding the extension the user
/// left out, and remembers the answer as picked; `None` when the user cancels.
pub(super) async fn save_path(
    app: &AppHandle,
    picked: &PickedPaths,
    title: &str,
    suggested: &str,
    (label, extension): (&str, &'static str),
) -> Result<Option<String>, ErrorPayload> {
    let path = match test_override(TEST_SAVE_FILE_ENV) {
        Some(path) => Some(with_extension(PathBuf::from(path), extension)),
        None => {
            let dialog = dialog(app)
                .set_title(title)
                .set_file_name(suggested)
                .add_filter(label, &[extension]);
            let chosen = off_main_thread(move || dialog.blocking_save_file()).await?;
            chosen
                .and_then(local_path)
                .map(|path| with_extension(path, extension))
        }
    };
    picked.remember(path.iter().cloned());
    Ok(path.map(|path| path.display().to_string()))
}

/// The path an end-to-end test puts in place of a dialog's answer. Debug builds only: the
/// e2e binary is one, and a release build must never let its environment pick files for the
/// user.
pub(super) fn test_override(name: &str) -> Option<std::ffi::OsString> {
    if cfg!(debug_assertions) {
        std::env::var_os(name)
    } else {
        None
    }
}

/// GTK does not add the extension the user left out, and exports read the format from it.
pub(super) fn with_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case(extension))
    {
        path
    } else {
        path.with_extension(extension)
    }
}

/// A dialog parented to the main window, so it stays on top of it.
pub(super) fn dialog(app: &AppHandle) -> FileDialogBuilder<tauri::Wry> {
    let builder = app.dialog().file();
    match app.get_webview_window("main") {
        Some(window) => builder.set_parent(&window),
        None => builder,
    }
}

/// Runs a blocking dialog on a worker thread: on the main thread it would wait for the very
/// event loop it needs to draw itself.
pub(super) async fn off_main_thread<T: Send + 'static>(
    show: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ErrorPayload> {
    tauri::async_runtime::spawn_blocking(show)
        .await
        .map_err(|error| ErrorPayload {
            code: ErrorCode::Io,
            message: format!("the file dialog closed unexpectedly: {error}"),
        })
}

pub(super) fn local_path(path: FilePath) -> Option<PathBuf> {
    path.into_path().ok()
}
