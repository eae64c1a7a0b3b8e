//! Territory metrics, their charts, and the review pack a director takes to a meeting.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use terrain_charts::{
    Bar, BarChart, Bin, GroupSeries, GroupedBarChart, Histogram, LineChart, LorenzChart, Series,
    ValueFormat,
};
use terrain_core::metrics::{self, territory_metrics, BookFact, DealFact, Figures, RepInfo};
use terrain_core::records::Outcome;
use terrain_sheets::{Cell, SheetChart, SheetChartKind, Table};

use crate::baselines::static_books;
use crate::error::{Error, Result};
use crate::planning::{today, PlanState};
use crate::views::{
    Chart, ChartKind, ChartQuery, MetricsReport, MetricsRow, Period, ReviewPackInput,
    ReviewPackResult, SaveChartInput,
};
use crate::Workspace;

/// Stages that count as high readiness for the share-of-hot-accounts figure.
const HIGH_READINESS: [&str; 2] = ["deciding", "buying"];

/// Everything the metrics and charts of one period are computed from, read once.
struct Facts {
    period: metrics::Period,
    state: PlanState,
    reps: Vec<RepInfo>,
    deals: Vec<DealFact>,
    books: BTreeMap<i64, BookFact>,
    pooled: BookFact,
    subtitle: String,
}

fn parse_day(text: &Option<String>, which: &str) -> Result<Option<NaiveDate>> {
    match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|_| {
            Error::BadInput(format!(
                "period {which} \"{t}\" is not a date (use YYYY-MM-DD)"
            ))
        }),
    }
}

fn describe(period: metrics::Period) -> String {
    let day = |d: NaiveDate| d.format("%-d %b %Y").to_string();
    match (period.from, period.to) {
        (None, None) => "All time".to_string(),
        (Some(from), None) => format!("Since {}", day(from)),
        (None, Some(to)) => format!("Up to {}", day(to)),
        (Some(from), Some(to)) => format!("{} – {}", day(from), day(to)),
    }
}

impl Workspace {
    async fn facts(&self, period: &Period) -> Result<Facts> {
        let period = metrics::Period {
            from: parse_day(&period.from, "start")?,
            to: parse_day(&period.to, "end")?,
        };
        if let (Some(from), Some(to)) = (period.from, period.to) {
            if from > to {
                return Err(Error::BadInput(format!(
                    "the period starts on {from}, after it ends on {to}"
                )));
            }
        }
        let state = self.plan_state().await?;
        let as_of = self.store.scores_as_of().await?;
        let end = period.to.or(as_of).unwrap_or_else(today);
        let signals: HashMap<i64, i64> = self
            .store
            .signal_counts(end - chrono::Days::new(29), end)
            .await?
            .into_iter()
            .collect();
        let reps = state
            .frame
            .reps
            .iter()
            .map(|r| RepInfo {
                id: r.id,
                name: r.name.clone(),
                team: r.team.clone(),
                region: r.region.clone(),
            })
            .collect();
        let opportunities = self.store.opportunity_facts().await?;
        let today = today();
        let deals = opportunities
            .into_iter()
            .map(|d| DealFact {
                rep_id: d.rep_id,
                outcome: Outcome::parse(&d.outcome).unwrap_or(Outcome::Open),
                amount: d.amount,
                // A deal closed after today is a typo or a forecast: it has no time to close
                // yet (the import flags it).
                created: d.created.filter(|_| d.closed.is_none_or(|c| c <= today)),
                closed: d.closed,
            })
            .collect();
        let mut books: BTreeMap<i64, BookFact> = BTreeMap::new();
        let mut pooled = BookFact::default();
        for (id, _, _) in self.store.account_names().await? {
            let book = match state.owner(id) {
                Some(rep) => books.entry(rep).or_default(),
                None => &mut pooled,
            };
            book.accounts += 1;
            book.expected_value += state.expected_value(id);
            book.signals_30d += signals.get(&id).copied().unwrap_or(0) as u32;
            if state
                .scores
                .get(&id)
                .is_some_and(|s| HIGH_READINESS.contains(&s.stage.as_str()))
            {
                book.high_readiness += 1;
            }
        }
        let mut subtitle = describe(period);
        if let Some(as_of) = as_of {
            subtitle.push_str(&format!(" · scores as of {}", as_of.format("%-d %b %Y")));
        }
        Ok(Facts {
            period,
            state,
            reps,
            deals,
            books,
            pooled,
            subtitle,
        })
    }

