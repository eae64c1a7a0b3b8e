//! Histograms of counts that the caller has already binned, e.g. how many
//! accounts fall in each tenth of the readiness score. Bars touch, as a
//! histogram's should; bin edges are labelled (thinned out when they would
//! collide) and each count is written on its bar when it fits.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{
    draw_header, font, render, text_width, ACCENT, AXIS_PX, BASELINE, GRID, HEIGHT, LABEL_PX,
    MARGIN, MUTED, TEXT, WIDTH,
};
use crate::error::Result;
use crate::format::{Ticks, ValueFormat};

/// A histogram of pre-binned counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Histogram {
    /// Shown at the top left.
    pub title: String,
    /// What the bins measure, e.g. "Readiness score"; centred under the axis.
    pub x_label: String,
    /// What is counted, e.g. "Accounts"; shown above the count axis.
    pub y_label: String,
    /// The bins, in any order; bins with an end not after their start are
    /// skipped.
    pub bins: Vec<Bin>,
}

/// One bin of a [`Histogram`]: `count` items had a value in `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    /// Where the bin starts on the x axis.
    pub start: f64,
    /// Where the bin ends; must be after `start`.
    pub end: f64,
    /// How many items fell in the bin.
    pub count: u32,
}

/// Draws `chart` as an SVG document, or as a placeholder saying it could not be
/// drawn.
pub fn histogram(chart: &Histogram) -> String {
    try_histogram(chart).unwrap_or_else(|_| crate::canvas::placeholder(&chart.title))
}

/// Draws `chart` as an SVG document, reporting why if plotters refuses to draw
/// it.
pub fn try_histogram(chart: &Histogram) -> Result<String> {
    let mut bins: Vec<&Bin> = chart
        .bins
        .iter()
        .filter(|bin| bin.start.is_finite() && bin.end.is_finite() && bin.end > bin.start)
        .collect();
    if bins.is_empty() {
        return crate::canvas::no_data(&chart.title);
    }
    bins.sort_by(|a, b| a.start.total_cmp(&b.start));

    let x_low = bins
        .iter()
        .map(|bin| bin.start)
        .fold(f64::INFINITY, f64::min);
    let x_high = bins
        .iter()
        .map(|bin| bin.end)
        .fold(f64::NEG_INFINITY, f64::max);
    let most = bins.iter().map(|bin| bin.count).max().unwrap_or(0);
    let ticks = Ticks::covering(0.0, f64::from(most) * 1.08, 5, true);

    let number = ValueFormat::Number;
    let tick_width = ticks
        .values
        .iter()
        .map(|v| text_width(&number.format(*v), LABEL_PX));
    let left = MARGIN + tick_width.fold(0.0, f64::max).ceil() as i32 + 12;
    let top = 100;
    let right = WIDTH as i32 - MARGIN;
    let bottom = HEIGHT as i32 - 72;
    let edges = edge_labels(&bins, f64::from(right - left) / (x_high - x_low));

    render(&chart.title, HEIGHT, |root| {
        draw_header(root, &chart.title, &[])?;
        let caption = font(AXIS_PX, &TEXT, HPos::Left, VPos::Bottom);
        root.draw_text(&chart.y_label, &caption, (MARGIN, top - 14))?;

        let area = root
            .clone()
            .shrink((left, top), (right - left, bottom - top));
        let plot =
            ChartBuilder::on(&area).build_cartesian_2d(x_low..x_high, ticks.low..ticks.high)?;
        let tick_style = font(LABEL_PX, &MUTED, HPos::Right, VPos::Center);
        for &value in &ticks.values {
            let line = PathElement::new(vec![(x_low, value), (x_high, value)], GRID);
            plot.plotting_area().draw(&line)?;
            let (_, y) = plot.backend_coord(&(x_low, value));
            root.draw_text(&number.format(value), &tick_style, (left - 10, y))?;
        }

        for bin in &bins {
            let count = f64::from(bin.count);
            let mut bar = Rectangle::new([(bin.start, 0.0), (bin.end, count)], ACCENT.filled());
            bar.set_margin(0, 0, 1, 1);
            plot.plotting_area().draw(&bar)?;

            let (x0, _) = plot.backend_coord(&(bin.start, 0.0));
            let (x1, y) = plot.backend_coord(&(bin.end, count));
            let label = bin.count.to_string();
            if bin.count > 0 && text_width(&label, LABEL_PX) + 4.0 <= f64::from(x1 - x0) {
                let style = font(LABEL_PX, &TEXT, HPos::Center, VPos::Bottom);
                root.draw_text(&label, &style, ((x0 + x1) / 2, y - 5))?;
            }
        }

        let tick_style = font(LABEL_PX, &MUTED, HPos::Center, VPos::Top);
        for &edge in &edges {
            let (x, _) = plot.backend_coord(&(edge, 0.0));
            root.draw_text(&number.format(edge), &tick_style, (x, bottom + 8))?;
        }
        let description = font(AXIS_PX, &TEXT, HPos::Center, VPos::Top);
        root.draw_text(
            &chart.x_label,
            &description,
            ((left + right) / 2, bottom + 34),
        )?;

        let baseline = PathElement::new(vec![(x_low, 0.0), (x_high, 0.0)], BASELINE);
        plot.plotting_area().draw(&baseline)
    })
}

/// The bin edges to label, every one if they fit, else every second, third, ...
/// one.
fn edge_labels(bins: &[&Bin], pixels_per_unit: f64) -> Vec<f64> {
    let mut edges: Vec<f64> = bins.iter().flat_map(|bin| [bin.start, bin.end]).collect();
    edges.sort_by(f64::total_cmp);
    edges.dedup_by(|a, b| (*a - *b).abs() < 1e-12);

    let widest = edges
        .iter()
        .map(|e| text_width(&ValueFormat::Number.format(*e), LABEL_PX));
    let needed = widest.fold(0.0, f64::max) + 12.0;
    let closest = edges
        .windows(2)
        .map(|pair| (pair[1] - pair[0]) * pixels_per_unit);
    let closest = closest.fold(f64::INFINITY, f64::min);
    let every = if closest.is_finite() && closest > 0.0 {
        (needed / closest).ceil().max(1.0)
    } else {
        1.0
    };
    edges.into_iter().step_by(every as usize).collect()
}
