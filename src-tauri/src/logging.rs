//! Logging to stderr and to a daily rotating file in the app's log folder.
//!
//! The level comes from `TERRAIN_LOG` (an `EnvFilter` directive such as `debug` or
//! `terrain=debug,info`) and is `info` when unset.

use std::io::IsTerminal;

use tauri::{AppHandle, Manager};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter};

const LEVEL_ENV: &str = "TERRAIN_LOG";

/// A fortnight of daily files is enough to look into a problem a director reports.
const KEPT_LOG_FILES: usize = 14;

/// Installs the global subscriber. The returned guard flushes the file writer when dropped,
/// so the caller keeps it for the app's whole life.
pub fn init(app: &AppHandle) -> Result<WorkerGuard, Box<dyn std::error::Error>> {
    let dir = app.path().app_log_dir()?;
    std::fs::create_dir_all(&dir)?;
    let file = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("terrain")
        .filename_suffix("log")
        .max_log_files(KEPT_LOG_FILES)
        .build(&dir)?;
    let (file_writer, guard) = tracing_appender::non_blocking(file);

    let filter = EnvFilter::try_from_env(LEVEL_ENV)
        // usvg warns about the zero-height bars it skips when rendering a PNG: a bar of 0 is one.
        .unwrap_or_else(|_| EnvFilter::new("info,usvg=error"));
    tracing_subscriber::registry()
        .with(filter)
        .with(
            fmt::layer()
                .with_ansi(std::io::stderr().is_terminal())
                .with_writer(std::io::stderr),
        )
        .with(fmt::layer().with_ansi(false).with_writer(file_writer))
        .try_init()?;

    tracing::info!(dir = %dir.display(), version = env!("CARGO_PKG_VERSION"), "terrain started");
    Ok(guard)
}
