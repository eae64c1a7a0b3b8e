//! Where the workspace file lives, and opening it when the app starts.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
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

/// Set by tests that start the app on a workspace it cannot open: no one is there to close a
/// dialog, so the refusal goes only to the log and stderr. Debug builds only, like the other
/// test variables; nothing sets it in normal use.
pub const NO_DIALOG_ENV: &str = "TERRAIN_TEST_NO_DIALOG";

const CANNOT_OPEN_TITLE: &str = "Terrain cannot open this workspace";

/// Ends a start whose workspace did not open: says why, then quits with exit code 1.
///
/// Without this a director starting the app from the desktop would see nothing: the reason
/// would only reach stderr and the log. The page cannot say it, having no workspace to talk
/// to, so the window is hidden and a native dialog carries the error's message, which names
/// the file and says what to do (for a file from a newer Terrain: update Terrain). Quitting
/// through Tauri rather than failing the setup hook, which Tauri turns into a panic, lets the
/// app close as it always does, flushing the log.
pub fn refuse_to_start(app: &AppHandle, error: &dyn std::error::Error) {
    tracing::error!(%error, "terrain could not start: the workspace could not be opened");
    eprintln!("terrain could not start: {error}");
    if let Some(window) = app.get_webview_window("main") {
        if let Err(error) = window.hide() {
            tracing::warn!(%error, "cannot hide the main window behind the start-up message");
        }
    }
    // Like the other test variables, honoured by debug builds only.
    let skip_dialog = cfg!(debug_assertions) && std::env::var_os(NO_DIALOG_ENV).is_some();
    if !skip_dialog && has_display() {
        tell_the_workspace_cannot_open(app, error);
    }
    app.exit(1);
}

/// Shows the error in a native dialog and returns once the user has closed it.
fn tell_the_workspace_cannot_open(app: &AppHandle, error: &dyn std::error::Error) {
    let closed = Arc::new(AtomicBool::new(false));
    let on_close = Arc::clone(&closed);
    app.dialog()
        .message(sentence(&error.to_string()))
        .title(CANNOT_OPEN_TITLE)
        .kind(MessageDialogKind::Error)
        .buttons(MessageDialogButtons::Ok)
        .show(move |_| {
            on_close.store(true, Ordering::Release);
            wake_main_loop();
        });
    wait_on_main_loop(&closed);
}

/// Runs the main thread's GLib loop until `closed` is set.
///
/// This is called from Tauri's setup hook, on the main thread, inside the first turn of the
/// event loop. The dialog is a GTK window, and GTK only draws it and answers its clicks while
/// that thread turns the loop; blocking here (as the dialog plugin's `blocking_show` does)
/// would leave the dialog unseen and the app waiting for ever.
#[cfg(target_os = "linux")]
fn wait_on_main_loop(closed: &AtomicBool) {
    let context = glib::MainContext::default();
    while !closed.load(Ordering::Acquire) {
        context.iteration(true);
    }
}

#[cfg(target_os = "linux")]
fn wake_main_loop() {
    glib::MainContext::default().wakeup();
}

// TODO(#8): on macOS and Windows the dialog is queued on the event loop and the app quits
// before showing it; only Linux, where Terrain ships, turns the loop by hand.
#[cfg(not(target_os = "linux"))]
fn wait_on_main_loop(_closed: &AtomicBool) {}

#[cfg(not(target_os = "linux"))]
fn wake_main_loop() {}

/// GTK cannot start without a display, and the dialog would then never be shown nor closed.
fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()))
}

/// Error messages start in lower case to read well after a prefix; a dialog shows one alone.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn a_message_shown_alone_starts_with_a_capital() {
        assert_eq!(
            sentence("workspace /tmp/a.terrain was written by a newer version"),
            "Workspace /tmp/a.terrain was written by a newer version"
        );
        assert_eq!(sentence(""), "");
    }
}
