//! What every Terrain chart shares: the canvas, the palette, the one font, the
//! header with its title and legend, text measuring and truncation, and the two
//! charts drawn when there is nothing to plot ("No data") or when plotters
//! refuses to draw (a placeholder written by hand). The chart modules only lay
//! out their plot area and hand their drawing to [`render`].

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{ChartError, Result};

/// Canvas width in pixels; every chart is this wide so they line up in a
/// report.
pub(crate) const WIDTH: u32 = 960;
/// Canvas height in pixels; only a horizontal bar chart with many rows grows
/// taller.
pub(crate) const HEIGHT: u32 = 480;
/// Space between the canvas edge and any ink.
pub(crate) const MARGIN: i32 = 32;

/// The webview picks the first family it has; no font is needed at build time.
pub(crate) const FONT: &str = r#"Inter, "Segoe UI", system-ui, sans-serif"#;

/// Titles, category labels and values.
pub(crate) const TEXT: RGBColor = RGBColor(0x33, 0x41, 0x55);
/// Tick labels and notes, one step quieter than [`TEXT`].
pub(crate) const MUTED: RGBColor = RGBColor(0x64, 0x74, 0x8b);
/// Gridlines.
pub(crate) const GRID: RGBColor = RGBColor(0xe2, 0xe8, 0xf0);
/// The zero line, the only axis line drawn.
pub(crate) const BASELINE: RGBColor = RGBColor(0x94, 0xa3, 0xb8);
/// Ordinary bars.
pub(crate) const ACCENT: RGBColor = RGBColor(0x25, 0x63, 0xeb);
/// Highlighted bars.
pub(crate) const WARNING: RGBColor = RGBColor(0xdc, 0x26, 0x26);
/// Opacity of the band drawn behind the bars.
pub(crate) const BAND_OPACITY: f64 = 0.12;

/// Colours of the series of a line or grouped bar chart, in order: calm hues
/// that stay apart from each other, starting with the accent blue so that a
/// chart of one series looks like the rest of the family.
pub(crate) const SERIES: [RGBColor; 8] = [
    ACCENT,
    RGBColor(0x0d, 0x94, 0x88),
    RGBColor(0xd9, 0x77, 0x06),
    RGBColor(0x7c, 0x3a, 0xed),
    RGBColor(0x64, 0x74, 0x8b),
    RGBColor(0xe1, 0x1d, 0x48),
    RGBColor(0x65, 0xa3, 0x0d),
    RGBColor(0x9a, 0x34, 0x12),
];

/// The colour of series number `index`; past the eighth the palette repeats.
pub(crate) fn series_colour(index: usize) -> RGBColor {
    SERIES[index % SERIES.len()]
}

/// Title size in pixels.
pub(crate) const TITLE_PX: f64 = 20.0;
/// Axis descriptions.
pub(crate) const AXIS_PX: f64 = 13.0;
/// Category labels, tick labels, values and the legend.
pub(crate) const LABEL_PX: f64 = 12.0;

/// Top edge of the title, and the vertical centre of the legend beside it.
const TITLE_TOP: i32 = 24;

pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub(crate) type DrawResult = std::result::Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// A text style in the chart font. Plotters' SVG backend writes `size / 1.24`
/// as the font size, so the size is scaled up here to come out at `px` (see
/// [`tidy_font_sizes`]).
pub(crate) fn font(px: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT), px * 1.24, FontStyle::Normal)
        .color(color)
        .pos(Pos::new(h, v))
}

