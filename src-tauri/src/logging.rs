//! Logging to stderr and to a daily rotating file in the app's log folder.
//!
//! The level comes from `TERRAIN_LOG` (an `EnvFilter` directive such as `debug` or
//! `terrain=debug,info`) and is `info` when unset.
//!
//! Each command's span records its arguments, and a refused command logs them with its error.
//! A field's value is cut to [`MAX_FIELD_BYTES`], so an argument refused for its size, or any
//! other outsized value, cannot fill the log.

use std::fmt::Write as _;
use std::io::IsTerminal;

use tauri::{AppHandle, Manager};
use tracing::field::Field;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::field::{delimited::Delimited, MakeExt};
use tracing_subscriber::fmt::format::{self, FieldFn, Writer};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter};

const LEVEL_ENV: &str = "TERRAIN_LOG";

/// A fortnight of daily files is enough to look into a problem a director reports.
const KEPT_LOG_FILES: usize = 14;

/// The longest value a log line shows of one field; a bounded argument fits well within it.
pub const MAX_FIELD_BYTES: usize = 2_000;

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
                .fmt_fields(cut_fields())
                .with_ansi(std::io::stderr().is_terminal())
                .with_writer(std::io::stderr),
        )
        .with(
            fmt::layer()
                .fmt_fields(cut_fields())
                .with_ansi(false)
                .with_writer(file_writer),
        )
        .try_init()?;

    tracing::info!(dir = %dir.display(), version = env!("CARGO_PKG_VERSION"), "terrain started");
    Ok(guard)
}

type FieldWriter = fn(&mut Writer<'_>, &Field, &dyn std::fmt::Debug) -> std::fmt::Result;

/// Fields written as the default formatter does (`message` bare, others as `name=value`),
/// each value cut to [`MAX_FIELD_BYTES`].
fn cut_fields() -> Delimited<&'static str, FieldFn<FieldWriter>> {
    format::debug_fn(write_cut_field as FieldWriter).delimited(" ")
}

fn write_cut_field(
    writer: &mut Writer<'_>,
    field: &Field,
    value: &dyn std::fmt::Debug,
) -> std::fmt::Result {
    let mut text = String::new();
    write!(text, "{value:?}")?;
    if text.len() > MAX_FIELD_BYTES {
        let total = text.len();
        let mut end = MAX_FIELD_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        write!(text, "… ({total} bytes in all)")?;
    }
    if field.name() == "message" {
        writer.write_str(&text)
    } else {
        write!(writer, "{}={text}", field.name())
    }
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().expect("log buffer").extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_outsized_argument_is_cut_in_the_log_and_a_small_one_is_kept_whole() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = fmt::Subscriber::builder()
            .fmt_fields(cut_fields())
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();

        tracing::subscriber::with_default(subscriber, || {
            let search = "x".repeat(50_000);
            tracing::error!(search, rep = "Ana Ortiz", "refused");
        });

        let line = String::from_utf8(captured.0.lock().expect("log buffer").clone())
            .expect("the log is UTF-8");
        assert!(line.contains("refused"), "{line}");
        assert!(line.contains("rep=\"Ana Ortiz\""), "{line}");
        assert!(line.contains("… (50002 bytes in all)"), "{line}");
        assert!(
            line.len() < MAX_FIELD_BYTES + 500,
            "{} bytes logged",
            line.len()
        );
    }
}
