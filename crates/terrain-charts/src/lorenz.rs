//! The Lorenz curve of a distribution, e.g. expected value across reps: how
//! evenly a total is shared. The items are sorted from the smallest value up;
//! the curve runs through (share of items so far, share of the total they
//! hold). A fair split lies on the dashed diagonal; the shaded area between
//! the two is half the Gini coefficient, which the legend states. A square plot
//! keeps the diagonal at 45°, and the room beside it names a few shares a
//! reader would otherwise have to read off the curve ("the top 20% hold 41%").

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::canvas::{
    draw_dash, draw_header, draw_marker, font, render, text_width, truncate, LegendItem, ACCENT,
    AXIS_PX, BASELINE, GRID, HEIGHT, LABEL_PX, LINE_WIDTH, MARGIN, MUTED, TEXT, TITLE_PX,
};
use crate::error::Result;
use crate::format::ValueFormat;

/// A Lorenz curve of raw, non-negative values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LorenzChart {
    /// Shown at the top left, e.g. "How evenly expected value is shared".
    pub title: String,
    /// What the x axis counts, e.g. "Share of reps (smallest first)".
    pub x_label: String,
    /// What the y axis sums, e.g. "Share of expected value".
    pub y_label: String,
    /// One value per item, in any order. Values that are negative or not
    /// finite are left out; when nothing positive remains the chart says "No
    /// data".
    pub values: Vec<f64>,
}

/// The key shares are written beside the plot only from this many items on;
/// with fewer, "the top 20%" is a fraction of one item.
const MIN_ITEMS_FOR_SHARES: usize = 5;
/// Markers are drawn on the curve up to this many items; beyond, their rings
/// would chop the curve into what looks like a dotted line.
const MAX_MARKERS: usize = 20;

/// Draws `chart` as an SVG document, or as a placeholder saying it could not be
/// drawn.
pub fn lorenz_chart(chart: &LorenzChart) -> String {
    try_lorenz_chart(chart).unwrap_or_else(|_| crate::canvas::placeholder(&chart.title))
}

/// Draws `chart` as an SVG document, reporting why if plotters refuses to draw
/// it.
pub fn try_lorenz_chart(chart: &LorenzChart) -> Result<String> {
    let Some(curve) = Curve::new(&chart.values) else {
        return crate::canvas::no_data(&chart.title);
    };
    let legend = [
        LegendItem::Line {
            color: ACCENT,
            label: "Actual shares".to_owned(),
        },
        LegendItem::Dash {
            label: "Equal shares".to_owned(),
        },
        LegendItem::Swatch {
            color: ACCENT,
            opacity: 0.18,
            label: format!("Gini {:.2}", curve.gini()),
        },
    ];

    let percent = ValueFormat::Percent;
    let steps = [0.0, 0.25, 0.5, 0.75, 1.0];
    let tick_width = text_width(&percent.format(1.0), LABEL_PX);
    let left = MARGIN + tick_width.ceil() as i32 + 12;
    let top = 100;
    let bottom = HEIGHT as i32 - 72;
    let right = left + (bottom - top);
    let count = curve.points.len() - 1;

    render(&chart.title, HEIGHT, |root| {
        draw_header(root, &chart.title, &legend)?;
        let caption = font(AXIS_PX, &TEXT, HPos::Left, VPos::Bottom);
        let room = f64::from(right - MARGIN);
        let y_label = truncate(&chart.y_label, room, AXIS_PX);
        root.draw_text(&y_label, &caption, (MARGIN, top - 14))?;

        let area = root
            .clone()
            .shrink((left, top), (right - left, bottom - top));
        let plot = ChartBuilder::on(&area).build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
        let left_style = font(LABEL_PX, &MUTED, HPos::Right, VPos::Center);
        let below_style = font(LABEL_PX, &MUTED, HPos::Center, VPos::Top);
        for &step in &steps {
            let across = PathElement::new(vec![(0.0, step), (1.0, step)], GRID);
            let up = PathElement::new(vec![(step, 0.0), (step, 1.0)], GRID);
            plot.plotting_area().draw(&across)?;
            plot.plotting_area().draw(&up)?;
            let (_, y) = plot.backend_coord(&(0.0, step));
            root.draw_text(&percent.format(step), &left_style, (left - 10, y))?;
            let (x, _) = plot.backend_coord(&(step, 0.0));
            root.draw_text(&percent.format(step), &below_style, (x, bottom + 8))?;
        }
        let description = font(AXIS_PX, &TEXT, HPos::Center, VPos::Top);
        let x_label = truncate(&chart.x_label, f64::from(right - MARGIN), AXIS_PX);
        root.draw_text(&x_label, &description, ((left + right) / 2, bottom + 34))?;

        // The polygon closes along the diagonal back to the origin, which
        // shades exactly the area between the curve and the line of equality.
        let fill = ACCENT.mix(0.18).filled();
        plot.plotting_area()
            .draw(&Polygon::new(curve.points.clone(), fill))?;
        let axes = vec![(0.0, 1.0), (0.0, 0.0), (1.0, 0.0)];
        plot.plotting_area()
            .draw(&PathElement::new(axes, BASELINE))?;
        let from = plot.backend_coord(&(0.0, 0.0));
        let to = plot.backend_coord(&(1.0, 1.0));
        draw_dash(root, from, to)?;

        let line = PathElement::new(curve.points.clone(), ACCENT.stroke_width(LINE_WIDTH + 1));
        plot.plotting_area().draw(&line)?;
        if count <= MAX_MARKERS {
            for point in &curve.points[1..] {
                draw_marker(root, plot.backend_coord(point), ACCENT)?;
            }
        }

        if count >= MIN_ITEMS_FOR_SHARES {
            draw_shares(root, &curve, right + 72, top + 40)?;
        }
        Ok(())
    })
}