    /// Territory figures per rep, team, region and plan over a period of closing dates.
    #[tracing::instrument(skip(self), err)]
    pub async fn metrics(&self, period: &Period) -> Result<MetricsReport> {
        let facts = self.facts(period).await?;
        let m = territory_metrics(
            &facts.reps,
            &facts.deals,
            &facts.books,
            facts.pooled,
            facts.period,
        );
        let mut plan = m.plan;
        plan.name = facts.state.frame.plan.name.clone();
        Ok(MetricsReport {
            period: Period {
                from: facts.period.from.map(|d| d.to_string()),
                to: facts.period.to.map(|d| d.to_string()),
            },
            data_ends: self.store.last_activity().await?.map(|d| d.to_string()),
            overall: row(m.overall),
            by_rep: m.by_rep.into_iter().map(row).collect(),
            by_team: m.by_team.into_iter().map(row).collect(),
            by_region: m.by_region.into_iter().map(row).collect(),
            by_plan: vec![row(plan)],
            balance: self.balance_in(&facts.state.frame).await?,
        })
    }

    /// One chart of the period, drawn as SVG.
    #[tracing::instrument(skip(self), err)]
    pub async fn chart(&self, query: &ChartQuery) -> Result<Chart> {
        let facts = self.facts(&query.period).await?;
        let m = territory_metrics(
            &facts.reps,
            &facts.deals,
            &facts.books,
            facts.pooled,
            facts.period,
        );
        let (title, svg) = draw(self, query.kind, &facts, &m).await?;
        Ok(Chart {
            kind: query.kind,
            title,
            subtitle: facts.subtitle,
            svg,
        })
    }

    /// Saves one chart as `.png` (at twice the size, for slides) or `.svg`.
    #[tracing::instrument(skip(self), err)]
    pub async fn save_chart(&self, input: &SaveChartInput) -> Result<String> {
        let chart = self
            .chart(&ChartQuery {
                kind: input.kind,
                period: input.period.clone(),
            })
            .await?;
        let path = Path::new(&input.path);
        let bytes = match extension(path).as_deref() {
            Some("svg") => chart.svg.into_bytes(),
            Some("png") => png(&chart.svg)?,
            _ => {
                return Err(Error::BadInput(format!(
                    "{}: charts are saved as .png or .svg; choose a name with one of those",
                    input.path
                )))
            }
        };
        write_file(path, &bytes)?;
        Ok(input.path.clone())
    }

    /// Writes a PNG of every chart and `review-pack.xlsx` (the figures, with native Excel
    /// charts) into a folder. On failure, the files written so far are removed.
    #[tracing::instrument(skip(self), err)]
    pub async fn export_review_pack(&self, input: &ReviewPackInput) -> Result<ReviewPackResult> {
        let folder = PathBuf::from(&input.folder);
        if folder.exists() && !folder.is_dir() {
            return Err(Error::BadInput(format!(
                "{} is a file, not a folder; choose a folder for the review pack",
                input.folder
            )));
        }
        std::fs::create_dir_all(&folder).map_err(|source| Error::Io {
            path: input.folder.clone(),
            source,
        })?;
        let mut written: Vec<PathBuf> = Vec::new();
        let result = self.write_pack(&folder, &input.period, &mut written).await;
        if result.is_err() {
            for file in &written {
                let _ = std::fs::remove_file(file);
            }
        }
        result?;
        tracing::info!(folder = %input.folder, files = written.len(), "exported the review pack");
        Ok(ReviewPackResult {
            folder: input.folder.clone(),
            files: written.iter().map(|p| p.display().to_string()).collect(),
        })
    }

