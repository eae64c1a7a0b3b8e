//! Bar charts: one bar per item (expected value per rep, accounts per
//! territory), with an optional band behind the bars and an optional mean line.
//!
//! A dozen bars or fewer whose labels fit under them are drawn as columns, in
//! the order given. Anything longer (a team of 35 reps) is drawn as horizontal
//! rows sorted from the largest value down, which keeps full names readable
//! without rotating them; the canvas then grows taller so that each row keeps a
//! legible height.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{
    draw_dash, draw_header, font, legend_extra_height, render, text_width, truncate, LegendItem,
    ACCENT, AXIS_PX, BAND_OPACITY, BASELINE, GRID, HEIGHT, LABEL_PX, MARGIN, MUTED, TEXT, WARNING,
    WIDTH,
};
use crate::error::Result;
use crate::format::{Ticks, ValueFormat};

/// A bar per item, with an optional band (low, high) drawn as a shaded stripe
/// behind the bars and an optional mean drawn as a dashed line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarChart {
    /// Shown at the top left.
    pub title: String,
    /// What the values measure, e.g. "Expected value"; labels the value axis.
    pub y_label: String,
    /// The bars. Columns keep this order; horizontal rows are sorted by value.
    pub bars: Vec<Bar>,
    /// A range of values to shade, e.g. the fair-share band; `(low, high)` in
    /// either order.
    pub band: Option<(f64, f64)>,
    /// A reference value drawn as a dashed line, e.g. the team mean.
    pub mean: Option<f64>,
    /// How values are written on the axis, at the bar ends and in the legend.
    pub value_format: ValueFormat,
}

/// One bar of a [`BarChart`].
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The item's name, e.g. a rep; long names are cut with an ellipsis.
    pub label: String,
    /// The bar's length. A value that is not finite draws no bar and shows a
    /// dash.
    pub value: f64,
    /// Draws the bar in the warning colour, e.g. because it lies outside the
    /// band.
    pub highlight: bool,
}

/// Columns are used up to this many bars, if their labels fit.
const MAX_COLUMNS: usize = 12;
/// Horizontal rows are never thinner than this, so the canvas grows instead.
const MIN_ROW_HEIGHT: f64 = 24.0;
/// Room kept for category labels at the left of horizontal rows.
const MAX_ROW_LABEL_WIDTH: f64 = 220.0;

/// Draws `chart` as an SVG document, or as a placeholder saying it could not be
/// drawn.
pub fn bar_chart(chart: &BarChart) -> String {
    try_bar_chart(chart).unwrap_or_else(|_| crate::canvas::placeholder(&chart.title))
}

/// Draws `chart` as an SVG document, reporting why if plotters refuses to draw
/// it.
pub fn try_bar_chart(chart: &BarChart) -> Result<String> {
    if chart.bars.is_empty() {
        return crate::canvas::no_data(&chart.title);
    }
    let plan = Plan::new(chart);
    if use_columns(chart) {
        columns(chart, &plan)
    } else {
        rows(chart, &plan)
    }
}

/// What both layouts need to know about the data, with non-finite inputs
/// already set aside.
struct Plan {
    band: Option<(f64, f64)>,
    mean: Option<f64>,
    low: f64,
    high: f64,
}

impl Plan {
    fn new(chart: &BarChart) -> Self {
        let band = chart
            .band
            .filter(|(a, b)| a.is_finite() && b.is_finite())
            .map(|(a, b)| (a.min(b), a.max(b)));
        let mean = chart.mean.filter(|m| m.is_finite());

        let values = chart.bars.iter().map(|bar| bar.value);
        let extras = band.into_iter().flat_map(|(a, b)| [a, b]).chain(mean);
        let finite = values.chain(extras).filter(|v| v.is_finite());
        let (low, high) = finite.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        Self {
            band,
            mean,
            low,
            high,
        }
    }

    fn legend(&self, chart: &BarChart) -> Vec<LegendItem> {
        let format = chart.value_format;
        let mut items = Vec::new();
        if let Some((low, high)) = self.band {
            let label = format!("Band {}–{}", format.format(low), format.format(high));
            items.push(LegendItem::Swatch {
                color: ACCENT,
                opacity: 0.25,
                label,
            });
        }
        if let Some(mean) = self.mean {
            items.push(LegendItem::Dash {
                label: format!("Mean {}", format.format(mean)),
            });
        }
        if chart.bars.iter().any(|bar| bar.highlight) {
            let label = "Flagged".to_owned();
            items.push(LegendItem::Swatch {
                color: WARNING,
                opacity: 1.0,
                label,
            });
        }
        items
    }
}