/// Writes three shares of the total as large numbers with a line of
/// explanation each, starting at `(x, y)`.
fn draw_shares(
    root: &crate::canvas::Area,
    curve: &Curve,
    x: i32,
    y: i32,
) -> crate::canvas::DrawResult {
    let percent = ValueFormat::Percent;
    let shares = [
        (1.0 - curve.at(0.9), "held by the top 10%"),
        (1.0 - curve.at(0.8), "held by the top 20%"),
        (curve.at(0.5), "held by the bottom half"),
    ];
    let number = FontDesc::new(
        FontFamily::Name(crate::canvas::FONT),
        TITLE_PX * 1.5 * 1.24,
        FontStyle::Bold,
    )
    .color(&TEXT)
    .pos(plotters::style::text_anchor::Pos::new(
        HPos::Left,
        VPos::Top,
    ));
    let words = font(AXIS_PX, &MUTED, HPos::Left, VPos::Top);
    for (row, (share, words_text)) in shares.iter().enumerate() {
        let top = y + row as i32 * 78;
        // Whole percentages: "16%" reads at a glance where "15.7%" does not.
        let rounded = (share * 100.0).round() / 100.0;
        root.draw_text(&percent.format(rounded), &number, (x, top))?;
        root.draw_text(words_text, &words, (x, top + 38))?;
    }
    Ok(())
}

/// The Lorenz curve of a set of values: points from (0, 0) to (1, 1).
struct Curve {
    points: Vec<(f64, f64)>,
}

impl Curve {
    /// The curve of the usable values, or `None` when they add up to nothing.
    fn new(values: &[f64]) -> Option<Self> {
        let mut usable: Vec<f64> = values
            .iter()
            .copied()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .collect();
        let total: f64 = usable.iter().sum();
        if usable.is_empty() || !total.is_finite() || total <= 0.0 {
            return None;
        }
        usable.sort_by(f64::total_cmp);

        let count = usable.len() as f64;
        let mut points = Vec::with_capacity(usable.len() + 1);
        points.push((0.0, 0.0));
        let mut sum = 0.0;
        for (index, value) in usable.iter().enumerate() {
            sum += value;
            points.push(((index + 1) as f64 / count, (sum / total).min(1.0)));
        }
        Some(Self { points })
    }

    /// The Gini coefficient: one minus twice the area under the curve, 0 for a
    /// fair split and close to 1 when one item holds everything.
    fn gini(&self) -> f64 {
        let area: f64 = self
            .points
            .windows(2)
            .map(|pair| (pair[1].0 - pair[0].0) * (pair[1].1 + pair[0].1) / 2.0)
            .sum();
        (1.0 - 2.0 * area).clamp(0.0, 1.0)
    }

    /// The share of the total held by the first `share` of the items, read off
    /// the curve between its points.
    fn at(&self, share: f64) -> f64 {
        for pair in self.points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            if share <= x1 {
                let t = if x1 > x0 {
                    (share - x0) / (x1 - x0)
                } else {
                    0.0
                };
                return y0 + t * (y1 - y0);
            }
        }
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_item_holding_everything_of_four_gives_a_gini_of_three_quarters() {
        let curve = Curve::new(&[0.0, 12.0, 0.0, 0.0]);
        let gini = curve.map(|c| c.gini()).unwrap_or(f64::NAN);
        assert!((gini - 0.75).abs() < 1e-12, "gini {gini}");
    }

    #[test]
    fn equal_values_give_a_gini_of_zero_and_a_straight_curve() {
        let curve = Curve::new(&[5.0; 8]);
        assert!(curve.as_ref().map(|c| c.gini()).unwrap_or(1.0) < 1e-12);
        let half = curve.map(|c| c.at(0.5)).unwrap_or(0.0);
        assert!((half - 0.5).abs() < 1e-12);
    }

    #[test]
    fn negative_and_missing_values_are_left_out_and_zero_totals_have_no_curve() {
        assert!(Curve::new(&[0.0, 0.0]).is_none());
        assert!(Curve::new(&[]).is_none());
        assert!(Curve::new(&[f64::NAN, -3.0]).is_none());
        let curve = Curve::new(&[f64::NAN, -3.0, 1.0, 1.0]);
        assert_eq!(curve.map(|c| c.points.len()), Some(3));
    }
}
