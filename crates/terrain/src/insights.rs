//! Territory metrics and charts.

use std::collections::BTreeMap;

use terrain_charts::{Bar, BarChart, Bin, Histogram, ValueFormat};
use terrain_core::metrics::{territory_metrics, BookFact, DealFact, Figures, RepInfo};
use terrain_core::records::Outcome;

use crate::error::Result;
use crate::views::{Chart, ChartKind, MetricsReport, MetricsRow};
use crate::Workspace;

impl Workspace {
    pub async fn metrics(&self) -> Result<MetricsReport> {
        let state = self.plan_state().await?;
        let reps: Vec<RepInfo> = state
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
        let deals: Vec<DealFact> = self
            .store
            .opportunity_facts()
            .await?
            .into_iter()
            .map(|d| DealFact {
                rep_id: d.rep_id,
                outcome: Outcome::parse(&d.outcome).unwrap_or(Outcome::Open),
                amount: d.amount,
                created: d.created,
                closed: d.closed,
            })
            .collect();
        let mut books: BTreeMap<i64, BookFact> = BTreeMap::new();
        let mut pooled = BookFact::default();
        let accounts = self.store.account_names().await?;
        for (id, _, _) in &accounts {
            let book = match state.owner(*id) {
                Some(rep) => books.entry(rep).or_default(),
                None => &mut pooled,
            };
            book.accounts += 1;
            book.expected_value += state.expected_value(*id);
        }
        let m = territory_metrics(&reps, &deals, &books, pooled);
        Ok(MetricsReport {
            overall: row(m.overall),
            by_rep: m.by_rep.into_iter().map(row).collect(),
            by_team: m.by_team.into_iter().map(row).collect(),
            by_region: m.by_region.into_iter().map(row).collect(),
        })
    }

    pub async fn chart(&self, kind: ChartKind) -> Result<Chart> {
        let (title, svg) = match kind {
            ChartKind::ExpectedValueByRep => {
                let board = self.board().await?;
                let balance = &board.balance;
                let mean = balance.mean_expected_value;
                let (low, high) = (mean * (1.0 - balance.band), mean * (1.0 + balance.band));
                let title = "Expected value per rep (USD), with the balance band".to_string();
                let svg = terrain_charts::bar_chart(&BarChart {
                    title: title.clone(),
                    y_label: "Expected value (USD)".into(),
                    bars: board
                        .reps
                        .iter()
                        .map(|r| Bar {
                            label: r.name.clone(),
                            value: r.expected_value,
                            highlight: mean > 0.0
                                && (r.expected_value < low - 1e-9
                                    || r.expected_value > high + 1e-9),
                        })
                        .collect(),
                    band: (mean > 0.0).then_some((low, high)),
                    mean: (mean > 0.0).then_some(mean),
                    value_format: ValueFormat::Money,
                });
                (title, svg)
            }
            ChartKind::AccountsByRep => {
                let board = self.board().await?;
                let title = "Accounts per rep (count), against capacity".to_string();
                let svg = terrain_charts::bar_chart(&BarChart {
                    title: title.clone(),
                    y_label: "Accounts".into(),
                    bars: board
                        .reps
                        .iter()
                        .map(|r| Bar {
                            label: r.name.clone(),
                            value: r.accounts.len() as f64,
                            highlight: r.accounts.len() as u32 > r.capacity,
                        })
                        .collect(),
                    band: None,
                    mean: None,
                    value_format: ValueFormat::Number,
                });
                (title, svg)
            }
            ChartKind::ReadinessDistribution => {
                let scores = self.store.current_scores().await?;
                let mut bins: Vec<Bin> = (0..10)
                    .map(|i| Bin {
                        start: f64::from(i) / 10.0,
                        end: f64::from(i + 1) / 10.0,
                        count: 0,
                    })
                    .collect();
                for score in &scores {
                    let index = ((score.readiness * 10.0).floor() as usize).min(9);
                    bins[index].count += 1;
                }
                let title = "Readiness of all accounts (count per band)".to_string();
                let svg = terrain_charts::histogram(&Histogram {
                    title: title.clone(),
                    x_label: "Readiness (probability of converting)".into(),
                    y_label: "Accounts".into(),
                    bins,
                });
                (title, svg)
            }
            ChartKind::ConversionByRep => {
                let metrics = self.metrics().await?;
                let title = "Conversion rate per rep (% of closed deals won)".to_string();
                let svg = terrain_charts::bar_chart(&BarChart {
                    title: title.clone(),
                    y_label: "Conversion rate".into(),
                    bars: metrics
                        .by_rep
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
                    mean: metrics.overall.conversion_rate,
                    value_format: ValueFormat::Percent,
                });
                (title, svg)
            }
        };
        Ok(Chart { kind, title, svg })
    }
}

fn row(f: Figures) -> MetricsRow {
    MetricsRow {
        name: f.name,
        accounts: f.accounts,
        won: f.won,
        lost: f.lost,
        conversion_rate: f.conversion_rate,
        median_days_to_close: f.median_days_to_close,
        won_revenue: f.won_revenue,
        expected_value: f.expected_value,
    }
}