fn use_columns(chart: &BarChart) -> bool {
    let count = chart.bars.len();
    if count > MAX_COLUMNS {
        return false;
    }
    let slot = 820.0 / count as f64;
    chart
        .bars
        .iter()
        .all(|bar| text_width(bar.label.trim(), LABEL_PX) <= slot - 8.0)
}

fn bar_colour(bar: &Bar) -> RGBColor {
    if bar.highlight {
        WARNING
    } else {
        ACCENT
    }
}

/// Vertical bars in the given order, labels underneath, the value axis on the
/// left.
fn columns(chart: &BarChart, plan: &Plan) -> Result<String> {
    let format = chart.value_format;
    let span = plan.high - plan.low;
    let headroom = |v: f64| {
        if v == 0.0 {
            0.0
        } else {
            span * 0.08 * v.signum()
        }
    };
    let ticks = Ticks::covering(
        plan.low + headroom(plan.low),
        plan.high + headroom(plan.high),
        5,
        false,
    );

    let tick_width = ticks
        .values
        .iter()
        .map(|v| text_width(&format.format(*v), LABEL_PX));
    let tick_width = tick_width.fold(0.0, f64::max);
    let legend = plan.legend(chart);
    let extra = legend_extra_height(&chart.title, &legend);
    let left = MARGIN + tick_width.ceil() as i32 + 12;
    let top = 100 + extra;
    let right = WIDTH as i32 - MARGIN;
    let height = HEIGHT + extra as u32;
    let bottom = height as i32 - 48;
    let count = chart.bars.len() as f64;
    let slot = f64::from(right - left) / count;
    let thickness = (slot * 0.62).min(72.0) / slot;

    render(&chart.title, height, |root| {
        draw_header(root, &chart.title, &legend)?;
        let caption = font(AXIS_PX, &TEXT, HPos::Left, VPos::Bottom);
        root.draw_text(&chart.y_label, &caption, (MARGIN, top - 14))?;

        let area = root
            .clone()
            .shrink((left, top), (right - left, bottom - top));
        let plot = ChartBuilder::on(&area).build_cartesian_2d(0.0..count, ticks.low..ticks.high)?;
        let tick_style = font(LABEL_PX, &MUTED, HPos::Right, VPos::Center);
        for &value in &ticks.values {
            plot.plotting_area()
                .draw(&PathElement::new(vec![(0.0, value), (count, value)], GRID))?;
            let (_, y) = plot.backend_coord(&(0.0, value));
            root.draw_text(&format.format(value), &tick_style, (left - 10, y))?;
        }
        if let Some((low, high)) = plan.band {
            let fill = ACCENT.mix(BAND_OPACITY).filled();
            plot.plotting_area()
                .draw(&Rectangle::new([(0.0, low), (count, high)], fill))?;
        }
        // Behind the bars and their values, so that neither is struck through.
        if let Some(mean) = plan.mean {
            let from = plot.backend_coord(&(0.0, mean));
            let to = plot.backend_coord(&(count, mean));
            draw_dash(root, from, to)?;
        }

        for (index, bar) in chart.bars.iter().enumerate() {
            let x = index as f64;
            let centre = x + 0.5;
            if bar.value.is_finite() {
                let corners = [
                    (centre - thickness / 2.0, 0.0),
                    (centre + thickness / 2.0, bar.value),
                ];
                plot.plotting_area()
                    .draw(&Rectangle::new(corners, bar_colour(bar).filled()))?;
            }
            let value = if bar.value.is_finite() {
                bar.value
            } else {
                0.0
            };
            let (px, py) = plot.backend_coord(&(centre, value));
            let (v_pos, offset) = if value < 0.0 {
                (VPos::Top, 5)
            } else {
                (VPos::Bottom, -5)
            };
            let style = font(LABEL_PX, &TEXT, HPos::Center, v_pos);
            root.draw_text(&format.format(bar.value), &style, (px, py + offset))?;

            let label = truncate(&bar.label, slot - 8.0, LABEL_PX);
            let style = font(LABEL_PX, &TEXT, HPos::Center, VPos::Top);
            root.draw_text(&label, &style, (px, bottom + 10))?;
        }

        plot.plotting_area()
            .draw(&PathElement::new(vec![(0.0, 0.0), (count, 0.0)], BASELINE))?;
        Ok(())
    })
}

