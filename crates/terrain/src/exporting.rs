//! Export of the active plan: an XLSX with a summary sheet and an accounts sheet, or the
//! accounts alone as CSV.

use std::path::Path;

use terrain_sheets::{Cell, Table};

use crate::error::{Error, Result};
use terrain_store::{AccountOrder, AccountPageQuery};

use crate::board::account_row;
use crate::views::{ExportInput, ExportResult};
use crate::Workspace;

const ACCOUNT_HEADERS: [&str; 10] = [
    "Account ID",
    "Account",
    "Owner",
    "Readiness",
    "Stage",
    "Reasons",
    "Expected Value",
    "Industry",
    "Locked",
    "Assignment Reason",
];

impl Workspace {
    /// Writes the active plan as `.xlsx` (summary and accounts sheets) or `.csv` (accounts).
    #[tracing::instrument(skip(self), err)]
    pub async fn export(&self, input: &ExportInput) -> Result<ExportResult> {
        let path = Path::new(&input.path);
        check_folder(path, &input.path)?;
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let accounts = self.accounts_table().await?;
        let count = accounts.rows.len() as u32;
        match extension.as_deref() {
            Some("csv") => terrain_sheets::write_csv(path, &accounts)?,
            Some("xlsx") => {
                let summary = self.summary_table().await?;
                terrain_sheets::write_xlsx(path, &[summary, accounts])?;
            }
            _ => {
                return Err(Error::BadInput(format!(
                    "{}: export writes .xlsx or .csv; choose a file name with one of those \
                     extensions",
                    input.path
                )))
            }
        }
        tracing::info!(path = %input.path, accounts = count, "exported plan");
        Ok(ExportResult {
            path: input.path.clone(),
            accounts: count,
        })
    }

    async fn accounts_table(&self) -> Result<Table> {
        let state = self.plan_state().await?;
        // One statement reads every account, so a move made meanwhile cannot duplicate or
        // drop a row of the export, and no page is sorted twice.
        let plan = Some(state.frame.plan.id);
        let as_of = self.store.scores_as_of().await?;
        let (_, all) = self
            .store
            .account_page(&AccountPageQuery {
                plan,
                as_of,
                search: "",
                order: AccountOrder::Readiness,
                descending: true,
                offset: 0,
                limit: u32::MAX,
            })
            .await?;
        let mut rows = Vec::with_capacity(all.len());
        for account in all.into_iter().map(account_row) {
            let reasons = account
                .reasons
                .iter()
                // Arrows rather than +/−: a cell that starts with a sign reads as a formula.
                .map(|r| format!("{} {}", if r.effect >= 0.0 { "↑" } else { "↓" }, r.text))
                .collect::<Vec<_>>()
                .join("; ");
            let assignment_reason = state
                .owners
                .get(&account.id)
                .map(|a| a.reason.clone())
                .unwrap_or_default();
            let text = |s: Option<String>| s.map_or(Cell::Empty, Cell::Text);
            rows.push(vec![
                Cell::Text(account.key),
                Cell::Text(account.name),
                text(account.owner),
                Cell::Number((account.readiness * 1e4).round() / 1e4),
                Cell::Text(account.stage),
                Cell::Text(reasons),
                Cell::Number(account.expected_value.round()),
                text(account.industry),
                Cell::Text(if account.locked { "yes" } else { "no" }.into()),
                Cell::Text(assignment_reason),
            ]);
        }
        Ok(Table {
            name: "Accounts".into(),
            headers: ACCOUNT_HEADERS.iter().map(|h| h.to_string()).collect(),
            rows,
        })
    }

    async fn summary_table(&self) -> Result<Table> {
        let board = self.board().await?;
        let total: f64 = board.reps.iter().map(|r| r.expected_value).sum();
        let mut rows: Vec<Vec<Cell>> = board
            .reps
            .iter()
            .map(|rep| {
                let text = |s: &Option<String>| s.clone().map_or(Cell::Empty, Cell::Text);
                vec![
                    Cell::Text(rep.name.clone()),
                    text(&rep.team),
                    text(&rep.region),
                    Cell::Number(f64::from(rep.capacity)),
                    Cell::Number(rep.accounts.len() as f64),
                    Cell::Number(rep.expected_value.round()),
                    Cell::Percent(if total > 0.0 {
                        rep.expected_value / total
                    } else {
                        0.0
                    }),
                ]
            })
            .collect();
        rows.push(vec![
            Cell::Text("Pool".into()),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Number(board.pool.len() as f64),
            Cell::Number(
                board
                    .pool
                    .iter()
                    .map(|c| c.expected_value)
                    .sum::<f64>()
                    .round(),
            ),
            Cell::Empty,
        ]);
        Ok(Table {
            name: "Summary".into(),
            headers: [
                "Rep",
                "Team",
                "Region",
                "Capacity",
                "Accounts",
                "Expected Value",
                "Share of Expected Value",
            ]
            .iter()
            .map(|h| h.to_string())
            .collect(),
            rows,
        })
    }
}

/// Refuses to write into a folder that does not exist, naming the file as the user gave it,
/// before any work is done.
pub(crate) fn check_folder(path: &Path, shown: &str) -> Result<()> {
    match path
        .parent()
        .filter(|f| !f.as_os_str().is_empty() && !f.is_dir())
    {
        Some(folder) => Err(Error::BadInput(format!(
            "{shown}: the folder {} does not exist; create it or choose another",
            folder.display()
        ))),
        None => Ok(()),
    }
}

/// An owner as people read it in exports: the rep's name, "Pool" for no rep, and the id of a
/// rep who has since left the workspace.
pub(crate) fn owner_name<'a>(rep: Option<i64>, name: impl Fn(i64) -> Option<&'a str>) -> String {
    match rep {
        None => "Pool".to_string(),
        Some(id) => name(id).map_or_else(|| format!("rep {id} (removed)"), str::to_string),
    }
}
