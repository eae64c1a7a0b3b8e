//! Presentation-quality charts for Terrain, drawn with plotters and returned as
//! SVG text for the webview to show or for a report to embed. Callers pass
//! plain data (a [`BarChart`] of reps' expected values, a [`Histogram`] of
//! readiness scores, a [`LineChart`] of revenue per month, a
//! [`GroupedBarChart`] comparing two plans, a [`LorenzChart`] of how evenly
//! value is shared) and get back a complete `<svg>` document; nothing here
//! writes files. Every chart shares one palette, one font stack and a
//! 960-pixel-wide canvas, so charts placed side by side look like one family.
//! Text is emitted as SVG `<text>` and rendered by the webview, which is why no
//! fonts are needed at build time and why label widths are estimated rather
//! than measured. [`svg_to_png`] rasterises any of the charts for slides, with
//! the machine's installed fonts.

mod bar;
mod canvas;
mod error;
mod format;
mod grouped;
mod histogram;
mod line;
mod lorenz;
mod png;

pub use bar::{bar_chart, try_bar_chart, Bar, BarChart};
pub use error::{ChartError, Result};
pub use format::ValueFormat;
pub use grouped::{grouped_bar_chart, try_grouped_bar_chart, GroupSeries, GroupedBarChart};
pub use histogram::{histogram, try_histogram, Bin, Histogram};
pub use line::{line_chart, try_line_chart, LineChart, Series};
pub use lorenz::{lorenz_chart, try_lorenz_chart, LorenzChart};
pub use png::svg_to_png;
