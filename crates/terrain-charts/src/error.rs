//! The one way drawing a chart can fail. Plotters renders into an in-memory
//! string here, so a failure means a layout the backend refused, never I/O;
//! callers who want to log it use the `try_` functions, everyone else gets a
//! placeholder SVG from the infallible ones.

use std::fmt::Display;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// Plotters rejected a drawing operation (a shape, a text or a coordinate
    /// system).
    #[error("could not draw the chart \"{title}\": {message}")]
    Drawing {
        /// The title of the chart being drawn, to tell which one failed.
        title: String,
        /// What plotters reported.
        message: String,
    },
}

impl ChartError {
    pub(crate) fn drawing(title: &str, cause: impl Display) -> Self {
        Self::Drawing {
            title: title.to_owned(),
            message: cause.to_string(),
        }
    }
}

/// The result of drawing a chart.
pub type Result<T> = std::result::Result<T, ChartError>;
