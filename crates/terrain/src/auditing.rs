//! The audit log: the journal read for people. Every manual move, lock, plan and accepted
//! review is an entry; each names the accounts it changed, who owned them before and after,
//! and why. The same rows export to XLSX for whoever asks who owned what, and when.

use std::collections::HashMap;
use std::path::Path;

use terrain_sheets::{Cell, Table};
use terrain_store::{Change, JournalSummary};

use crate::error::{Error, Result};
use crate::exporting::{check_folder, owner_name};
use crate::views::{
    AuditChange, AuditEntry, AuditEntryDetail, AuditExportInput, AuditExported, AuditPage,
    AuditQuery,
};
use crate::Workspace;

/// The most entries one page holds (the History screen asks for more a hundred at a time),
/// and the most changes one entry shows on screen: a first plan changes every account, which
/// the export lists in full.
const PAGE_MAX: u32 = 10_000;
const CHANGES_SHOWN: usize = 500;

const HEADERS: [&str; 10] = [
    "When",
    "Action",
    "What",
    "State",
    "Account ID",
    "Account",
    "From",
    "To",
    "Locked",
    "Reason",
];

/// Names for the accounts and reps an entry mentions.
struct Names {
    accounts: HashMap<i64, (String, String)>,
    reps: HashMap<i64, String>,
}

impl Names {
    async fn load(workspace: &Workspace) -> Result<Names> {
        let accounts = workspace
            .store
            .account_facts()
            .await?
            .into_iter()
            .map(|a| (a.id, (a.key, a.name)))
            .collect();
        let reps = workspace
            .store
            .reps()
            .await?
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect();
        Ok(Names { accounts, reps })
    }

    fn account(&self, id: i64) -> (String, String) {
        self.accounts
            .get(&id)
            .cloned()
            .unwrap_or_else(|| (id.to_string(), format!("account {id} (deleted)")))
    }

    fn rep(&self, id: Option<i64>) -> String {
        owner_name(id, |id| self.reps.get(&id).map(String::as_str))
    }

    fn change(&self, change: &Change) -> AuditChange {
        let (key, name) = self.account(change.account_id);
        AuditChange {
            account_id: change.account_id,
            account_key: key,
            account: name,
            from: self.rep(change.from_rep),
            to: self.rep(change.to_rep),
            locked: change.to_locked,
            reason: change.to_reason.clone(),
        }
    }
}

fn entry(summary: JournalSummary) -> AuditEntry {
    AuditEntry {
        id: summary.id,
        at: summary.at,
        action: summary.action,
        label: summary.label,
        state: summary.state,
        changes: u32::try_from(summary.changes).unwrap_or(u32::MAX),
    }
}

impl Workspace {
    /// A page of the audit log, newest first; with `account_id`, only the entries that changed
    /// that account.
    pub async fn audit_log(&self, query: &AuditQuery) -> Result<AuditPage> {
        let limit = query.limit.clamp(1, PAGE_MAX);
        let (total, rows) = self
            .store
            .journal_page(query.account_id, limit, query.offset)
            .await?;
        Ok(AuditPage {
            total: u32::try_from(total).unwrap_or(u32::MAX),
            entries: rows.into_iter().map(entry).collect(),
        })
    }

    /// What one entry changed, account by account (the first 500 on screen), with an
    /// account's own change listed first when the log is filtered to it.
    pub async fn audit_entry(&self, id: i64, account_id: Option<i64>) -> Result<AuditEntryDetail> {
        let Some(mut changes) = self.store.journal_changes(id).await? else {
            return Err(Error::NotFound(format!("no audit log entry {id}")));
        };
        if let Some(account) = account_id {
            changes.sort_by_key(|c| c.account_id != account);
        }
        let names = Names::load(self).await?;
        let total = changes.len() as u32;
        Ok(AuditEntryDetail {
            id,
            total,
            changes: changes
                .iter()
                .take(CHANGES_SHOWN)
                .map(|c| names.change(c))
                .collect(),
        })
    }

    /// Writes the whole audit log to an XLSX file, one row per account changed, oldest first.
    #[tracing::instrument(skip(self), err)]
    pub async fn export_audit_log(&self, input: &AuditExportInput) -> Result<AuditExported> {
        let path = Path::new(&input.path);
        let is_xlsx = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if !is_xlsx {
            return Err(Error::BadInput(format!(
                "{}: the audit log exports to .xlsx; choose a file name ending in .xlsx",
                input.path
            )));
        }
        check_folder(path, &input.path)?;
        let names = Names::load(self).await?;
        let mut rows = Vec::new();
        for (summary, changes) in self.store.journal_entries().await? {
            for change in &changes {
                let shown = names.change(change);
                rows.push(vec![
                    Cell::Text(summary.at.clone()),
                    Cell::Text(summary.action.clone()),
                    Cell::Text(summary.label.clone()),
                    Cell::Text(summary.state.clone()),
                    Cell::Text(shown.account_key),
                    Cell::Text(shown.account),
                    Cell::Text(shown.from),
                    Cell::Text(shown.to),
                    Cell::Text(if shown.locked { "yes" } else { "no" }.to_string()),
                    Cell::Text(shown.reason),
                ]);
            }
        }
        let count = rows.len() as u32;
        let table = Table {
            name: "Audit log".to_string(),
            headers: HEADERS.iter().map(|h| (*h).to_string()).collect(),
            rows,
        };
        terrain_sheets::write_xlsx(path, &[table])?;
        tracing::info!(rows = count, path = %input.path, "audit log exported");
        Ok(AuditExported {
            path: input.path.clone(),
            rows: count,
        })
    }
}
