//! Grouped bar charts: two to four bars per category side by side, e.g. each
//! rep's expected value under the static and under the dynamic territories.
//!
//! Like the plain bar chart, a dozen categories or fewer whose labels fit are
//! drawn as columns in the order given; more (a team of 35 reps) become
//! horizontal rows sorted by the first series from the largest value down, on a
//! canvas that grows so that every bar keeps a visible thickness. Values are
//! written at the bar ends only where they fit without touching their
//! neighbours; elsewhere the gridlines carry the scale.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{
    draw_header, font, legend_extra_height, render, series_colour, text_width, truncate,
    LegendItem, AXIS_PX, BASELINE, GRID, HEIGHT, LABEL_PX, MARGIN, MAX_LEGEND_LABEL, MUTED, TEXT,
    WIDTH,
};
use crate::error::Result;
use crate::format::{Ticks, ValueFormat};

/// Two or more bars per category side by side.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupedBarChart {
    /// Shown at the top left; name the unit here, e.g. "Expected value per rep
    /// (USD)".
    pub title: String,
    /// What the values measure, e.g. "Expected value"; labels the value axis.
    pub y_label: String,
    /// The groups, e.g. reps. Columns keep this order; horizontal rows are
    /// sorted by the first series.
    pub categories: Vec<String>,
    /// One bar per category each, in the palette's order and named in the
    /// legend.
    pub series: Vec<GroupSeries>,
    /// How values are written on the axis and at the bar ends.
    pub value_format: ValueFormat,
}

/// One series of a [`GroupedBarChart`], e.g. "Static territories".
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSeries {
    /// Named in the legend; long names are cut with an ellipsis.
    pub name: String,
    /// `values[i]` belongs to `categories[i]`. A missing entry or a value that
    /// is not finite draws no bar.
    pub values: Vec<f64>,
}

impl GroupSeries {
    fn at(&self, index: usize) -> Option<f64> {
        self.values.get(index).copied().filter(|v| v.is_finite())
    }
}

/// Columns are used up to this many categories, if their labels fit.
const MAX_COLUMNS: usize = 12;
/// Room kept for category labels at the left of horizontal rows.
const MAX_ROW_LABEL_WIDTH: f64 = 220.0;
/// Bars in horizontal rows are never thinner than this, so the canvas grows
/// instead.
const MIN_ROW_BAR: f64 = 10.0;
/// Bars in rows get their value written only from this thickness, where the
/// 12-pixel text of neighbouring bars does not overlap.
const ROW_VALUE_BAR: f64 = 14.0;
/// Space between two groups of horizontal bars.
const ROW_GROUP_GAP: f64 = 8.0;

/// Draws `chart` as an SVG document, or as a placeholder saying it could not be
/// drawn.
pub fn grouped_bar_chart(chart: &GroupedBarChart) -> String {
    try_grouped_bar_chart(chart).unwrap_or_else(|_| crate::canvas::placeholder(&chart.title))
}

/// Draws `chart` as an SVG document, reporting why if plotters refuses to draw
/// it.
pub fn try_grouped_bar_chart(chart: &GroupedBarChart) -> Result<String> {
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
    let plan = Plan {
        low,
        high,
        legend: chart
            .series
            .iter()
            .enumerate()
            .map(|(index, series)| LegendItem::Swatch {
                color: series_colour(index),
                opacity: 1.0,
                label: truncate(&series.name, MAX_LEGEND_LABEL, LABEL_PX),
            })
            .collect(),
    };
    if use_columns(chart) {
        columns(chart, &plan)
    } else {
        rows(chart, &plan)
    }
}

/// What both layouts share: the range of the finite values and the legend.
struct Plan {
    low: f64,
    high: f64,
    legend: Vec<LegendItem>,
}

fn use_columns(chart: &GroupedBarChart) -> bool {
    let count = chart.categories.len();
    if count > MAX_COLUMNS {
        return false;
    }
    let slot = 820.0 / count as f64;
    let bars_fit = slot * 0.8 / chart.series.len().max(1) as f64 >= 8.0;
    bars_fit
        && chart
            .categories
            .iter()
            .all(|label| text_width(label.trim(), LABEL_PX) <= slot - 8.0)
}

/// Vertical groups in the given order, labels underneath, the value axis on the
/// left.
fn columns(chart: &GroupedBarChart, plan: &Plan) -> Result<String> {
    let format = chart.value_format;
    let series = chart.series.len() as f64;
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
    let extra = legend_extra_height(&chart.title, &plan.legend);

    let tick_width = ticks
        .values
        .iter()
        .map(|v| text_width(&format.format(*v), LABEL_PX))
        .fold(0.0, f64::max);
    let left = MARGIN + tick_width.ceil() as i32 + 12;
    let top = 100 + extra;
    let right = WIDTH as i32 - MARGIN;
    let height = HEIGHT + extra as u32;
    let bottom = height as i32 - 48;
    let count = chart.categories.len() as f64;
    let slot = f64::from(right - left) / count;
    let group = (slot * 0.8).min(series * 56.0);
    let bar = group / series;
    let widest_value = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter())
        .map(|v| text_width(&format.format(*v), LABEL_PX))
        .fold(0.0, f64::max);
    let show_values = widest_value + 6.0 <= bar;

    render(&chart.title, height, |root| {
        draw_header(root, &chart.title, &plan.legend)?;
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

        for (index, category) in chart.categories.iter().enumerate() {
            let centre = index as f64 + 0.5;
            let start = centre - group / slot / 2.0;
            for (number, series) in chart.series.iter().enumerate() {
                let Some(value) = series.at(index) else {
                    continue;
                };
                let x0 = start + number as f64 * bar / slot;
                let x1 = x0 + bar / slot;
                let mut rect =
                    Rectangle::new([(x0, 0.0), (x1, value)], series_colour(number).filled());
                rect.set_margin(0, 0, 1, 1);
                plot.plotting_area().draw(&rect)?;
                if show_values {
                    let (px, py) = plot.backend_coord(&((x0 + x1) / 2.0, value));
                    let (v_pos, offset) = if value < 0.0 {
                        (VPos::Top, 5)
                    } else {
                        (VPos::Bottom, -5)
                    };
                    let style = font(LABEL_PX, &TEXT, HPos::Center, v_pos);
                    root.draw_text(&format.format(value), &style, (px, py + offset))?;
                }
            }
            let (px, _) = plot.backend_coord(&(centre, 0.0));
            let label = truncate(category, slot - 8.0, LABEL_PX);
            let style = font(LABEL_PX, &TEXT, HPos::Center, VPos::Top);
            root.draw_text(&label, &style, (px, bottom + 10))?;
        }

        plot.plotting_area()
            .draw(&PathElement::new(vec![(0.0, 0.0), (count, 0.0)], BASELINE))
    })
}