/// Rounds the font sizes plotters wrote: `13 * 1.24 / 1.24` comes back as
/// `13.000000000000002` (no `f64` divides back to exactly 13), which renders
/// the same but reads badly in the SVG.
fn tidy_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(KEY) {
        let (head, tail) = rest.split_at(at + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        let (value, after) = tail.split_at(end);
        match value.parse::<f64>() {
            Ok(size) => out.push_str(&format!("{}", (size * 100.0).round() / 100.0)),
            Err(_) => out.push_str(value),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A rough width of `text` in pixels. Without font metrics (the webview renders
/// the text) this errs wide, so that labels truncated to fit really do fit.
pub(crate) fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * 0.58
}

/// Shortens `text` with an ellipsis so that it fits in `max_width` pixels.
pub(crate) fn truncate(text: &str, max_width: f64, px: f64) -> String {
    let text = text.trim();
    if text_width(text, px) <= max_width {
        return text.to_owned();
    }
    let keep = ((max_width / (px * 0.58)).floor() as usize)
        .saturating_sub(1)
        .max(1);
    let head: String = text.chars().take(keep).collect();
    format!("{}…", head.trim_end())
}

/// One entry of the legend at the right of the title row.
pub(crate) enum LegendItem {
    /// A filled square in `color` at `opacity`, for bars and bands.
    Swatch {
        color: RGBColor,
        opacity: f64,
        label: String,
    },
    /// A short dashed line, for the mean.
    Dash { label: String },
    /// A short line with a marker on it, for a series of a line chart.
    Line { color: RGBColor, label: String },
}

impl LegendItem {
    fn label(&self) -> &str {
        match self {
            Self::Swatch { label, .. } | Self::Dash { label } | Self::Line { label, .. } => label,
        }
    }

    fn width(&self) -> f64 {
        MARKER_WIDTH + 6.0 + text_width(self.label(), LABEL_PX)
    }
}

const MARKER_WIDTH: f64 = 16.0;
const LEGEND_GAP: f64 = 20.0;
/// Vertical distance between legend rows when the legend moves under the
/// title.
pub(crate) const LEGEND_ROW: i32 = 22;
/// A legend names at most this many pixels of each entry, so that one long
/// series name cannot push the others off the row.
pub(crate) const MAX_LEGEND_LABEL: f64 = 180.0;

/// How the header is laid out: the first row is the one beside the title, the
/// others go under it. The legend shares the title's row when both fit; else it
/// moves under the title, so that the title (which names the unit) is not cut,
/// unless the title is too long even for a row of its own, and is cut anyway.
fn legend_layout<'a>(title: &str, legend: &'a [LegendItem]) -> Vec<Vec<&'a LegendItem>> {
    let room = f64::from(WIDTH) - 2.0 * f64::from(MARGIN);
    let width =
        |items: &[&LegendItem]| -> f64 { items.iter().map(|item| item.width() + LEGEND_GAP).sum() };
    let all: Vec<&LegendItem> = legend.iter().collect();
    let beside = width(&all);
    let title_width = text_width(title.trim(), TITLE_PX);
    if beside + title_width <= room || (title_width > room && beside <= room * 0.5) {
        return vec![all];
    }

    let mut rows: Vec<Vec<&LegendItem>> = vec![Vec::new()];
    for item in legend {
        let last = rows.len() - 1;
        if !rows[last].is_empty() && width(&rows[last]) + item.width() + LEGEND_GAP > room {
            rows.push(Vec::new());
        }
        let last = rows.len() - 1;
        rows[last].push(item);
    }
    // The title row itself stays free of legend entries.
    let mut layout = vec![Vec::new()];
    layout.extend(rows);
    layout
}

/// How many pixels the legend rows under the title add to the header: zero
/// when the legend fits beside the title. Charts move their plot down by this.
pub(crate) fn legend_extra_height(title: &str, legend: &[LegendItem]) -> i32 {
    let rows = legend_layout(title, legend).len() as i32;
    (rows - 1) * LEGEND_ROW
}

/// Draws the title at the top left and the legend, if any, right-aligned on the
/// same row, or in right-aligned rows under the title when it is too wide to
/// share the row (see [`legend_extra_height`]).
pub(crate) fn draw_header(root: &Area, title: &str, legend: &[LegendItem]) -> DrawResult {
    let layout = legend_layout(title, legend);
    let beside: f64 = layout
        .first()
        .map(|row| row.iter().map(|item| item.width() + LEGEND_GAP).sum())
        .unwrap_or(0.0);
    let title_room = f64::from(WIDTH) - 2.0 * f64::from(MARGIN) - beside;
    let title = truncate(title, title_room, TITLE_PX);
    let title_style = FontDesc::new(FontFamily::Name(FONT), TITLE_PX * 1.24, FontStyle::Bold)
        .color(&TEXT)
        .pos(Pos::new(HPos::Left, VPos::Top));
    root.draw_text(&title, &title_style, (MARGIN, TITLE_TOP))?;

    for (index, row) in layout.iter().enumerate() {
        let centre = TITLE_TOP
            + 10
            + if index == 0 {
                0
            } else {
                6 + index as i32 * LEGEND_ROW
            };
        let row_width: f64 = row.iter().map(|item| item.width() + LEGEND_GAP).sum();
        let mut x = f64::from(WIDTH as i32 - MARGIN) - row_width + LEGEND_GAP;
        for item in row {
            let left = x.round() as i32;
            draw_legend_marker(root, item, left, centre)?;
            let text_x = left + MARKER_WIDTH as i32 + 6;
            let style = font(LABEL_PX, &TEXT, HPos::Left, VPos::Center);
            root.draw_text(item.label(), &style, (text_x, centre))?;
            x += item.width() + LEGEND_GAP;
        }
    }
    Ok(())
}

fn draw_legend_marker(root: &Area, item: &LegendItem, left: i32, centre: i32) -> DrawResult {
    match item {
        LegendItem::Swatch { color, opacity, .. } => {
            let style = color.mix(*opacity).filled();
            root.draw(&Rectangle::new(
                [(left, centre - 6), (left + 12, centre + 6)],
                style,
            ))
        }
        LegendItem::Dash { .. } => draw_dash(root, (left, centre), (left + 16, centre)),
        LegendItem::Line { color, .. } => {
            let line = vec![(left, centre), (left + MARKER_WIDTH as i32, centre)];
            root.draw(&PathElement::new(line, color.stroke_width(LINE_WIDTH)))?;
            // No white ring here: on a line this short it reads as a dash.
            root.draw(&Circle::new((left + 8, centre), 4, color.filled()))
        }
    }
}

/// Stroke width of a series' line.
pub(crate) const LINE_WIDTH: u32 = 2;

/// Draws a data point: a dot in the series colour inside a white ring, so that
/// it stays visible where lines cross.
pub(crate) fn draw_marker(root: &Area, at: (i32, i32), color: RGBColor) -> DrawResult {
    root.draw(&Circle::new(at, 5, WHITE.filled()))?;
    root.draw(&Circle::new(at, 3, color.filled()))
}

/// Draws the mean's dashed line between two pixel positions.
pub(crate) fn draw_dash(root: &Area, from: (i32, i32), to: (i32, i32)) -> DrawResult {
    let style = TEXT.stroke_width(2);
    root.draw(&plotters::element::DashedPathElement::new(
        vec![from, to],
        6,
        4,
        style,
    ))
}

/// Renders a chart of `height` pixels: a white canvas handed to `draw`, then
/// the SVG text.
pub(crate) fn render(
    title: &str,
    height: u32,
    draw: impl FnOnce(&Area) -> DrawResult,
) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let drawn = root
            .fill(&WHITE)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present());
        drawn.map_err(|cause| ChartError::drawing(title, cause))?;
    }
    Ok(tidy_font_sizes(svg.trim_end()))
}

