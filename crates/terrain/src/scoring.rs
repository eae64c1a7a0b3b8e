//! The scoring screen's use cases: a score's history, what new settings would change before
//! they are saved, and the model's last report.

use std::collections::HashMap;

use terrain_core::score::{ScoringSettings, Stage};

use crate::error::{Error, Result};
use crate::planning::today;
use crate::views::{ModelReport, ScoreHistory, ScoreHistoryPoint, ScoringPreview, StageChange};
use crate::Workspace;

impl Workspace {
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
        let current: HashMap<i64, String> = self
            .store
            .current_scores()
            .await?
            .into_iter()
            .map(|s| (s.account_id, s.stage))
            .collect();
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