    async fn write_pack(
        &self,
        folder: &Path,
        period: &Period,
        written: &mut Vec<PathBuf>,
    ) -> Result<()> {
        for (index, kind) in ChartKind::ALL.iter().enumerate() {
            let chart = self
                .chart(&ChartQuery {
                    kind: *kind,
                    period: period.clone(),
                })
                .await?;
            let path = folder.join(format!("{:02}-{}.png", index + 1, kind.slug()));
            write_file(&path, &png(&chart.svg)?)?;
            written.push(path);
        }
        let report = self.metrics(period).await?;
        let path = folder.join("review-pack.xlsx");
        let tables = [
            metrics_table(
                "Overall",
                std::iter::once(&report.overall).chain(&report.by_plan),
            ),
            metrics_table("By rep", &report.by_rep),
            metrics_table("By team", &report.by_team),
            metrics_table("By region", &report.by_region),
        ];
        let chart = |table, kind, title: &str, column, axis: &str, format: &str| SheetChart {
            table,
            kind,
            title: title.to_string(),
            categories: 0,
            values: vec![column],
            value_axis: axis.to_string(),
            number_format: format.to_string(),
        };
        let charts = [
            chart(
                1,
                SheetChartKind::Bar,
                "Expected value per rep (USD)",
                9,
                "USD",
                "$#,##0",
            ),
            chart(
                1,
                SheetChartKind::Bar,
                "Conversion rate per rep (%)",
                5,
                "Conversion",
                "0%",
            ),
            chart(
                2,
                SheetChartKind::Column,
                "Conversion rate per team (%)",
                5,
                "Conversion",
                "0%",
            ),
            chart(
                2,
                SheetChartKind::Column,
                "Won revenue per team (USD)",
                8,
                "USD",
                "$#,##0",
            ),
            chart(
                3,
                SheetChartKind::Column,
                "Won revenue per region (USD)",
                8,
                "USD",
                "$#,##0",
            ),
            chart(
                3,
                SheetChartKind::Column,
                "Median days to close per region",
                6,
                "Days",
                "0",
            ),
        ];
        terrain_sheets::write_xlsx_with_charts(&path, &tables, &charts)?;
        written.push(path);
        Ok(())
    }
}

const METRIC_HEADERS: [&str; 11] = [
    "Name",
    "Accounts",
    "Engagement (signals per account, 30 days)",
    "Won",
    "Lost",
    "Conversion Rate",
    "Median Days to Close",
    "P75 Days to Close",
    "Won Revenue",
    "Expected Value",
    "High-Readiness Share",
];

fn metrics_table<'a>(name: &str, rows: impl IntoIterator<Item = &'a MetricsRow>) -> Table {
    let number = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Number);
    let percent = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Percent);
    Table {
        name: name.to_string(),
        headers: METRIC_HEADERS.iter().map(|h| h.to_string()).collect(),
        rows: rows
            .into_iter()
            .map(|r| {
                vec![
                    Cell::Text(r.name.clone()),
                    Cell::Number(f64::from(r.accounts)),
                    Cell::Number((r.engagement_30d * 100.0).round() / 100.0),
                    Cell::Number(f64::from(r.won)),
                    Cell::Number(f64::from(r.lost)),
                    percent(r.conversion_rate),
                    number(r.median_days_to_close.map(f64::round)),
                    number(r.p75_days_to_close.map(f64::round)),
                    Cell::Number(r.won_revenue.round()),
                    Cell::Number(r.expected_value.round()),
                    percent(r.high_readiness_share),
                ]
            })
            .collect(),
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

fn png(svg: &str) -> Result<Vec<u8>> {
    Ok(terrain_charts::svg_to_png(svg, 2.0)?)
}

/// Writes through a temporary file in the same folder, so a failed write leaves no partial
/// file behind.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = folder.join(format!(
        ".{}.partial",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    if let Err(e) = std::fs::write(&temp, bytes) {
        let _ = std::fs::remove_file(&temp);
        return Err(io(e));
    }
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        io(e)
    })
}