/// Horizontal bars sorted from the largest value, names on the left, the value
/// axis below.
fn rows(chart: &BarChart, plan: &Plan) -> Result<String> {
    let format = chart.value_format;
    let mut order: Vec<&Bar> = chart.bars.iter().collect();
    order.sort_by(|a, b| sort_key(b.value).total_cmp(&sort_key(a.value)));

    let legend = plan.legend(chart);
    let extra = legend_extra_height(&chart.title, &legend);
    let count = order.len() as f64;
    let top = 84 + extra;
    let bottom_room = 64;
    let fill_height = f64::from(HEIGHT as i32 - 84 - bottom_room) / count;
    let row = fill_height.clamp(MIN_ROW_HEIGHT, 56.0);
    let height = (f64::from(top + bottom_room) + row * count)
        .ceil()
        .max(f64::from(HEIGHT)) as u32;
    let bottom = top + (row * count).round() as i32;
    let thickness = (row * 0.66).min(28.0) / row;

    let label_width = order
        .iter()
        .map(|bar| text_width(bar.label.trim(), LABEL_PX))
        .fold(0.0, f64::max);
    let label_width = label_width.min(MAX_ROW_LABEL_WIDTH);
    let value_room = order
        .iter()
        .map(|bar| text_width(&format.format(bar.value), LABEL_PX))
        .fold(0.0, f64::max)
        + 10.0;
    let negative_room = if plan.low < 0.0 { value_room } else { 0.0 };
    let label_right = MARGIN + label_width.ceil() as i32;
    let left = label_right + 14 + negative_room.ceil() as i32;
    let right = WIDTH as i32 - MARGIN - value_room.ceil() as i32;

    let ticks = Ticks::covering(plan.low, plan.high, 6, false);

    render(&chart.title, height, |root| {
        draw_header(root, &chart.title, &legend)?;
        let area = root
            .clone()
            .shrink((left, top), (right - left, bottom - top));
        let plot = ChartBuilder::on(&area).build_cartesian_2d(ticks.low..ticks.high, 0.0..count)?;

        let tick_style = font(LABEL_PX, &MUTED, HPos::Center, VPos::Top);
        for &value in &ticks.values {
            plot.plotting_area()
                .draw(&PathElement::new(vec![(value, 0.0), (value, count)], GRID))?;
            let (x, _) = plot.backend_coord(&(value, 0.0));
            root.draw_text(&format.format(value), &tick_style, (x, bottom + 8))?;
        }
        let description = font(AXIS_PX, &TEXT, HPos::Center, VPos::Top);
        root.draw_text(
            &chart.y_label,
            &description,
            ((left + right) / 2, bottom + 32),
        )?;
        if let Some((low, high)) = plan.band {
            let fill = ACCENT.mix(BAND_OPACITY).filled();
            plot.plotting_area()
                .draw(&Rectangle::new([(low, 0.0), (high, count)], fill))?;
        }
        // Behind the bars and their values, so that neither is struck through.
        if let Some(mean) = plan.mean {
            let from = plot.backend_coord(&(mean, 0.0));
            let to = plot.backend_coord(&(mean, count));
            draw_dash(root, from, to)?;
        }

        for (index, bar) in order.iter().enumerate() {
            let centre = count - index as f64 - 0.5;
            if bar.value.is_finite() {
                let corners = [
                    (0.0, centre - thickness / 2.0),
                    (bar.value, centre + thickness / 2.0),
                ];
                plot.plotting_area()
                    .draw(&Rectangle::new(corners, bar_colour(bar).filled()))?;
            }
            let value = if bar.value.is_finite() {
                bar.value
            } else {
                0.0
            };
            let (px, py) = plot.backend_coord(&(value, centre));
            let (h_pos, offset) = if value < 0.0 {
                (HPos::Right, -6)
            } else {
                (HPos::Left, 6)
            };
            let style = font(LABEL_PX, &TEXT, h_pos, VPos::Center);
            root.draw_text(&format.format(bar.value), &style, (px + offset, py))?;

            let label = truncate(&bar.label, MAX_ROW_LABEL_WIDTH, LABEL_PX);
            let style = font(LABEL_PX, &TEXT, HPos::Right, VPos::Center);
            root.draw_text(&label, &style, (label_right, py))?;
        }

        plot.plotting_area()
            .draw(&PathElement::new(vec![(0.0, 0.0), (0.0, count)], BASELINE))?;
        Ok(())
    })
}

/// Sorts bars without a value after every real one.
fn sort_key(value: f64) -> f64 {
    if value.is_finite() {
        value
    } else {
        f64::NEG_INFINITY
    }
}
