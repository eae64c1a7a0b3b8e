//! Checks on the SVG text the charts produce: a complete document, every label
//! present (or cut with an ellipsis), no NaN, and the band, mean and highlight
//! drawn when asked for; and on the PNG that `svg_to_png` makes of them.

use terrain_charts::{
    bar_chart, grouped_bar_chart, histogram, line_chart, lorenz_chart, svg_to_png, Bar, BarChart,
    Bin, ChartError, GroupSeries, GroupedBarChart, Histogram, LineChart, LorenzChart, Series,
    ValueFormat,
};

const ACCENT: &str = "#2563EB";
const WARNING: &str = "#DC2626";

fn bar(label: &str, value: f64) -> Bar {
    Bar {
        label: label.to_owned(),
        value,
        highlight: false,
    }
}

fn chart(bars: Vec<Bar>) -> BarChart {
    BarChart {
        title: "Expected value per rep".to_owned(),
        y_label: "Expected value".to_owned(),
        bars,
        band: None,
        mean: None,
        value_format: ValueFormat::Money,
    }
}

fn team(size: usize) -> Vec<Bar> {
    (0..size)
        .map(|i| {
            bar(
                &format!("Rep Number {i:02}"),
                100_000.0 + i as f64 * 37_000.0,
            )
        })
        .collect()
}

fn readiness() -> Histogram {
    Histogram {
        title: "Readiness distribution".to_owned(),
        x_label: "Readiness score".to_owned(),
        y_label: "Accounts".to_owned(),
        bins: (0..10)
            .map(|i| Bin {
                start: f64::from(i) / 10.0,
                end: f64::from(i + 1) / 10.0,
                count: [3, 8, 21, 44, 67, 81, 59, 33, 12, 4][i as usize],
            })
            .collect(),
    }
}

/// The checks every chart must pass, whatever it shows.
fn assert_sound(svg: &str) {
    assert!(
        svg.starts_with("<svg"),
        "does not start with <svg: {}",
        &svg[..svg.len().min(80)]
    );
    assert!(svg.ends_with("</svg>"), "does not end with </svg>");
    assert_eq!(svg.matches("<svg").count(), 1);
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert!(!svg.contains("NaN"), "contains NaN");
    assert!(!svg.contains("inf"), "contains an infinite coordinate");
}

#[test]
fn a_chart_with_no_bars_says_no_data() {
    let svg = bar_chart(&chart(vec![]));
    assert_sound(&svg);
    assert!(svg.contains("Expected value per rep"));
    assert!(svg.contains("No data"));
}