async fn draw(
    workspace: &Workspace,
    kind: ChartKind,
    facts: &Facts,
    m: &metrics::TerritoryMetrics,
) -> Result<(String, String)> {
    let state = &facts.state;
    let active: Vec<(String, BookFact, u32)> = state
        .frame
        .reps
        .iter()
        .filter(|r| r.active)
        .map(|r| {
            let book = facts.books.get(&r.id).copied().unwrap_or_default();
            (
                r.name.clone(),
                book,
                state.frame.capacity.get(&r.id).copied().unwrap_or(0),
            )
        })
        .collect();
    Ok(match kind {
        ChartKind::ExpectedValueByRep => {
            let values: Vec<f64> = active.iter().map(|a| a.1.expected_value).collect();
            let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
            let band = state.frame.settings.band;
            let (low, high) = (mean * (1.0 - band), mean * (1.0 + band));
            let title = format!(
                "Expected value per rep (USD), band ±{:.0}% around the mean",
                band * 100.0
            );
            let svg = terrain_charts::bar_chart(&BarChart {
                title: title.clone(),
                y_label: "Expected value (USD)".into(),
                bars: active
                    .iter()
                    .map(|(name, book, _)| Bar {
                        label: name.clone(),
                        value: book.expected_value,
                        highlight: mean > 0.0
                            && (book.expected_value < low || book.expected_value > high),
                    })
                    .collect(),
                band: (mean > 0.0).then_some((low, high)),
                mean: (mean > 0.0).then_some(mean),
                value_format: ValueFormat::Money,
            });
            (title, svg)
        }
        ChartKind::AccountsByRep => {
            let title = "Accounts per rep (count); red where over capacity".to_string();
            let svg = terrain_charts::bar_chart(&BarChart {
                title: title.clone(),
                y_label: "Accounts".into(),
                bars: active
                    .iter()
                    .map(|(name, book, capacity)| Bar {
                        label: name.clone(),
                        value: f64::from(book.accounts),
                        highlight: book.accounts > *capacity,
                    })
                    .collect(),
                band: None,
                mean: None,
                value_format: ValueFormat::Number,
            });
            (title, svg)
        }
        ChartKind::ReadinessDistribution => {
            let mut bins: Vec<Bin> = (0..10)
                .map(|i| Bin {
                    start: f64::from(i) / 10.0,
                    end: f64::from(i + 1) / 10.0,
                    count: 0,
                })
                .collect();
            for score in state.scores.values() {
                let index = ((score.readiness * 10.0).floor().max(0.0) as usize).min(9);
                bins[index].count += 1;
            }
            let title = "Readiness of all accounts (accounts per band)".to_string();
            let svg = terrain_charts::histogram(&Histogram {
                title: title.clone(),
                x_label: "Readiness (probability of converting)".into(),
                y_label: "Accounts".into(),
                bins,
            });
            (title, svg)
        }
        ChartKind::ConversionByRep | ChartKind::ConversionByTeam => {
            let (rows, who) = if kind == ChartKind::ConversionByRep {
                (&m.by_rep, "rep")
            } else {
                (&m.by_team, "team")
            };
            let title = format!("Conversion rate per {who} (% of closed deals won)");
            let svg = terrain_charts::bar_chart(&BarChart {
                title: title.clone(),
                y_label: "Conversion rate".into(),
                bars: rows
                    .iter()
                    .filter_map(|r| {
                        r.conversion_rate.map(|rate| Bar {
                            label: r.name.clone(),
                            value: rate,
                            highlight: false,
                        })
                    })
                    .collect(),
                band: None,
                mean: m.overall.conversion_rate,
                value_format: ValueFormat::Percent,
            });
            (title, svg)
        }
        ChartKind::TimeToClose => {
            let days: Vec<f64> = facts
                .deals
                .iter()
                .filter(|d| d.outcome == Outcome::Won)
                .filter_map(|d| match (d.created, d.closed) {
                    (Some(c), Some(x)) if x >= c && facts.period.contains(x) => {
                        Some((x - c).num_days() as f64)
                    }
                    _ => None,
                })
                .collect();
            let longest = days.iter().copied().fold(0.0, f64::max);
            let width = ((longest / 12.0 / 5.0).ceil() * 5.0).max(5.0);
            let mut bins: Vec<Bin> = (0..12)
                .map(|i| Bin {
                    start: f64::from(i) * width,
                    end: f64::from(i + 1) * width,
                    count: 0,
                })
                .collect();
            for d in &days {
                let index = ((d / width).floor() as usize).min(11);
                bins[index].count += 1;
            }
            let title = "Time to close of won deals (deals per band of days)".to_string();
            let svg = terrain_charts::histogram(&Histogram {
                title: title.clone(),
                x_label: "Days from creation to close".into(),
                y_label: "Won deals".into(),
                bins,
            });
            (title, svg)
        }
        ChartKind::RevenueOverTime => {
            let region_of: HashMap<i64, String> = state
                .frame
                .reps
                .iter()
                .map(|r| {
                    (
                        r.id,
                        r.region
                            .clone()
                            .or_else(|| r.team.clone())
                            .unwrap_or_else(|| "(none)".into()),
                    )
                })
                .collect();
            let mut by_month: BTreeMap<(i32, u32), BTreeMap<String, f64>> = BTreeMap::new();
            for d in &facts.deals {
                let (Outcome::Won, Some(closed), Some(amount)) = (d.outcome, d.closed, d.amount)
                else {
                    continue;
                };
                if amount <= 0.0 || !facts.period.contains(closed) {
                    continue;
                }
                let territory = d
                    .rep_id
                    .and_then(|r| region_of.get(&r).cloned())
                    .unwrap_or_else(|| "(no rep)".into());
                *by_month
                    .entry((closed.year(), closed.month()))
                    .or_default()
                    .entry(territory)
                    .or_default() += amount;
            }
            // At most the 18 latest months, so the chart stays readable.
            let months: Vec<(i32, u32)> = by_month.keys().copied().collect();
            let months = &months[months.len().saturating_sub(18)..];
            let mut territories: Vec<String> =
                by_month.values().flat_map(|m| m.keys().cloned()).collect();
            territories.sort();
            territories.dedup();
            let title = "Won revenue per territory and month (USD)".to_string();
            let svg = terrain_charts::line_chart(&LineChart {
                title: title.clone(),
                x_label: "Month closed".into(),
                y_label: "Won revenue (USD)".into(),
                categories: months
                    .iter()
                    .map(|(y, m)| {
                        NaiveDate::from_ymd_opt(*y, *m, 1)
                            .map_or_else(String::new, |d| d.format("%b %Y").to_string())
                    })
                    .collect(),
                series: territories
                    .iter()
                    .map(|t| Series {
                        name: t.clone(),
                        values: months
                            .iter()
                            .map(|k| by_month.get(k).and_then(|m| m.get(t)).copied())
                            .collect(),
                    })
                    .collect(),
                value_format: ValueFormat::Money,
                y_max: None,
            });
            (title, svg)
        }
        ChartKind::StaticVsDynamic => {
            let accounts = workspace.store.account_facts().await?;
            let geographic = static_books(state, &accounts);
            let title =
                "Expected value per rep (USD): territories by geography against Terrain's plan"
                    .to_string();
            let svg = terrain_charts::grouped_bar_chart(&GroupedBarChart {
                title: title.clone(),
                y_label: "Expected value (USD)".into(),
                categories: active.iter().map(|a| a.0.clone()).collect(),
                series: vec![
                    GroupSeries {
                        name: "By geography".into(),
                        values: state
                            .frame
                            .reps
                            .iter()
                            .filter(|r| r.active)
                            .map(|r| geographic.get(&r.id).copied().unwrap_or(0.0))
                            .collect(),
                    },
                    GroupSeries {
                        name: "Terrain".into(),
                        values: active.iter().map(|a| a.1.expected_value).collect(),
                    },
                ],
                value_format: ValueFormat::Money,
            });
            (title, svg)
        }
        ChartKind::LiftByBand => {
            let (bars, note) = lift_by_decile(workspace, facts).await?;
            let overall = (!bars.is_empty()).then_some(1.0);
            let title = "Lift by readiness decile, scored before the deals closed (1.0 = average)"
                .to_string();
            let svg = terrain_charts::bar_chart(&BarChart {
                title: title.clone(),
                y_label: if note.is_empty() {
                    "Lift".into()
                } else {
                    format!("Lift: {note}")
                },
                bars,
                band: None,
                mean: overall,
                value_format: ValueFormat::Number,
            });
            (title, svg)
        }
        ChartKind::Lorenz => {
            let title =
                "How evenly expected value is spread across reps (Lorenz curve)".to_string();
            let svg = terrain_charts::lorenz_chart(&LorenzChart {
                title: title.clone(),
                x_label: "Share of reps".into(),
                y_label: "Share of expected value".into(),
                values: active.iter().map(|a| a.1.expected_value).collect(),
            });
            (title, svg)
        }
    })
}

