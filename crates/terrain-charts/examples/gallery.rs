//! Writes sample charts to /tmp/charts/ to look at while tuning the design:
//! `cargo run -p terrain-charts --example gallery`, then convert the SVGs to
//! PNG.

use std::fs;
use std::path::Path;

use terrain_charts::{bar_chart, histogram, Bar, BarChart, Bin, Histogram, ValueFormat};

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

fn main() -> std::io::Result<()> {
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
    fs::write(out.join("team.svg"), bar_chart(&team_chart))?;

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
    fs::write(out.join("regions.svg"), bar_chart(&regions))?;

    let few_reps = BarChart {
        bars: team[..5].to_vec(),
        ..team_chart.clone()
    };
    fs::write(out.join("few_reps.svg"), bar_chart(&few_reps))?;

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
    fs::write(out.join("growth.svg"), bar_chart(&growth))?;

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
    fs::write(out.join("negative_rows.svg"), bar_chart(&negative_rows))?;

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
    fs::write(out.join("zeros.svg"), bar_chart(&zeros))?;
    fs::write(
        out.join("single.svg"),
        bar_chart(&BarChart {
            bars: team[..1].to_vec(),
            ..zeros.clone()
        }),
    )?;
    fs::write(
        out.join("empty.svg"),
        bar_chart(&BarChart {
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
    fs::write(out.join("readiness.svg"), histogram(&readiness))?;

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
    fs::write(out.join("deals.svg"), histogram(&fine))?;
    Ok(())
}