#[test]
fn a_few_bars_show_the_title_every_label_and_their_values() {
    let svg = bar_chart(&chart(vec![
        bar("North", 1_250_000.0),
        bar("South", 850_000.0),
    ]));
    assert_sound(&svg);
    for text in [
        "Expected value per rep",
        "Expected value",
        "North",
        "South",
        "$1.25M",
        "$850k",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
    assert!(svg.contains(ACCENT));
    assert!(
        !svg.contains(WARNING),
        "no bar is highlighted, nor is there a legend for one"
    );
}

#[test]
fn a_team_of_thirty_five_reps_keeps_every_name() {
    let bars = team(35);
    let svg = bar_chart(&chart(bars.clone()));
    assert_sound(&svg);
    for bar in &bars {
        assert!(svg.contains(&bar.label), "missing {}", bar.label);
    }
}

#[test]
fn many_bars_are_drawn_sorted_from_the_largest_value() {
    let svg = bar_chart(&chart(team(20)));
    let top = svg.find("Rep Number 19").unwrap_or(usize::MAX);
    let bottom = svg.find("Rep Number 00").unwrap_or(0);
    assert!(
        top < bottom,
        "the largest bar should be drawn first, at the top"
    );
}

#[test]
fn many_bars_make_the_canvas_taller_so_rows_stay_legible() {
    let svg = bar_chart(&chart(team(35)));
    assert!(svg.starts_with("<svg width=\"960\""));
    assert!(!svg.starts_with("<svg width=\"960\" height=\"480\""));
}

#[test]
fn highlighted_bars_are_drawn_in_the_warning_colour() {
    let mut bars = vec![
        bar("Darcel Schlecht", 300_000.0),
        bar("Moses Frase", 900_000.0),
    ];
    bars[0].highlight = true;
    let svg = bar_chart(&chart(bars));
    assert_sound(&svg);
    let warning_rects = svg
        .lines()
        .filter(|l| l.starts_with("<rect") && l.contains(WARNING));
    // One bar and one legend swatch.
    assert_eq!(warning_rects.count(), 2);
    assert!(svg.contains("Flagged"));
}

#[test]
fn a_band_is_drawn_as_a_translucent_rectangle_and_named_in_the_legend() {
    let mut with_band = chart(team(5));
    with_band.band = Some((400_000.0, 200_000.0));
    let svg = bar_chart(&with_band);
    assert_sound(&svg);
    let band = svg
        .lines()
        .filter(|l| l.starts_with("<rect") && l.contains("opacity=\"0.12\""));
    assert_eq!(band.count(), 1);
    assert!(svg.contains("Band $200k–$400k"));

    let without = bar_chart(&chart(team(5)));
    assert!(!without.contains("opacity=\"0.12\""));
}

#[test]
fn a_mean_is_drawn_as_a_dashed_line_and_named_in_the_legend() {
    let mut with_mean = chart(team(5));
    with_mean.mean = Some(250_000.0);
    let svg = bar_chart(&with_mean);
    assert_sound(&svg);
    assert!(svg.contains("Mean $250k"));
    let without = bar_chart(&chart(team(5)));
    let dashes = |svg: &str| svg.matches("<polyline").count();
    assert!(
        dashes(&svg) > dashes(&without) + 5,
        "a dashed line is many short segments"
    );
}

#[test]
fn all_zero_values_still_draw_an_axis_without_nan() {
    let svg = bar_chart(&chart(vec![bar("North", 0.0), bar("South", 0.0)]));
    assert_sound(&svg);
    assert!(svg.contains("North") && svg.contains("$0"));
}

#[test]
fn a_single_bar_is_drawn() {
    let svg = bar_chart(&chart(vec![bar("Darcel Schlecht", 1_000_000.0)]));
    assert_sound(&svg);
    assert!(svg.contains("Darcel Schlecht") && svg.contains("$1M"));
}

#[test]
fn negative_values_extend_the_axis_below_zero() {
    let mut growth = chart(vec![bar("Q1", 0.12), bar("Q2", -0.3)]);
    growth.value_format = ValueFormat::Percent;
    let svg = bar_chart(&growth);
    assert_sound(&svg);
    assert!(svg.contains("−30%"), "the bar's value is shown");
    assert!(
        svg.contains("−40%") || svg.contains("−35%"),
        "the axis reaches past the lowest bar"
    );
}

#[test]
fn negative_values_in_rows_extend_the_axis_below_zero() {
    let mut bars = team(15);
    bars[3].value = -250_000.0;
    let svg = bar_chart(&chart(bars));
    assert_sound(&svg);
    assert!(svg.contains("−$250k"));
}

#[test]
fn very_long_labels_are_cut_with_an_ellipsis() {
    let long = "Jacqueline Kinder-Worthington of the Northern Territories and Islands, \
                formerly of the Southern Territories, Head of Enterprise Accounts";
    for bars in [vec![bar(long, 1.0)], {
        let mut many = team(20);
        many[0].label = long.to_owned();
        many
    }] {
        let svg = bar_chart(&chart(bars));
        assert_sound(&svg);
        assert!(!svg.contains(long));
        assert!(
            svg.contains("Jacqueline Kinder"),
            "the start of the name is kept"
        );
        assert!(svg.contains('…'));
    }
}

#[test]
fn a_very_long_title_is_cut_to_fit_beside_the_legend() {
    let mut long_title = chart(team(3));
    long_title.title = "Expected value per rep ".repeat(6);
    long_title.mean = Some(1.0);
    let svg = bar_chart(&long_title);
    assert_sound(&svg);
    assert!(svg.contains('…'));
}

#[test]
fn names_with_markup_characters_are_escaped() {
    let mut markup = chart(vec![bar("Ron & <Co>", 5.0), bar("O'Neil \"Jr\"", 3.0)]);
    markup.title = "Reps & <accounts>".to_owned();
    let svg = bar_chart(&markup);
    assert_sound(&svg);
    assert!(svg.contains("Ron &amp; &lt;Co&gt;"));
    assert!(svg.contains("Reps &amp; &lt;accounts&gt;"));
    assert!(!svg.contains("<Co>") && !svg.contains("<accounts>"));
    assert!(!svg.contains(" & "), "a bare ampersand is not valid XML");
}

#[test]
fn values_that_are_not_numbers_draw_no_bar_and_no_nan() {
    let mut odd = chart(vec![
        bar("North", f64::NAN),
        bar("South", f64::INFINITY),
        bar("East", 3.0),
    ]);
    odd.band = Some((f64::NAN, 2.0));
    odd.mean = Some(f64::NEG_INFINITY);
    let svg = bar_chart(&odd);
    assert_sound(&svg);
    assert!(svg.contains("North") && svg.contains("South") && svg.contains('–'));
    assert!(!svg.contains("Band") && !svg.contains("Mean"));
}

#[test]
fn every_chart_uses_the_one_font_and_palette() {
    let svg = bar_chart(&chart(team(3)));
    assert!(svg.contains(r#"font-family="Inter, &quot;Segoe UI&quot;, system-ui, sans-serif""#));
    assert!(svg.contains(r#"font-size="20""#), "the title is 20px");
    assert!(svg.contains(r#"font-size="13""#), "the axis label is 13px");
    assert!(svg.contains("#334155") && svg.contains("#E2E8F0"));
}

#[test]
fn a_histogram_shows_its_title_axis_labels_and_counts() {
    let svg = histogram(&readiness());
    assert_sound(&svg);
    for text in [
        "Readiness distribution",
        "Readiness score",
        "Accounts",
        "81",
        "0.5",
        "\n1\n",
    ] {
        assert!(svg.contains(text), "missing {text:?}");
    }
    let bars = svg
        .lines()
        .filter(|l| l.starts_with("<rect") && l.contains(ACCENT));
    assert_eq!(bars.count(), 10);
}

#[test]
fn a_histogram_without_bins_says_no_data() {
    let empty = Histogram {
        bins: vec![],
        ..readiness()
    };
    let svg = histogram(&empty);
    assert_sound(&svg);
    assert!(svg.contains("Readiness distribution") && svg.contains("No data"));
}

#[test]
fn a_histogram_skips_bins_that_end_before_they_start() {
    let mut odd = readiness();
    odd.bins.push(Bin {
        start: 2.0,
        end: 1.0,
        count: 5,
    });
    odd.bins.push(Bin {
        start: f64::NAN,
        end: 1.0,
        count: 5,
    });
    let svg = histogram(&odd);
    assert_sound(&svg);
    let bars = svg
        .lines()
        .filter(|l| l.starts_with("<rect") && l.contains(ACCENT));
    assert_eq!(bars.count(), 10);
}

#[test]
fn a_histogram_of_zero_counts_draws_an_axis_without_nan() {
    let mut zeros = readiness();
    zeros.bins.iter_mut().for_each(|bin| bin.count = 0);
    let svg = histogram(&zeros);
    assert_sound(&svg);
    assert!(svg.contains("Readiness score"));
}

#[test]
fn a_histogram_with_many_bins_thins_its_edge_labels() {
    let many = Histogram {
        bins: (0..100)
            .map(|i| Bin {
                start: f64::from(i),
                end: f64::from(i + 1),
                count: 1,
            })
            .collect(),
        ..readiness()
    };
    let svg = histogram(&many);
    assert_sound(&svg);
    let edge_labels = svg.matches("text-anchor=\"middle\"").count();
    assert!(
        edge_labels < 60,
        "{edge_labels} centred labels for 101 edges"
    );
}

const MONTHS: [&str; 15] = [
    "Jan 25", "Feb 25", "Mar 25", "Apr 25", "May 25", "Jun 25", "Jul 25", "Aug 25", "Sep 25",
    "Oct 25", "Nov 25", "Dec 25", "Jan 26", "Feb 26", "Mar 26",
];
const TEAL: &str = "#0D9488";

fn revenue(series: usize) -> LineChart {
    let regions = [
        "North", "South", "East", "West", "Central", "Metro", "Islands", "Federal",
    ];
    LineChart {
        title: "Won revenue per month (USD)".to_owned(),
        x_label: "Month closed".to_owned(),
        y_label: "Won revenue".to_owned(),
        categories: MONTHS.iter().map(|m| (*m).to_owned()).collect(),
        series: regions[..series]
            .iter()
            .enumerate()
            .map(|(r, name)| Series {
                name: (*name).to_owned(),
                values: (0..15)
                    .map(|m| Some(200_000.0 + (r * 40_000 + m * 7_000) as f64))
                    .collect(),
            })
            .collect(),
        value_format: ValueFormat::Money,
        y_max: None,
    }
}

fn plans(reps: usize) -> GroupedBarChart {
    GroupedBarChart {
        title: "Expected value per rep (USD)".to_owned(),
        y_label: "Expected value".to_owned(),
        categories: (0..reps).map(|i| format!("Rep Number {i:02}")).collect(),
        series: ["Static territories", "Dynamic territories"]
            .iter()
            .enumerate()
            .map(|(s, name)| GroupSeries {
                name: (*name).to_owned(),
                values: (0..reps)
                    .map(|i| 300_000.0 + (i * 25_000 + s * 60_000) as f64)
                    .collect(),
            })
            .collect(),
        value_format: ValueFormat::Money,
    }
}

fn spread(values: Vec<f64>) -> LorenzChart {
    LorenzChart {
        title: "How evenly expected value is shared".to_owned(),
        x_label: "Share of reps".to_owned(),
        y_label: "Share of expected value".to_owned(),
        values,
    }
}

#[test]
fn a_line_chart_shows_its_title_axis_labels_and_every_series_in_the_legend() {
    let svg = line_chart(&revenue(3));
    assert_sound(&svg);
    for text in [
        "Won revenue per month (USD)",
        "Month closed",
        "Won revenue",
        "North",
        "South",
        "East",
        "Jan 25",
        "$300k",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
    assert!(svg.contains(ACCENT) && svg.contains(TEAL));
}

#[test]
fn fifteen_months_are_labelled_without_crowding_and_start_with_the_first() {
    let mut chart = revenue(1);
    chart.categories = (1..=15).map(|m| format!("Month number {m:02}")).collect();
    let svg = line_chart(&chart);
    assert_sound(&svg);
    assert!(svg.contains("Month number 01"));
    let shown = (1..=15)
        .filter(|m| svg.contains(&format!("Month number {m:02}")))
        .count();
    assert!((4..15).contains(&shown), "{shown} of 15 labels shown");
}

#[test]
fn eight_series_get_eight_colours_and_a_legend_under_the_title() {
    let svg = line_chart(&revenue(8));
    assert_sound(&svg);
    for colour in [
        "#2563EB", "#0D9488", "#D97706", "#7C3AED", "#64748B", "#E11D48",
    ] {
        assert!(svg.contains(colour), "missing {colour}");
    }
    assert!(
        svg.contains("Won revenue per month (USD)"),
        "the title is not cut"
    );
    assert!(svg.contains("Federal"));
    assert!(!svg.starts_with("<svg width=\"960\" height=\"480\""));
}

#[test]
fn a_line_chart_leaves_gaps_where_values_are_missing() {
    let mut chart = revenue(1);
    chart.series[0].values[7] = None;
    chart.series[0].values[8] = Some(f64::NAN);
    chart.series[0].values.truncate(12);
    let svg = line_chart(&chart);
    assert_sound(&svg);
    let lines = svg
        .lines()
        .filter(|l| {
            l.starts_with("<polyline") && l.contains(ACCENT) && l.contains("stroke-width=\"2\"")
        })
        .count();
    // Two runs in the plot (0..=6 and 9..=11) and one in the legend.
    assert_eq!(lines, 3);
}

#[test]
fn a_line_chart_without_values_says_no_data() {
    let mut chart = revenue(2);
    for series in &mut chart.series {
        series.values = vec![None; 15];
    }
    let svg = line_chart(&chart);
    assert_sound(&svg);
    assert!(svg.contains("Won revenue per month (USD)") && svg.contains("No data"));

    let empty = line_chart(&LineChart {
        series: vec![],
        ..revenue(1)
    });
    assert!(empty.contains("No data"));
    let no_months = line_chart(&LineChart {
        categories: vec![],
        ..revenue(1)
    });
    assert!(no_months.contains("No data"));
}

#[test]
fn a_line_chart_of_one_category_draws_its_points() {
    let mut chart = revenue(2);
    chart.categories = vec!["Jan 26".to_owned()];
    let svg = line_chart(&chart);
    assert_sound(&svg);
    assert!(svg.contains("Jan 26") && svg.contains("North"));
    assert!(svg.contains("<circle"), "the points are marked");
}

#[test]
fn a_line_chart_with_negative_values_reaches_below_zero() {
    let chart = LineChart {
        title: "Margin change vs plan (%)".to_owned(),
        x_label: "Quarter".to_owned(),
        y_label: "Change".to_owned(),
        categories: vec!["Q1".to_owned(), "Q2".to_owned()],
        series: vec![Series {
            name: "Enterprise".to_owned(),
            values: vec![Some(0.04), Some(-0.06)],
        }],
        value_format: ValueFormat::Percent,
        y_max: None,
    };
    let svg = line_chart(&chart);
    assert_sound(&svg);
    let deepest = svg
        .lines()
        .filter_map(|line| {
            line.strip_prefix('−')?
                .strip_suffix('%')?
                .parse::<f64>()
                .ok()
        })
        .fold(0.0, f64::max);
    assert!(deepest >= 6.0, "the axis reaches only −{deepest}%");
}

#[test]
fn long_series_names_are_cut_with_an_ellipsis_in_the_legend() {
    let long = "Mid-market and commercial accounts of the northern territories and islands";
    let mut chart = revenue(2);
    chart.series[1].name = long.to_owned();
    let svg = line_chart(&chart);
    assert_sound(&svg);
    assert!(!svg.contains(long) && svg.contains("Mid-market") && svg.contains('…'));
}

#[test]
fn a_few_groups_are_columns_with_their_names_values_and_legend() {
    let svg = grouped_bar_chart(&plans(4));
    assert_sound(&svg);
    for text in [
        "Expected value per rep (USD)",
        "Expected value",
        "Static territories",
        "Dynamic territories",
        "Rep Number 00",
        "Rep Number 03",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
    let bars = |colour: &str| {
        svg.lines()
            .filter(|l| l.starts_with("<rect") && l.contains(colour))
            .count()
    };
    // Four bars and one legend swatch per series.
    assert_eq!(bars(ACCENT), 5);
    assert_eq!(bars(TEAL), 5);
}

#[test]
fn thirty_five_reps_become_rows_sorted_by_the_first_series_on_a_taller_canvas() {
    let chart = plans(35);
    let svg = grouped_bar_chart(&chart);
    assert_sound(&svg);
    for name in &chart.categories {
        assert!(svg.contains(name.as_str()), "missing {name}");
    }
    assert!(!svg.starts_with("<svg width=\"960\" height=\"480\""));
    let top = svg.find("Rep Number 34").unwrap_or(usize::MAX);
    let bottom = svg.find("Rep Number 00").unwrap_or(0);
    assert!(top < bottom, "the largest group should come first");
}

#[test]
fn grouped_bars_handle_negative_missing_and_absent_values() {
    let mut chart = plans(3);
    chart.series[0].values = vec![-0.2, f64::NAN];
    chart.series[1].values = vec![0.1, 0.3, 0.05, 9.0];
    chart.value_format = ValueFormat::Percent;
    let svg = grouped_bar_chart(&chart);
    assert_sound(&svg);
    assert!(svg.contains("Rep Number 02"));
    assert!(svg.contains("−20%") || svg.contains("−25%") || svg.contains("−30%"));
}

#[test]
fn a_grouped_chart_without_values_says_no_data() {
    for chart in [
        GroupedBarChart {
            series: vec![],
            ..plans(3)
        },
        GroupedBarChart {
            categories: vec![],
            ..plans(3)
        },
    ] {
        let svg = grouped_bar_chart(&chart);
        assert_sound(&svg);
        assert!(svg.contains("Expected value per rep (USD)") && svg.contains("No data"));
    }
}

#[test]
fn a_single_group_is_drawn() {
    let svg = grouped_bar_chart(&plans(1));
    assert_sound(&svg);
    assert!(svg.contains("Rep Number 00") && svg.contains("$300k") && svg.contains("$360k"));
}

#[test]
fn a_lorenz_chart_states_its_gini_in_the_legend() {
    let svg = lorenz_chart(&spread(vec![0.0, 0.0, 0.0, 12.0]));
    assert_sound(&svg);
    for text in [
        "How evenly expected value is shared",
        "Share of reps",
        "Share of expected value",
        "Gini 0.75",
        "Equal shares",
        "100%",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
}

#[test]
fn an_even_split_has_a_gini_of_zero_and_a_skewed_one_names_the_top_shares() {
    let even = lorenz_chart(&spread(vec![5.0; 10]));
    assert_sound(&even);
    assert!(even.contains("Gini 0.00"));
    assert!(even.contains("held by the top 20%") && even.contains("\n20%\n"));

    let skewed = lorenz_chart(&spread((1..=10).map(f64::from).collect()));
    assert_sound(&skewed);
    // 1..=10 sums to 55; the top two hold 19 of it.
    assert!(skewed.contains("Gini 0.30") && skewed.contains("\n35%\n"));
}

#[test]
fn the_equality_line_is_dashed_and_the_gap_to_it_shaded() {
    let svg = lorenz_chart(&spread(vec![1.0, 2.0, 3.0, 10.0]));
    assert_sound(&svg);
    assert!(svg.matches("<polyline").count() > 20, "a dashed diagonal");
    assert!(svg.contains("<polygon") && svg.contains("opacity=\"0.18\""));
}

#[test]
fn a_lorenz_chart_of_zeros_negatives_or_nothing_says_no_data() {
    for values in [vec![], vec![0.0, 0.0, 0.0], vec![-4.0, f64::NAN]] {
        let svg = lorenz_chart(&spread(values));
        assert_sound(&svg);
        assert!(svg.contains("How evenly expected value is shared") && svg.contains("No data"));
    }
}

#[test]
fn a_lorenz_chart_of_one_value_is_an_even_split() {
    let svg = lorenz_chart(&spread(vec![42.0]));
    assert_sound(&svg);
    assert!(svg.contains("Gini 0.00"));
}

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// The width and height written in a PNG's header chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    let word = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    (word(16), word(20))
}

#[test]
fn svg_to_png_makes_a_png_scaled_from_the_svg_size() {
    let svg = line_chart(&revenue(2));
    for (scale, size) in [(1.0, (960, 480)), (2.0, (1920, 960))] {
        let png = svg_to_png(&svg, scale);
        assert!(png.is_ok(), "{:?}", png.err());
        let png = png.unwrap_or_default();
        assert!(png.starts_with(&PNG_SIGNATURE));
        assert_eq!(png_size(&png), size);
    }
}

#[test]
fn every_chart_rasterises_including_the_tall_ones() {
    let tall = grouped_bar_chart(&plans(35));
    for svg in [
        tall.clone(),
        lorenz_chart(&spread(vec![1.0, 5.0, 9.0])),
        bar_chart(&chart(team(35))),
        histogram(&readiness()),
    ] {
        // A small scale: the debug build of the rasteriser is slow.
        let png = svg_to_png(&svg, 0.5).unwrap_or_default();
        assert!(png.starts_with(&PNG_SIGNATURE));
    }
    let height = tall
        .split('"')
        .nth(3)
        .and_then(|h| h.parse::<u32>().ok())
        .unwrap_or(0);
    assert!(height > 480, "35 reps need a taller canvas");
    let png = svg_to_png(&tall, 0.5).unwrap_or_default();
    assert_eq!(png_size(&png), (480, height.div_ceil(2)));
}

#[test]
fn svg_to_png_refuses_a_bad_scale_or_text_that_is_not_svg() {
    let svg = line_chart(&revenue(1));
    for scale in [0.0, -1.0, f32::NAN, 1_000.0] {
        assert!(
            matches!(
                svg_to_png(&svg, scale),
                Err(ChartError::InvalidScale { .. })
            ),
            "scale {scale}"
        );
    }
    let not_svg = svg_to_png("<html>hello</html>", 1.0);
    assert!(matches!(not_svg, Err(ChartError::InvalidSvg(_))));
    let message = not_svg.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.starts_with("could not read the SVG"), "{message}");
}

#[test]
fn a_line_chart_with_a_ceiling_draws_its_axis_up_to_it() {
    let shares = LineChart {
        title: "Readiness by snapshot".to_owned(),
        x_label: "Scored on".to_owned(),
        y_label: "Score".to_owned(),
        categories: vec!["1 Nov".to_owned(), "8 Nov".to_owned()],
        series: vec![Series {
            name: "Readiness".to_owned(),
            values: vec![Some(0.22), Some(0.41)],
        }],
        value_format: ValueFormat::Percent,
        y_max: None,
    };
    assert!(
        !line_chart(&shares).contains("\n100%\n"),
        "fitted to the data"
    );
    let capped = line_chart(&LineChart {
        y_max: Some(1.0),
        ..shares
    });
    assert_sound(&capped);
    assert!(capped.contains("\n100%\n"), "the axis reaches its ceiling");
}