/// Lift by readiness decile, measured out of time so the score cannot see the outcomes it is
/// judged on: accounts are ranked by the readiness they had the day before a cutoff, and
/// conversion is counted on the deals closed after it. The cutoff is the period's start, or,
/// for an open period, the date that splits the closed deals in half.
async fn lift_by_decile(workspace: &Workspace, facts: &Facts) -> Result<(Vec<Bar>, String)> {
    let closes: Vec<NaiveDate> = {
        let mut days: Vec<NaiveDate> = workspace
            .store
            .opportunity_facts()
            .await?
            .into_iter()
            .filter(|d| d.account_id.is_some() && d.outcome != "open")
            .filter_map(|d| d.closed)
            .filter(|d| facts.period.contains(*d))
            .collect();
        days.sort();
        days
    };
    let Some(cutoff) = facts
        .period
        .from
        .or_else(|| closes.get(closes.len() / 2).copied())
    else {
        return Ok((Vec::new(), String::new()));
    };
    let before = cutoff - chrono::Days::new(1);
    let (scored, _) = workspace.compute_scores(before, None).await?;
    let mut ranked: Vec<(i64, f64)> = scored
        .scores
        .iter()
        .map(|s| (s.account_id, s.readiness))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

    let mut after: HashMap<i64, (u32, u32)> = HashMap::new();
    for d in workspace.store.opportunity_facts().await? {
        let (Some(account), Some(closed)) = (d.account_id, d.closed) else {
            continue;
        };
        if closed < cutoff || !facts.period.contains(closed) {
            continue;
        }
        let entry = after.entry(account).or_default();
        match Outcome::parse(&d.outcome) {
            Some(Outcome::Won) => entry.0 += 1,
            Some(Outcome::Lost) => entry.1 += 1,
            _ => {}
        }
    }
    let mut deciles = [(0u32, 0u32); 10];
    for (rank, (account, _)) in ranked.iter().enumerate() {
        if let Some((won, lost)) = after.get(account) {
            let d = &mut deciles[rank * 10 / ranked.len()];
            d.0 += won;
            d.1 += lost;
        }
    }
    let won: u32 = deciles.iter().map(|d| d.0).sum();
    let closed: u32 = deciles.iter().map(|d| d.0 + d.1).sum();
    if closed == 0 {
        return Ok((Vec::new(), String::new()));
    }
    let overall = f64::from(won) / f64::from(closed);
    let bars = deciles
        .iter()
        .enumerate()
        .filter(|(_, d)| d.0 + d.1 > 0)
        .map(|(i, d)| {
            let rate = f64::from(d.0) / f64::from(d.0 + d.1);
            Bar {
                label: match i {
                    0 => "Top 10%".to_string(),
                    9 => "Bottom 10%".to_string(),
                    _ => format!("{}–{}%", i * 10, (i + 1) * 10),
                },
                value: if overall > 0.0 { rate / overall } else { 0.0 },
                highlight: false,
            }
        })
        .collect();
    let note = format!(
        "ranked by readiness on {}, deals closed from {} on",
        before.format("%-d %b %Y"),
        cutoff.format("%-d %b %Y")
    );
    Ok((bars, note))
}

fn row(f: Figures) -> MetricsRow {
    MetricsRow {
        name: f.name,
        accounts: f.accounts,
        engagement_30d: f.engagement_30d,
        won: f.won,
        lost: f.lost,
        conversion_rate: f.conversion_rate,
        median_days_to_close: f.median_days_to_close,
        p75_days_to_close: f.p75_days_to_close,
        won_revenue: f.won_revenue,
        expected_value: f.expected_value,
        high_readiness_share: f.high_readiness_share,
    }
}
