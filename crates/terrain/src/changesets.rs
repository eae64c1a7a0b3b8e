//! Change-sets for the CRM: only the accounts whose owner changed in the active plan, since a
//! day or since an earlier plan, written as a Salesforce owner update, a HubSpot companies
//! import or a workbook for people.
//!
//! Terrain decides who owns what, but reps work in the CRM, so the decisions have to travel
//! back. Sending the whole book each time would overwrite the CRM's own edits and flood its
//! history; a change-set carries the net effect per account instead (A to B and back to A
//! sends nothing, a lock sends nothing), read from the journal or from two plans' assignments.
//! CRMs name owners by user id, so each rep's CRM user id is kept in the workspace too.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::{DateTime, Local, NaiveDate};
use terrain_sheets::{Cell, Table};
use terrain_store::{DoneEntry, PlanRow, RepCrmId};

use crate::error::{Error, Result};
use crate::exporting::{check_folder, owner_name};
use crate::planning::start_of_day;
use crate::views::{ChangeSetFormat, ChangeSetInput, ChangeSetWritten, CrmUserId};
use crate::Workspace;

/// Reps named in full in an error before the rest are counted.
const NAMED: usize = 3;

/// One account's owner before and after, netted over everything in between.
#[derive(Debug, Clone, PartialEq)]
struct OwnerMove {
    account_id: i64,
    from: Option<i64>,
    to: Option<i64>,
    /// When the last change was made (RFC 3339), or a plan's effective date.
    at: String,
    reason: String,
}

/// What the change-set compares the active plan with, for the note.
enum Since {
    Day(NaiveDate),
    Plan(PlanRow),
    Start,
}

impl Workspace {
    /// Every rep with the user id the CRM knows them by, by name.
    pub async fn crm_user_ids(&self) -> Result<Vec<CrmUserId>> {
        Ok(self
            .store
            .crm_user_ids()
            .await?
            .into_iter()
            .map(|rep| CrmUserId {
                rep_id: rep.id,
                rep: rep.name,
                crm_user_id: rep.crm_user_id,
            })
            .collect())
    }

    /// Saves the director's edits of reps' CRM user ids in one transaction and returns the
    /// list as saved. Ids are trimmed and an empty one clears the rep's; an id that would
    /// belong to two reps is refused with both named, and nothing is saved.
    #[tracing::instrument(skip(self), err)]
    pub async fn set_crm_user_ids(
        &self,
        edits: &[(i64, Option<String>)],
    ) -> Result<Vec<CrmUserId>> {
        let reps = self.store.crm_user_ids().await?;
        let mut ids: BTreeMap<i64, Option<String>> =
            reps.iter().map(|r| (r.id, r.crm_user_id.clone())).collect();
        let mut cleaned = Vec::with_capacity(edits.len());
        for (rep, id) in edits {
            let Some(slot) = ids.get_mut(rep) else {
                return Err(Error::NotFound(format!(
                    "rep {rep} is not in the workspace"
                )));
            };
            let id = id
                .as_deref()
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_string);
            slot.clone_from(&id);
            cleaned.push((*rep, id));
        }

        let names: HashMap<i64, &str> = reps.iter().map(|r| (r.id, r.name.as_str())).collect();
        let mut holders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (rep, id) in &ids {
            if let Some(id) = id {
                holders.entry(id).or_default().push(names[rep]);
            }
        }
        if let Some((id, reps)) = holders.iter_mut().find(|(_, reps)| reps.len() > 1) {
            reps.sort_unstable();
            let both = if reps.len() == 2 { "both " } else { "" };
            return Err(Error::BadInput(format!(
                "CRM user id \"{id}\" would belong to {both}{}; a CRM user is one rep, so give \
                 each rep their own id",
                and_list(reps)
            )));
        }

