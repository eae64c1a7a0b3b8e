//! Duplicate accounts: the groups an import proposed for merging, and the director's answer.
//!
//! Every import ends by proposing which accounts look like one company (see
//! `terrain_store::merges` and `terrain_core::dedupe`). Nothing is merged until the director
//! accepts a group here; a group kept apart is remembered and not proposed again. After a
//! merge the workspace is rescored on the current snapshot's date, so the kept account's
//! readiness counts the merged deals and activity, and every figure counts the company once.

use crate::error::Result;
use crate::views::{DuplicateAccount, MergeInput, MergeProposal, MergeResult};
use crate::Workspace;

impl Workspace {
    /// The open merge proposals, oldest first.
    pub async fn merge_proposals(&self) -> Result<Vec<MergeProposal>> {
        Ok(self
            .store
            .merge_proposals()
            .await?
            .into_iter()
            .map(|p| MergeProposal {
                id: p.id,
                reason: p.reason,
                proposed_at: p.proposed_at,
                accounts: p
                    .members
                    .into_iter()
                    .map(|m| DuplicateAccount {
                        id: m.account_id,
                        key: m.key,
                        name: m.name,
                        website: m.website,
                        opportunities: u32::try_from(m.opportunities).unwrap_or(u32::MAX),
                    })
                    .collect(),
            })
            .collect())
    }

    /// Merges a proposal's accounts into one, in one transaction, then rescores.
    ///
    /// The merge commits first; should rescoring then fail, the error says the merge was done.
    #[tracing::instrument(skip(self), err)]
    pub async fn merge_accounts(&self, input: &MergeInput) -> Result<MergeResult> {
        let outcome = self.store.merge(input.proposal, input.keep).await?;
        let name = self
            .store
            .account_keys(&[outcome.kept])
            .await?
            .into_iter()
            .next()
            .map(|a| a.name)
            .unwrap_or_default();
        tracing::info!(
            kept = outcome.kept,
            merged = outcome.merged.len(),
            opportunities = outcome.opportunities_moved,
            signals = outcome.signals_moved,
            "merged accounts"
        );
        let as_of = self.store.scores_as_of().await?;
        if let Some(as_of) = as_of {
            self.score(Some(as_of))
                .await
                .map_err(|e| crate::Error::AfterMerge(Box::new(e)))?;
        }
        Ok(MergeResult {
            kept: outcome.kept,
            name,
            merged: outcome.merged.len() as u32,
            opportunities_moved: u32::try_from(outcome.opportunities_moved).unwrap_or(u32::MAX),
            signals_moved: u32::try_from(outcome.signals_moved).unwrap_or(u32::MAX),
            rescored_as_of: as_of.map(|d| d.to_string()),
        })
    }

    /// Remembers that a proposal's accounts are different companies: they stay as they are
    /// and are not proposed together again.
    #[tracing::instrument(skip(self), err)]
    pub async fn keep_apart(&self, proposal: i64) -> Result<()> {
        self.store.keep_apart(proposal).await?;
        tracing::info!(proposal, "kept accounts apart");
        Ok(())
    }
}