/// Horizontal groups sorted by the first series from the largest value, names
/// on the left, the value axis below.
fn rows(chart: &GroupedBarChart, plan: &Plan) -> Result<String> {
    let format = chart.value_format;
    let first = chart.series.first();
    let sort_key = |index: usize| first.and_then(|s| s.at(index)).unwrap_or(f64::NEG_INFINITY);
    let mut order: Vec<usize> = (0..chart.categories.len()).collect();
    order.sort_by(|&a, &b| sort_key(b).total_cmp(&sort_key(a)));

    let extra = legend_extra_height(&chart.title, &plan.legend);
    let count = order.len() as f64;
    let series = chart.series.len() as f64;
    let top = 84 + extra;
    let bottom_room = 64;
    let fill = f64::from(HEIGHT as i32 - 84 - bottom_room) / count;
    let bar = ((fill - ROW_GROUP_GAP) / series).clamp(MIN_ROW_BAR, 22.0);
    let row = bar * series + ROW_GROUP_GAP;
    let height = (f64::from(top + bottom_room) + row * count)
        .ceil()
        .max(f64::from(HEIGHT)) as u32;
    let bottom = top + (row * count).round() as i32;
    let show_values = bar >= ROW_VALUE_BAR;

    let label_width = chart
        .categories
        .iter()
        .map(|label| text_width(label.trim(), LABEL_PX))
        .fold(0.0, f64::max)
        .min(MAX_ROW_LABEL_WIDTH);
    let value_room = if show_values {
        chart
            .series
            .iter()
            .flat_map(|s| s.values.iter())
            .map(|v| text_width(&format.format(*v), LABEL_PX))
            .fold(0.0, f64::max)
            + 10.0
    } else {
        8.0
    };
    let negative_room = if plan.low < 0.0 { value_room } else { 0.0 };
    let label_right = MARGIN + label_width.ceil() as i32;
    let left = label_right + 14 + negative_room.ceil() as i32;
    let right = WIDTH as i32 - MARGIN - value_room.ceil() as i32;
    let ticks = Ticks::covering(plan.low, plan.high, 6, false);

    render(&chart.title, height, |root| {
        draw_header(root, &chart.title, &plan.legend)?;
        let area = root
            .clone()
            .shrink((left, top), (right - left, bottom - top));
        // One unit of the vertical axis is one pixel, so that bars and gaps
        // can be laid out in pixels.
        let span = row * count;
        let plot = ChartBuilder::on(&area).build_cartesian_2d(ticks.low..ticks.high, 0.0..span)?;

        let tick_style = font(LABEL_PX, &MUTED, HPos::Center, VPos::Top);
        for &value in &ticks.values {
            plot.plotting_area()
                .draw(&PathElement::new(vec![(value, 0.0), (value, span)], GRID))?;
            let (x, _) = plot.backend_coord(&(value, 0.0));
            root.draw_text(&format.format(value), &tick_style, (x, bottom + 8))?;
        }
        let description = font(AXIS_PX, &TEXT, HPos::Center, VPos::Top);
        root.draw_text(
            &chart.y_label,
            &description,
            ((left + right) / 2, bottom + 32),
        )?;

        for (position, &index) in order.iter().enumerate() {
            let group_top = span - position as f64 * row - ROW_GROUP_GAP / 2.0;
            for (number, series) in chart.series.iter().enumerate() {
                let Some(value) = series.at(index) else {
                    continue;
                };
                let y1 = group_top - number as f64 * bar;
                let y0 = y1 - bar;
                let mut rect =
                    Rectangle::new([(0.0, y0), (value, y1)], series_colour(number).filled());
                rect.set_margin(1, 0, 0, 0);
                plot.plotting_area().draw(&rect)?;
                if show_values {
                    let (px, py) = plot.backend_coord(&(value, (y0 + y1) / 2.0));
                    let (h_pos, offset) = if value < 0.0 {
                        (HPos::Right, -6)
                    } else {
                        (HPos::Left, 6)
                    };
                    let style = font(LABEL_PX, &TEXT, h_pos, VPos::Center);
                    root.draw_text(&format.format(value), &style, (px + offset, py))?;
                }
            }
            let centre = group_top - bar * series / 2.0;
            let (_, py) = plot.backend_coord(&(0.0, centre));
            let label = truncate(&chart.categories[index], MAX_ROW_LABEL_WIDTH, LABEL_PX);
            let style = font(LABEL_PX, &TEXT, HPos::Right, VPos::Center);
            root.draw_text(&label, &style, (label_right, py))?;
        }

        plot.plotting_area()
            .draw(&PathElement::new(vec![(0.0, 0.0), (0.0, span)], BASELINE))
    })
}
