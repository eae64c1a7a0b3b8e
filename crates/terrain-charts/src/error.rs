//! How drawing or rasterising a chart can fail. Plotters renders into an
//! in-memory string, so a drawing failure means a layout the backend refused,
//! never I/O; callers who want to log it use the `try_` functions, everyone
//! else gets a placeholder SVG from the infallible ones. Rasterising to PNG can
//! also fail on the machine (no fonts) or on its input (not SVG, a bad scale).

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
    /// The text given to rasterise is not an SVG document resvg can read.
    #[error("could not read the SVG to rasterise: {0}")]
    InvalidSvg(#[from] resvg::usvg::Error),
    /// The scale asked of the PNG is not a positive number, or makes the image
    /// too large to allocate.
    #[error(
        "cannot rasterise at scale {scale}: use a positive scale, e.g. 2.0, up to 16384 px a side"
    )]
    InvalidScale {
        /// The scale that was asked for.
        scale: f32,
    },
    /// No font is installed, so the chart's text cannot be drawn.
    #[error(
        "no font found to draw the chart's text (on Debian or Ubuntu, install fonts-dejavu-core)"
    )]
    NoFonts,
    /// The PNG encoder failed on the rendered image.
    #[error("could not encode the chart as PNG: {message}")]
    PngEncoding {
        /// What the encoder reported.
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
