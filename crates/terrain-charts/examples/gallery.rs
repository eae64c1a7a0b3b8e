//! Writes sample charts to /tmp/charts/ to look at while tuning the design:
//! `cargo run -p terrain-charts --example gallery` writes each chart as SVG and,
//! through `svg_to_png` at scale 2, as PNG.

use std::error::Error;
use std::fs;
use std::path::Path;

use terrain_charts::{
    bar_chart, grouped_bar_chart, histogram, line_chart, lorenz_chart, svg_to_png, Bar, BarChart,
    Bin, GroupSeries, GroupedBarChart, Histogram, LineChart, LorenzChart, Series, ValueFormat,
};

const NAMES: [&str; 35] = [
    "Darcel Schlecht",
    "Moses Frase",
    "Maureen Marcano",
    "Kami Bicknell",
    "Zane Levy",
    "Violet Mclelland",
    "Corliss Cosme",
    "Rosie Mcferrin",
    "Garret Kinder",
    "Wilburn Farren",
    "Elizabeth Polk",
    "Cecily Lampkin",
    "Jonathan Berthelot",
    "Hayden Neloms",
    "Vicki Laflamme",
    "Rosalina Dieter",
    "Versie Hillebrand",
    "Cassey Cress",
    "Reed Mcclurg",
    "Donn Cantrell",
    "Gladys Colclough",
    "Boris Faz",
    "Lajuana Vencill",
    "Markita Hansen",
    "Elease Marrow",
    "James Ascencio",
    "Jacqueline Kinder-Worthington of the Northern Territories",
    "Ron & <Co>",
    "Anna Snelling",
    "Daniell Hammack",
    "Kary Hendrixson",
    "Marty Freudenburg",
    "Natalya Goodall",
    "Oren Lupo",
    "Tam Mckinney",
];

/// Writes `svg` as `name.svg` and as a PNG at twice its size, `name.png`.
fn save(out: &Path, name: &str, svg: &str) -> Result<(), Box<dyn Error>> {
    fs::write(out.join(format!("{name}.svg")), svg)?;
    fs::write(out.join(format!("{name}.png")), svg_to_png(svg, 2.0)?)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let out = Path::new("/tmp/charts");
    fs::create_dir_all(out)?;

    let team: Vec<Bar> = NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let value = 400_000.0 + ((i * 7919) % 97) as f64 * 14_000.0;
            Bar {
                label: (*name).to_owned(),
                value,
                highlight: !(700_000.0..=1_500_000.0).contains(&value),
            }
        })
        .collect();
    let team_chart = BarChart {
        title: "Expected value per rep — FY26 plan".to_owned(),
        y_label: "Expected value".to_owned(),
        bars: team.clone(),
        band: Some((700_000.0, 1_500_000.0)),
        mean: Some(team.iter().map(|b| b.value).sum::<f64>() / team.len() as f64),
        value_format: ValueFormat::Money,
    };
    save(out, "team", &bar_chart(&team_chart))?;

    let regions = BarChart {
        title: "Accounts per territory".to_owned(),
        y_label: "Accounts".to_owned(),
        bars: ["North", "South", "East", "West", "Central", "Metro"]
            .iter()
            .zip([142.0, 98.0, 175.0, 61.0, 120.0, 133.0])
            .map(|(label, value)| Bar {
                label: (*label).to_owned(),
                value,
                highlight: value < 70.0,
            })
            .collect(),
        band: Some((80.0, 160.0)),
        mean: Some(121.5),
        value_format: ValueFormat::Number,
    };
    save(out, "regions", &bar_chart(&regions))?;

    let few_reps = BarChart {
        bars: team[..5].to_vec(),
        ..team_chart.clone()
    };
    save(out, "few_reps", &bar_chart(&few_reps))?;

    let growth = BarChart {
        title: "Growth vs last year".to_owned(),
        y_label: "Change in bookings".to_owned(),
        bars: ["Q1", "Q2", "Q3", "Q4"]
            .iter()
            .zip([0.12, -0.08, 0.31, -0.22])
            .map(|(label, value)| Bar {
                label: (*label).to_owned(),
                value,
                highlight: value < 0.0,
            })
            .collect(),
        band: None,
        mean: Some(0.0325),
        value_format: ValueFormat::Percent,
    };
    save(out, "growth", &bar_chart(&growth))?;

    let negative_rows = BarChart {
        title: "Quota gap by rep".to_owned(),
        bars: team
            .iter()
            .take(16)
            .map(|b| Bar {
                value: b.value - 900_000.0,
                ..b.clone()
            })
            .collect(),
        band: None,
        mean: None,
        ..team_chart.clone()
    };
    save(out, "negative_rows", &bar_chart(&negative_rows))?;

    let zeros = BarChart {
        title: "Closed won this week".to_owned(),
        bars: team[..3]
            .iter()
            .map(|b| Bar {
                value: 0.0,
                highlight: false,
                ..b.clone()
            })
            .collect(),
        band: None,
        mean: None,
        ..team_chart.clone()
    };
    save(out, "zeros", &bar_chart(&zeros))?;
    save(
        out,
        "single",
        &bar_chart(&BarChart {
            bars: team[..1].to_vec(),
            ..zeros.clone()
        }),
    )?;
    save(
        out,
        "empty",
        &bar_chart(&BarChart {
            bars: vec![],
            ..zeros
        }),
    )?;

    let readiness = Histogram {
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
    };
    save(out, "readiness", &histogram(&readiness))?;

    let fine = Histogram {
        title: "Deal size distribution".to_owned(),
        x_label: "Deal size (k$)".to_owned(),
        y_label: "Deals".to_owned(),
        bins: (0..40)
            .map(|i| Bin {
                start: f64::from(i) * 25.0,
                end: f64::from(i + 1) * 25.0,
                count: (i * 37 % 11) as u32,
            })
            .collect(),
    };
    save(out, "deals", &histogram(&fine))?;

    line_charts(out)?;
    grouped_charts(out, &team)?;
    lorenz_charts(out, &team)?;
    Ok(())
}