        self.store.set_crm_user_ids(&cleaned).await?;
        tracing::info!(edited = cleaned.len(), "saved CRM user ids");
        self.crm_user_ids().await
    }

    /// Writes the owner changes of the active plan as a CRM update or a workbook.
    ///
    /// Since a day, each account's changes in the journal from that day on (on whichever plan
    /// was active when they were made) are netted: its first owner against its last, and
    /// nothing when they are the same. Since a plan, the earlier plan's owners are set against
    /// the active plan's. With neither, the changes since the active plan began are netted. A CRM file cannot take an
    /// owner away, so moves to the pool are left out of one and counted; a Salesforce file
    /// needs every new owner's CRM user id, and without one nothing is written.
    #[tracing::instrument(skip(self), err)]
    pub async fn write_change_set(&self, input: &ChangeSetInput) -> Result<ChangeSetWritten> {
        let path = Path::new(&input.path);
        check_target(path, &input.path, input.format)?;
        let active = self.store.active_plan().await?.ok_or_else(|| {
            Error::NotFound("there is no active plan yet: import accounts and assign first".into())
        })?;

        let (since, mut moves) = match (&input.since_date, input.since_plan) {
            (Some(_), Some(_)) => {
                return Err(Error::BadInput(
                    "give a day or an earlier plan to compare with, not both".into(),
                ))
            }
            (Some(day), None) => {
                let day: NaiveDate = day.trim().parse().map_err(|_| {
                    Error::BadInput(format!("\"{day}\" is not a day; write it as YYYY-MM-DD"))
                })?;
                let entries = self
                    .store
                    .done_entries(None, Some(&start_of_day(day)))
                    .await?;
                (Since::Day(day), net_moves(&entries))
            }
            (None, Some(plan)) => {
                let earlier = self.store.plan(plan).await?.ok_or_else(|| {
                    Error::NotFound(format!("plan {plan} is not in the workspace"))
                })?;
                if earlier.status == "draft" {
                    return Err(Error::BadInput(format!(
                        "plan {plan} ({}) is a draft, not an earlier plan: compare with an \
                         archived plan",
                        earlier.name
                    )));
                }
                if earlier.id == active.id {
                    return Err(Error::BadInput(format!(
                        "plan {plan} is the active plan; compare it with an earlier one"
                    )));
                }
                let moves = self.plan_moves(&earlier, &active).await?;
                (Since::Plan(earlier), moves)
            }
            (None, None) => {
                let entries = self.store.done_entries(Some(active.id), None).await?;
                (Since::Start, net_moves(&entries))
            }
        };

        let reps: HashMap<i64, RepCrmId> = self
            .store
            .crm_user_ids()
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        // A plan starts with every account in the pool, so its first placements come "from the
        // pool" even where they give an account the very owner the CRM export named. The CRM
        // holds those already; sending them would bury the real changes.
        let crm_owner: HashMap<i64, String> = self
            .store
            .account_facts()
            .await?
            .into_iter()
            .filter_map(|a| Some((a.id, a.owner_name?.trim().to_lowercase())))
            .collect();
        let before = moves.len();
        moves.retain(|m| {
            let already = m.from.is_none()
                && m.to.and_then(|rep| reps.get(&rep)).is_some_and(|rep| {
                    crm_owner.get(&m.account_id) == Some(&rep.name.trim().to_lowercase())
                });
            !already
        });
        let unchanged = (before - moves.len()) as u32;
        let ids: Vec<i64> = moves.iter().map(|m| m.account_id).collect();
        let accounts: HashMap<i64, (String, String)> = self
            .store
            .account_keys(&ids)
            .await?
            .into_iter()
            .map(|a| (a.id, (a.key, a.name)))
            .collect();
        let name_of = |id: i64| accounts.get(&id).map_or("", |a| a.1.as_str());
        moves.sort_by(|a, b| {
            a.at.cmp(&b.at)
                .then_with(|| name_of(a.account_id).cmp(name_of(b.account_id)))
                .then_with(|| a.account_id.cmp(&b.account_id))
        });

        let table = match input.format {
            ChangeSetFormat::Xlsx => workbook_table(&moves, &accounts, &reps),
            ChangeSetFormat::Salesforce | ChangeSetFormat::Hubspot => {
                crm_table(input.format, &moves, &accounts, &reps)?
            }
        };
        let rows = table.rows.len() as u32;
        let left_out = moves.len() as u32 - rows;
        match input.format {
            ChangeSetFormat::Xlsx => terrain_sheets::write_xlsx(path, &[table])?,
            _ => terrain_sheets::write_csv(path, &table)?,
        }
        let mut note = note(&since, rows, left_out, input.format);
        if unchanged > 0 {
            note.push_str(&format!(
                "; {unchanged} placed with the owner the CRM already names, so left out"
            ));
        }
        tracing::info!(path = %input.path, rows, left_out, "wrote change-set");
        Ok(ChangeSetWritten {
            path: input.path.clone(),
            rows,
            left_out,
            note,
        })
    }

    /// Every account whose owner differs between an earlier plan and the active one. The
    /// time of a move is that of the active plan's last journal entry that changed the
    /// account's owner, else the active plan's effective date.
    async fn plan_moves(&self, earlier: &PlanRow, active: &PlanRow) -> Result<Vec<OwnerMove>> {
        let before: HashMap<i64, Option<i64>> = self
            .store
            .assignments(earlier.id)
            .await?
            .into_iter()
            .map(|a| (a.account_id, a.rep_id))
            .collect();
        let after: HashMap<i64, (Option<i64>, String)> = self
            .store
            .assignments(active.id)
            .await?
            .into_iter()
            .map(|a| (a.account_id, (a.rep_id, a.reason)))
            .collect();
        let mut last_change: HashMap<i64, String> = HashMap::new();
        for entry in self.store.done_entries(Some(active.id), None).await? {
            for change in entry.changes.iter().filter(|c| c.from_rep != c.to_rep) {
                last_change.insert(change.account_id, entry.at.clone());
            }
        }
        let accounts: BTreeSet<i64> = before.keys().chain(after.keys()).copied().collect();
        Ok(accounts
            .into_iter()
            .filter_map(|account| {
                let from = before.get(&account).copied().flatten();
                let (to, reason) = after.get(&account).cloned().unwrap_or_default();
                (from != to).then(|| OwnerMove {
                    account_id: account,
                    from,
                    to,
                    at: last_change
                        .get(&account)
                        .cloned()
                        .unwrap_or_else(|| active.effective.to_string()),
                    reason,
                })
            })
            .collect())
    }
}

