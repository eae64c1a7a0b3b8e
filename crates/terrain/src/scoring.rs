//! The scoring screen's use cases: the settings form, what new settings would change before
//! they are saved, saving them and rescoring, a score's history and its chart, and the model's
//! last report.

use std::collections::HashMap;

use chrono::NaiveDate;
use terrain_charts::{LineChart, Series, ValueFormat};
use terrain_core::score::{ScoringSettings, Stage};

use crate::error::{Error, Result};
use crate::planning::today;
use crate::views::{
    ModelReport, ScoreChart, ScoreHistory, ScoreHistoryPoint, ScoringForm, ScoringPreview,
    ScoringResult, StageChange,
};
use crate::Workspace;

/// A stage per account of the current snapshot.
async fn current_stages(workspace: &Workspace) -> Result<HashMap<i64, String>> {
    Ok(workspace
        .store
        .current_scores()
        .await?
        .into_iter()
        .map(|s| (s.account_id, s.stage))
        .collect())
}

/// A snapshot date as the director reads it, e.g. "30 Jun 2017"; the stored text when it is
/// not a date.
fn day_label(as_of: &str) -> String {
    as_of
        .parse::<NaiveDate>()
        .map_or_else(|_| as_of.to_string(), |d| d.format("%-d %b %Y").to_string())
}

impl Workspace {
    /// The settings form: the saved settings, the defaults and the custom fields to choose from.
    pub async fn scoring_form(&self) -> Result<ScoringForm> {
        Ok(ScoringForm {
            settings: self.scoring_settings().await?,
            defaults: ScoringSettings::default(),
            custom_fields: self.custom_fields().await?,
        })
    }

    /// The names of the accounts' custom fields, which ICP criteria may match on.
    pub async fn custom_fields(&self) -> Result<Vec<String>> {
        Ok(self.store.account_custom_fields().await?)
    }

    /// Checks and saves `settings`, then rescores every account on the current snapshot's
    /// date, the date the preview compares against, so the stages that change are the ones the
    /// preview counted. Invalid settings are refused before anything is saved.
    #[tracing::instrument(skip(self, settings), err)]
    pub async fn apply_scoring_settings(
        &self,
        settings: &ScoringSettings,
    ) -> Result<ScoringResult> {
        crate::planning::validate_scoring(settings)?;
        let as_of = self.store.scores_as_of().await?.unwrap_or_else(today);
        let before = current_stages(self).await?;
        self.save_scoring_settings(settings).await?;
        let accounts = self.score(Some(as_of)).await?;

        let after = current_stages(self).await?;
        let cold = Stage::Cold.as_str();
        let changed = after
            .iter()
            .filter(|(id, stage)| before.get(*id).map_or(cold, String::as_str) != stage.as_str())
            .count() as u32;
        let note = self
            .store
            .setting("scoring_note")
            .await?
            .unwrap_or_default();
        tracing::info!(accounts, changed, %as_of, "scoring settings applied");
        Ok(ScoringResult {
            as_of: as_of.to_string(),
            accounts,
            changed,
            note,
        })
    }

    /// One account's readiness, fit, engagement and intent at each stored snapshot, as a line
    /// chart. One snapshot draws as a point per part, none as a chart saying there is no data.
    #[tracing::instrument(skip(self), err)]
    pub async fn score_history_chart(&self, account_id: i64) -> Result<ScoreChart> {
        let history = self.score_history(account_id).await?;
        let points = &history.points;
        let part = |name: &str, value: fn(&ScoreHistoryPoint) -> f64| Series {
            name: name.into(),
            values: points.iter().map(|p| Some(value(p))).collect(),
        };
        let title = "Score by snapshot".to_string();
        let svg = terrain_charts::line_chart(&LineChart {
            title: title.clone(),
            x_label: "Scored on".into(),
            y_label: "Score".into(),
            categories: points.iter().map(|p| day_label(&p.as_of)).collect(),
            series: vec![
                part("Readiness", |p| p.readiness),
                part("Fit", |p| p.fit),
                part("Engagement", |p| p.engagement),
                part("Intent", |p| p.intent),
            ],
            value_format: ValueFormat::Percent,
            // Every part is a share from 0 to 1, so the axis ends at 100%.
            y_max: Some(1.0),
        });
        let subtitle = match (points.first(), points.last()) {
            (Some(first), Some(last)) if points.len() > 1 => format!(
                "{} snapshots, {} – {}",
                points.len(),
                day_label(&first.as_of),
                day_label(&last.as_of)
            ),
            (Some(only), _) => format!(
                "One snapshot so far, on {}; the next scoring run adds a point",
                day_label(&only.as_of)
            ),
            _ => "Not scored yet".to_string(),
        };
        Ok(ScoreChart {
            account_id,
            title,
            subtitle,
            svg,
        })
    }

    /// The stored model report, or, when no scoring run has stored one yet, a fresh one.
    pub async fn model_report_or_train(&self) -> Result<ModelReport> {
        match self.latest_model_report().await? {
            Some(report) => Ok(report),
            None => self.model_report().await,
        }
    }

    /// Every stored snapshot of one account's score, oldest first.
    pub async fn score_history(&self, account_id: i64) -> Result<ScoreHistory> {
        if self.store.account_ids(&[account_id]).await?.is_empty() {
            return Err(Error::NotFound(format!("account {account_id}")));
        }
        let points = self
            .store
            .score_history(account_id)
            .await?
            .into_iter()
            .map(|p| ScoreHistoryPoint {
                as_of: p.as_of.to_string(),
                readiness: p.readiness,
                fit: p.fit,
                engagement: p.engagement,
                intent: p.intent,
                stage: p.stage,
            })
            .collect();
        Ok(ScoreHistory { account_id, points })
    }

    /// Scores the workspace with `settings` as of the current snapshot's date, without saving
    /// anything, and counts the accounts whose stage would change, by change.
    #[tracing::instrument(skip(self, settings), err)]
    pub async fn preview_scoring(&self, settings: &ScoringSettings) -> Result<ScoringPreview> {
        crate::planning::validate_scoring(settings)?;
        let as_of = self.store.scores_as_of().await?.unwrap_or_else(today);
        let current = current_stages(self).await?;
        let (scored, report) = self.compute_scores(as_of, Some(settings)).await?;
        let mut changes: HashMap<(String, String), u32> = HashMap::new();
        for score in &scored.scores {
            let to = score.stage.as_str().to_string();
            let from = current
                .get(&score.account_id)
                .cloned()
                .unwrap_or_else(|| Stage::Cold.as_str().to_string());
            if from != to {
                *changes.entry((from, to)).or_default() += 1;
            }
        }
        let mut changes: Vec<StageChange> = changes
            .into_iter()
            .map(|((from, to), accounts)| StageChange { from, to, accounts })
            .collect();
        changes.sort_by(|a, b| b.accounts.cmp(&a.accounts).then(a.from.cmp(&b.from)));
        Ok(ScoringPreview {
            as_of: as_of.to_string(),
            accounts: scored.scores.len() as u32,
            changed: changes.iter().map(|c| c.accounts).sum(),
            changes,
            readiness_from_model: report.model.is_some(),
            note: scored.note,
        })
    }

    /// The model report of the last scoring run or `terrain model`, without training again.
    pub async fn latest_model_report(&self) -> Result<Option<ModelReport>> {
        Ok(self
            .store
            .setting("model_report")
            .await?
            .and_then(|json| serde_json::from_str(&json).ok()))
    }
}