const MONTHS: [&str; 15] = [
    "Jan 25", "Feb 25", "Mar 25", "Apr 25", "May 25", "Jun 25", "Jul 25", "Aug 25", "Sep 25",
    "Oct 25", "Nov 25", "Dec 25", "Jan 26", "Feb 26", "Mar 26",
];

fn line_charts(out: &Path) -> Result<(), Box<dyn Error>> {
    let regions = [
        "North", "South", "East", "West", "Central", "Metro", "Islands", "Federal",
    ];
    let series = |count: usize| -> Vec<Series> {
        regions[..count]
            .iter()
            .enumerate()
            .map(|(r, name)| Series {
                name: (*name).to_owned(),
                values: (0..MONTHS.len())
                    .map(|m| {
                        let trend = 260_000.0 + r as f64 * 55_000.0 + m as f64 * 9_000.0;
                        let wobble = ((m * 7 + r * 3) % 5) as f64 * 21_000.0;
                        // The Islands region opened in April.
                        (r != 6 || m >= 3).then_some(trend + wobble)
                    })
                    .collect(),
            })
            .collect()
    };
    let revenue = LineChart {
        title: "Won revenue per month by region (USD)".to_owned(),
        x_label: "Month closed".to_owned(),
        y_label: "Won revenue".to_owned(),
        categories: MONTHS.iter().map(|m| (*m).to_owned()).collect(),
        series: series(4),
        value_format: ValueFormat::Money,
        y_max: None,
    };
    save(out, "line_regions", &line_chart(&revenue))?;
    save(
        out,
        "line_eight",
        &line_chart(&LineChart {
            series: series(8),
            ..revenue.clone()
        }),
    )?;

    let mut gaps = series(2);
    gaps[0].values[5] = None;
    gaps[0].values[6] = None;
    gaps[1].values[9] = None;
    gaps[1].values[11] = None;
    save(
        out,
        "line_gaps",
        &line_chart(&LineChart {
            title: "Won revenue per month, months without a report left open (USD)".to_owned(),
            series: gaps,
            ..revenue.clone()
        }),
    )?;

    let margin = LineChart {
        title: "Margin change vs plan by quarter (%)".to_owned(),
        x_label: "Quarter".to_owned(),
        y_label: "Change in margin".to_owned(),
        categories: ["Q1 FY25", "Q2 FY25", "Q3 FY25", "Q4 FY25"]
            .iter()
            .map(|q| (*q).to_owned())
            .collect(),
        series: vec![
            Series {
                name: "Enterprise".to_owned(),
                values: vec![Some(0.04), Some(-0.02), Some(-0.06), Some(0.01)],
            },
            Series {
                name: "Mid-market and commercial accounts of the northern territories".to_owned(),
                values: vec![Some(-0.01), Some(0.03), None, Some(0.05)],
            },
        ],
        value_format: ValueFormat::Percent,
        y_max: None,
    };
    save(out, "line_negative", &line_chart(&margin))?;
    save(
        out,
        "line_single",
        &line_chart(&LineChart {
            title: "Won revenue, first month (USD)".to_owned(),
            categories: vec!["Jan 26".to_owned()],
            ..revenue.clone()
        }),
    )?;
    save(
        out,
        "line_empty",
        &line_chart(&LineChart {
            series: vec![Series {
                name: "North".to_owned(),
                values: vec![None; 15],
            }],
            ..revenue
        }),
    )?;
    Ok(())
}

