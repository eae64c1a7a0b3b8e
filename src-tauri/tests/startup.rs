//! Starting the app on a workspace it cannot open ends with the reason and exit code 1, and
//! leaves the file as it was.
//!
//! The real app binary runs under an Xvfb of its own (GTK cannot start without a display),
//! with `TERRAIN_TEST_NO_DIALOG` set so the message dialog a director would close is skipped
//! and the refusal shows on stderr alone.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Long enough for a debug build to start GTK and WebKit on a busy two-core machine.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// An X server on a free display, stopped when dropped.
struct Xvfb {
    server: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Self {
        // `-displayfd` makes Xvfb choose a free display and print its number once it is ready.
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1024x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (`make deps` installs it)");
        let mut number = String::new();
        BufReader::new(server.stdout.take().expect("Xvfb's stdout is piped"))
            .read_line(&mut number)
            .expect("Xvfb prints its display number");
        let number = number.trim();
        assert!(!number.is_empty(), "Xvfb exited without starting a display");
        Self {
            server,
            display: format!(":{number}"),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

fn newer_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/terrain-store/tests/fixtures/schema/from-a-newer-terrain.terrain")
}

/// Runs the app on `workspace` until it exits, failing the test if it is still running after
/// [`START_TIMEOUT`] (a dialog waiting for a click would look like that).
fn start_app(workspace: &Path, data_home: &Path) -> Output {
    let xvfb = Xvfb::start();
    let mut app = Command::new(env!("CARGO_BIN_EXE_terrain-app"))
        .env("DISPLAY", &xvfb.display)
        .env_remove("WAYLAND_DISPLAY")
        .env("TERRAIN_WORKSPACE", workspace)
        .env("TERRAIN_TEST_NO_DIALOG", "1")
        // The log folder is under the data folder: keep this run's log out of the user's.
        .env("XDG_DATA_HOME", data_home)
        .env("GSETTINGS_BACKEND", "memory")
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the app binary starts");
    let deadline = Instant::now() + START_TIMEOUT;
    while app.try_wait().expect("the app can be waited on").is_none() {
        if Instant::now() > deadline {
            let _ = app.kill();
            let output = app.wait_with_output().expect("the killed app is reaped");
            panic!(
                "the app was still running after {START_TIMEOUT:?}; stderr:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    app.wait_with_output().expect("the app's output is read")
}

#[test]
fn a_workspace_from_a_newer_terrain_stops_the_app_with_code_1_saying_to_update_terrain() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let workspace = dir.path().join("from-a-newer-terrain.terrain");
    std::fs::copy(newer_fixture(), &workspace).expect("the fixture is copied");

    let output = start_app(&workspace, &dir.path().join("data"));
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    let expected = format!(
        "terrain could not start: workspace {} was written by a newer version of Terrain",
        workspace.display()
    );
    assert!(stderr.contains(&expected), "stderr:\n{stderr}");
    assert!(
        stderr.contains("update Terrain to open it"),
        "stderr:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "stderr:\n{stderr}");
    assert_eq!(
        std::fs::read(&workspace).expect("the workspace is still there"),
        std::fs::read(newer_fixture()).expect("the fixture reads"),
        "refusing the workspace changed its bytes"
    );
}

#[test]
fn a_workspace_in_a_missing_folder_stops_the_app_with_code_1_naming_the_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let workspace = dir.path().join("no-such-folder").join("plan.terrain");

    let output = start_app(&workspace, &dir.path().join("data"));
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    let expected = format!(
        "terrain could not start: cannot open workspace {}",
        workspace.display()
    );
    assert!(stderr.contains(&expected), "stderr:\n{stderr}");
    assert!(
        !workspace.exists(),
        "a workspace was created where none could be opened"
    );
}
