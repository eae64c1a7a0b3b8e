//! Line charts over categories: won revenue per month per region, pipeline per
//! quarter per segment. Each series is a line in its own colour with a marker
//! on every point; a missing value breaks the line, so a gap in the data reads
//! as a gap rather than as a straight line across it. Category labels are
//! thinned out (every second, third, ... one) when they would collide, as they
//! do for fifteen months on a 960-pixel canvas.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{
    draw_header, draw_marker, font, legend_extra_height, render, series_colour, text_width,
    truncate, LegendItem, AXIS_PX, BASELINE, GRID, HEIGHT, LABEL_PX, LINE_WIDTH, MARGIN,
    MAX_LEGEND_LABEL, MUTED, TEXT, WIDTH,
};
use crate::error::Result;
use crate::format::{Ticks, ValueFormat};

/// Lines over categories, e.g. won revenue per month per region.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineChart {
    /// Shown at the top left; name the unit here, e.g. "Won revenue per month
    /// (USD)".
    pub title: String,
    /// What the categories are, e.g. "Month"; centred under the axis.
    pub x_label: String,
    /// What the values measure, e.g. "Won revenue"; shown above the value
    /// axis.
    pub y_label: String,
    /// The points along the x axis, in order, e.g. "Jan 25", "Feb 25", ...
    pub categories: Vec<String>,
    /// The lines, drawn in the palette's order and named in the legend.
    pub series: Vec<Series>,
    /// How values are written on the value axis.
    pub value_format: ValueFormat,
    /// The top of the value axis when the values have a natural ceiling, such as 1 (100%)
    /// for a probability; `None` fits the axis to the data.
    pub y_max: Option<f64>,
}

/// One line of a [`LineChart`].
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Named in the legend, e.g. a region; long names are cut with an
    /// ellipsis.
    pub name: String,
    /// `values[i]` belongs to `categories[i]`. `None`, a value that is not
    /// finite, or a missing entry at the end is a gap in the line; entries past
    /// the last category are ignored.
    pub values: Vec<Option<f64>>,
}

impl Series {
    /// The value at category `index`, if there is a usable one.
    fn at(&self, index: usize) -> Option<f64> {
        self.values
            .get(index)
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    }
}

/// Category labels are cut to this width before thinning, so that one long
/// name does not thin out all the others.
const MAX_CATEGORY_LABEL: f64 = 140.0;
/// Below this many pixels between categories the markers would touch, so only
/// the lines are drawn.
const MIN_MARKER_SLOT: f64 = 12.0;

/// Draws `chart` as an SVG document, or as a placeholder saying it could not be
/// drawn.
pub fn line_chart(chart: &LineChart) -> String {
    try_line_chart(chart).unwrap_or_else(|_| crate::canvas::placeholder(&chart.title))
}