fn grouped_charts(out: &Path, team: &[Bar]) -> Result<(), Box<dyn Error>> {
    let plans = |reps: &[Bar], count: usize| -> Vec<GroupSeries> {
        [
            "Static territories",
            "Dynamic territories",
            "Dynamic, capped",
            "Pooled",
        ][..count]
            .iter()
            .enumerate()
            .map(|(s, name)| GroupSeries {
                name: (*name).to_owned(),
                values: reps
                    .iter()
                    .enumerate()
                    .map(|(i, bar)| {
                        let pull = (1_000_000.0 - bar.value) * 0.25 * s as f64;
                        bar.value + pull + ((i * 13 + s * 5) % 7) as f64 * 9_000.0
                    })
                    .collect(),
            })
            .collect()
    };
    let names = |reps: &[Bar]| reps.iter().map(|b| b.label.clone()).collect::<Vec<_>>();
    let all = GroupedBarChart {
        title: "Expected value per rep, static vs dynamic territories (USD)".to_owned(),
        y_label: "Expected value".to_owned(),
        categories: names(team),
        series: plans(team, 2),
        value_format: ValueFormat::Money,
    };
    save(out, "grouped_team", &grouped_bar_chart(&all))?;
    save(
        out,
        "grouped_team_four",
        &grouped_bar_chart(&GroupedBarChart {
            series: plans(team, 4),
            ..all.clone()
        }),
    )?;
    let few = &team[..5];
    save(
        out,
        "grouped_few",
        &grouped_bar_chart(&GroupedBarChart {
            categories: names(few),
            series: plans(few, 2),
            ..all.clone()
        }),
    )?;
    save(
        out,
        "grouped_few_three",
        &grouped_bar_chart(&GroupedBarChart {
            categories: names(&team[..8]),
            series: plans(&team[..8], 3),
            ..all.clone()
        }),
    )?;
    let regions = ["North", "South", "East", "West"];
    save(
        out,
        "grouped_negative",
        &grouped_bar_chart(&GroupedBarChart {
            title: "Bookings growth vs last year by region (%)".to_owned(),
            y_label: "Change in bookings".to_owned(),
            categories: regions.iter().map(|r| (*r).to_owned()).collect(),
            series: vec![
                GroupSeries {
                    name: "FY25".to_owned(),
                    values: vec![0.12, -0.08, 0.31, -0.22],
                },
                GroupSeries {
                    name: "FY26".to_owned(),
                    values: vec![0.05, 0.14, -0.03, 0.09],
                },
            ],
            value_format: ValueFormat::Percent,
        }),
    )?;
    save(
        out,
        "grouped_empty",
        &grouped_bar_chart(&GroupedBarChart {
            series: vec![],
            ..all
        }),
    )?;
    Ok(())
}

fn lorenz_charts(out: &Path, team: &[Bar]) -> Result<(), Box<dyn Error>> {
    let spread = LorenzChart {
        title: "How evenly expected value is shared across reps".to_owned(),
        x_label: "Share of reps, smallest book first".to_owned(),
        y_label: "Share of expected value".to_owned(),
        values: team.iter().map(|b| b.value).collect(),
    };
    save(out, "lorenz_team", &lorenz_chart(&spread))?;
    save(
        out,
        "lorenz_skewed",
        &lorenz_chart(&LorenzChart {
            title: "How evenly pipeline is shared across reps".to_owned(),
            y_label: "Share of open pipeline".to_owned(),
            values: (0..35).map(|i| f64::from(i).powi(3)).collect(),
            ..spread.clone()
        }),
    )?;
    save(
        out,
        "lorenz_four",
        &lorenz_chart(&LorenzChart {
            values: vec![0.0, 0.0, 0.0, 12.0],
            ..spread.clone()
        }),
    )?;
    save(
        out,
        "lorenz_zero",
        &lorenz_chart(&LorenzChart {
            values: vec![0.0; 5],
            ..spread
        }),
    )?;
    Ok(())
}
