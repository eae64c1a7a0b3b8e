//! Checks on the SVG text the charts produce: a complete document, every label
//! present (or cut with an ellipsis), no NaN, and the band, mean and highlight
//! drawn when asked for.

use terrain_charts::{bar_chart, histogram, Bar, BarChart, Bin, Histogram, ValueFormat};

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