/// The chart drawn when there is nothing to plot: the title, and "No data"
/// where the plot would be.
pub(crate) fn no_data(title: &str) -> Result<String> {
    render(title, HEIGHT, |root| {
        draw_header(root, title, &[])?;
        let middle = (WIDTH as i32 / 2, HEIGHT as i32 / 2 + 16);
        let style = font(15.0, &MUTED, HPos::Center, VPos::Center);
        root.draw_text("No data", &style, middle)?;
        let baseline = HEIGHT as i32 - 56;
        root.draw(&PathElement::new(
            vec![(MARGIN, baseline), (WIDTH as i32 - MARGIN, baseline)],
            GRID,
        ))
    })
}

/// The placeholder shown when plotters refused to draw: written by hand, so it
/// cannot fail.
pub(crate) fn placeholder(title: &str) -> String {
    let (width, height) = (WIDTH, HEIGHT);
    let family = escape(FONT);
    let room = f64::from(WIDTH) - 2.0 * f64::from(MARGIN);
    let title = escape(&truncate(title, room, TITLE_PX));
    let title_y = TITLE_TOP + 16;
    let (centre_x, centre_y) = (WIDTH / 2, HEIGHT / 2);
    [
        format!(r#"<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}""#),
        r#" xmlns="http://www.w3.org/2000/svg">"#.to_owned(),
        format!("\n<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"),
        format!(r#"<text x="{MARGIN}" y="{title_y}" font-family="{family}" font-size="20""#),
        format!(r##" font-weight="bold" fill="#334155">{title}</text>"##),
        format!("\n<text x=\"{centre_x}\" y=\"{centre_y}\" text-anchor=\"middle\""),
        format!(r##" font-family="{family}" font-size="15" fill="#64748B">"##),
        "This chart could not be drawn</text>\n</svg>".to_owned(),
    ]
    .concat()
}

/// Escapes text for SVG content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholder_escapes_the_title_and_says_what_happened() {
        let svg = placeholder("Reps & <targets>");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Reps &amp; &lt;targets&gt;"));
        assert!(svg.contains("could not be drawn"));
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let cut = truncate("Bartholomew Featherstonehaugh-Cholmondeley", 120.0, 12.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 12.0) <= 120.0);
    }

    #[test]
    fn font_sizes_are_written_as_round_numbers() {
        let tidy = tidy_font_sizes(r#"<text font-size="13.000000000000002">13</text>"#);
        assert_eq!(tidy, r#"<text font-size="13">13</text>"#);
    }
}