/// Refuses a target in a missing folder, or whose extension says another format than the one
/// asked for, before any work is done.
fn check_target(path: &Path, shown: &str, format: ChangeSetFormat) -> Result<()> {
    check_folder(path, shown)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let clash = match (format, extension.as_deref()) {
        (ChangeSetFormat::Xlsx, Some("csv")) => Some("an XLSX workbook"),
        (ChangeSetFormat::Salesforce | ChangeSetFormat::Hubspot, Some("xlsx" | "xls")) => {
            Some("a CSV file")
        }
        _ => None,
    };
    match clash {
        Some(what) => Err(Error::BadInput(format!(
            "{shown}: this change-set is {what}; give the file a matching extension"
        ))),
        None => Ok(()),
    }
}

/// Each account's first owner against its last over the entries, oldest first. Changes that
/// keep the owner (a lock, an unlock) are not moves, and neither is a round trip.
fn net_moves(entries: &[DoneEntry]) -> Vec<OwnerMove> {
    let mut moves: BTreeMap<i64, OwnerMove> = BTreeMap::new();
    for entry in entries {
        for change in entry.changes.iter().filter(|c| c.from_rep != c.to_rep) {
            moves
                .entry(change.account_id)
                .and_modify(|m| {
                    m.to = change.to_rep;
                    m.at.clone_from(&entry.at);
                    m.reason.clone_from(&change.to_reason);
                })
                .or_insert_with(|| OwnerMove {
                    account_id: change.account_id,
                    from: change.from_rep,
                    to: change.to_rep,
                    at: entry.at.clone(),
                    reason: change.to_reason.clone(),
                });
        }
    }
    moves.into_values().filter(|m| m.from != m.to).collect()
}

fn rep_name(reps: &HashMap<i64, RepCrmId>, rep: Option<i64>) -> String {
    owner_name(rep, |id| reps.get(&id).map(|r| r.name.as_str()))
}