/// Draws `chart` as an SVG document, reporting why if plotters refuses to draw
/// it.
pub fn try_line_chart(chart: &LineChart) -> Result<String> {
    let count = chart.categories.len();
    let values = chart
        .series
        .iter()
        .flat_map(|series| (0..count).filter_map(|i| series.at(i)));
    let (low, high, any) = values.fold((0.0_f64, 0.0_f64, false), |(lo, hi, _), v| {
        (lo.min(v), hi.max(v), true)
    });
    if !any {
        return crate::canvas::no_data(&chart.title);
    }

    let format = chart.value_format;
    // A little room past the extremes, so that no marker sits on the frame.
    let span = high - low;
    let headroom = |v: f64| {
        if v == 0.0 {
            0.0
        } else {
            span * 0.05 * v.signum()
        }
    };
    let top = match chart.y_max {
        Some(max) if max.is_finite() && max >= high => max,
        _ => high + headroom(high),
    };
    let ticks = Ticks::covering(low + headroom(low), top, 5, false);
    let legend: Vec<LegendItem> = chart
        .series
        .iter()
        .enumerate()
        .map(|(index, series)| LegendItem::Line {
            color: series_colour(index),
            label: truncate(&series.name, MAX_LEGEND_LABEL, LABEL_PX),
        })
        .collect();
    let extra = legend_extra_height(&chart.title, &legend);

    let tick_width = ticks
        .values
        .iter()
        .map(|v| text_width(&format.format(*v), LABEL_PX))
        .fold(0.0, f64::max);
    let left = MARGIN + tick_width.ceil() as i32 + 12;
    let top = 100 + extra;
    let right = WIDTH as i32 - MARGIN;
    let height = HEIGHT + extra as u32;
    let bottom = height as i32 - 72;
    let slot = f64::from(right - left) / count as f64;
    let labels = category_labels(&chart.categories, slot);
    let x_range = -0.5..count as f64 - 0.5;

    render(&chart.title, height, |root| {
        draw_header(root, &chart.title, &legend)?;
        let caption = font(AXIS_PX, &TEXT, HPos::Left, VPos::Bottom);
        root.draw_text(&chart.y_label, &caption, (MARGIN, top - 14))?;

        let area = root
            .clone()
            .shrink((left, top), (right - left, bottom - top));
        let plot = ChartBuilder::on(&area).build_cartesian_2d(x_range, ticks.low..ticks.high)?;
        let (x_low, x_high) = (-0.5, count as f64 - 0.5);
        let tick_style = font(LABEL_PX, &MUTED, HPos::Right, VPos::Center);
        for &value in &ticks.values {
            let line = PathElement::new(vec![(x_low, value), (x_high, value)], GRID);
            plot.plotting_area().draw(&line)?;
            let (_, y) = plot.backend_coord(&(x_low, value));
            root.draw_text(&format.format(value), &tick_style, (left - 10, y))?;
        }
        let baseline = PathElement::new(vec![(x_low, 0.0), (x_high, 0.0)], BASELINE);
        plot.plotting_area().draw(&baseline)?;

        let label_style = font(LABEL_PX, &TEXT, HPos::Center, VPos::Top);
        for (index, label) in &labels {
            let (x, _) = plot.backend_coord(&(*index as f64, 0.0));
            let tick = vec![(x, bottom), (x, bottom + 4)];
            root.draw(&PathElement::new(tick, BASELINE))?;
            root.draw_text(label, &label_style, (x, bottom + 8))?;
        }
        let description = font(AXIS_PX, &TEXT, HPos::Center, VPos::Top);
        root.draw_text(
            &chart.x_label,
            &description,
            ((left + right) / 2, bottom + 34),
        )?;

        // The first series is drawn last, so that it lies on top.
        for (index, series) in chart.series.iter().enumerate().rev() {
            let colour = series_colour(index);
            for run in runs(series, count) {
                let points: Vec<(f64, f64)> = run.iter().map(|&(i, v)| (i as f64, v)).collect();
                let line = PathElement::new(points, colour.stroke_width(LINE_WIDTH));
                plot.plotting_area().draw(&line)?;
            }
            if slot >= MIN_MARKER_SLOT {
                for point in (0..count).filter_map(|i| series.at(i).map(|v| (i as f64, v))) {
                    draw_marker(root, plot.backend_coord(&point), colour)?;
                }
            }
        }
        Ok(())
    })
}

/// The stretches of a series without a gap, as (category index, value) pairs.
fn runs(series: &Series, count: usize) -> Vec<Vec<(usize, f64)>> {
    let mut runs = vec![Vec::new()];
    for index in 0..count {
        match series.at(index) {
            Some(value) => {
                if let Some(run) = runs.last_mut() {
                    run.push((index, value));
                }
            }
            None => runs.push(Vec::new()),
        }
    }
    runs.retain(|run| run.len() > 1);
    runs
}

/// The category labels to draw, with their index: every one if they fit in
/// their slot, else every second, third, ... one, always starting with the
/// first.
fn category_labels(categories: &[String], slot: f64) -> Vec<(usize, String)> {
    let labels: Vec<String> = categories
        .iter()
        .map(|c| truncate(c, MAX_CATEGORY_LABEL, LABEL_PX))
        .collect();
    let widest = labels
        .iter()
        .map(|l| text_width(l, LABEL_PX))
        .fold(0.0, f64::max);
    let every = if slot > 0.0 {
        ((widest + 12.0) / slot).ceil().max(1.0) as usize
    } else {
        1
    };
    labels.into_iter().enumerate().step_by(every).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_split_a_series_into_runs_and_lone_points_draw_no_line() {
        let series = Series {
            name: "North".to_owned(),
            values: vec![
                Some(1.0),
                Some(2.0),
                None,
                Some(3.0),
                Some(f64::NAN),
                Some(4.0),
            ],
        };
        let runs = runs(&series, 7);
        assert_eq!(runs, vec![vec![(0, 1.0), (1, 2.0)]]);
    }

    #[test]
    fn fifteen_months_keep_every_second_label_at_most() {
        let months: Vec<String> = (1..=15).map(|m| format!("Month {m:02}")).collect();
        let labels = category_labels(&months, 850.0 / 15.0);
        assert!(labels.len() < 15 && labels.len() >= 5);
        assert_eq!(labels[0], (0, "Month 01".to_owned()));
    }
}
