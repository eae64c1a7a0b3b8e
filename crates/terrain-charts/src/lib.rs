//! Presentation-quality charts for Terrain, drawn with plotters and returned as
//! SVG text for the webview to show or for a report to embed. Callers pass
//! plain data (a [`BarChart`] of reps' expected values, a [`Histogram`] of
//! readiness scores) and get back a complete `<svg>` document; nothing here
//! reads or writes files. Every chart shares one palette, one font stack and a
//! 960-pixel-wide canvas, so charts placed side by side look like one family.
//! Text is emitted as SVG `<text>` and rendered by the webview, which is why no
//! fonts are needed at build time and why label widths are estimated rather
//! than measured.

mod bar;
mod canvas;
mod error;
mod format;
mod histogram;

pub use bar::{bar_chart, try_bar_chart, Bar, BarChart};
pub use error::{ChartError, Result};
pub use format::ValueFormat;
pub use histogram::{histogram, try_histogram, Bin, Histogram};