/// The rows a CRM imports: account key and new owner, for moves that have an owner.
fn crm_table(
    format: ChangeSetFormat,
    moves: &[OwnerMove],
    accounts: &HashMap<i64, (String, String)>,
    reps: &HashMap<i64, RepCrmId>,
) -> Result<Table> {
    let owners: Vec<i64> = moves.iter().filter_map(|m| m.to).collect();
    if format == ChangeSetFormat::Salesforce {
        let missing: BTreeSet<String> = owners
            .iter()
            .filter(|id| reps.get(id).and_then(|r| r.crm_user_id.as_ref()).is_none())
            .map(|&id| rep_name(reps, Some(id)))
            .collect();
        if !missing.is_empty() {
            let missing: Vec<&str> = missing.iter().map(String::as_str).collect();
            return Err(Error::BadInput(format!(
                "a Salesforce owner update names each new owner by CRM user id, and {} without \
                 one: {}; import a reps sheet with a User ID column or set their CRM user ids, \
                 then write the change-set again",
                match missing.len() {
                    1 => "1 rep is".to_string(),
                    n => format!("{n} reps are"),
                },
                first_few(&missing)
            )));
        }
    }
    let headers = match format {
        ChangeSetFormat::Hubspot => ["Record ID", "Company owner"],
        _ => ["Id", "OwnerId"],
    };
    let rows = moves
        .iter()
        .filter_map(|m| {
            let rep = reps.get(&m.to?);
            let owner = match (format, rep) {
                (
                    _,
                    Some(RepCrmId {
                        crm_user_id: Some(id),
                        ..
                    }),
                ) => id.clone(),
                (ChangeSetFormat::Hubspot, Some(rep)) => rep.name.clone(),
                _ => rep_name(reps, m.to),
            };
            let key = accounts.get(&m.account_id).map(|a| a.0.clone())?;
            Some(vec![Cell::Text(key), Cell::Text(owner)])
        })
        .collect();
    Ok(Table {
        name: "Owners".into(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
    })
}

/// Every move, pool included, for people to read.
fn workbook_table(
    moves: &[OwnerMove],
    accounts: &HashMap<i64, (String, String)>,
    reps: &HashMap<i64, RepCrmId>,
) -> Table {
    let rows = moves
        .iter()
        .map(|m| {
            let (key, name) = accounts.get(&m.account_id).cloned().unwrap_or_default();
            vec![
                Cell::Text(key),
                Cell::Text(name),
                Cell::Text(rep_name(reps, m.from)),
                Cell::Text(rep_name(reps, m.to)),
                Cell::Text(local_time(&m.at)),
                Cell::Text(m.reason.clone()),
            ]
        })
        .collect();
    Table {
        name: "Owner changes".into(),
        headers: [
            "Account ID",
            "Account",
            "From",
            "To",
            "Changed at",
            "Reason",
        ]
        .iter()
        .map(|h| h.to_string())
        .collect(),
        rows,
    }
}

/// A journal time on the director's clock, to the minute; a plain date stays as it is.
fn local_time(at: &str) -> String {
    DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_string(),
        |t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string(),
    )
}

fn note(since: &Since, rows: u32, left_out: u32, format: ChangeSetFormat) -> String {
    let what = match since {
        Since::Day(day) => format!("since {}", day.format("%-d %B %Y")),
        Since::Plan(plan) => format!("against {} (plan {})", plan.name, plan.id),
        Since::Start => "since the active plan began".to_string(),
    };
    let changes = match rows {
        1 => "1 owner change".to_string(),
        n => format!("{n} owner changes"),
    };
    let mut note = format!("{changes} {what}");
    if left_out > 0 {
        let crm = match format {
            ChangeSetFormat::Hubspot => "HubSpot",
            _ => "Salesforce",
        };
        note.push_str(&format!(
            "; {} to the pool left out: {crm} has no owner for the pool, so give {} the \
             owner or queue your CRM keeps unworked accounts with",
            match left_out {
                1 => "1 move".to_string(),
                n => format!("{n} moves"),
            },
            if left_out == 1 {
                "that account"
            } else {
                "those accounts"
            }
        ));
    }
    note
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The first few items and how many more there are.
fn first_few(items: &[&str]) -> String {
    if items.len() <= NAMED {
        and_list(items)
    } else {
        format!(
            "{} and {} more",
            items[..NAMED].join(", "),
            items.len() - NAMED
        )
    }
}
