//! Duplicate accounts: the groups an import proposes for merging, the director's answer to each,
//! and the merge itself.
//!
//! Which accounts look like one company is decided by `terrain_core::dedupe`; this module keeps
//! its groups as proposals. [`propose_merges`] runs at the end of every import, inside the
//! import's transaction, so the proposals always describe the accounts that landed. A proposal
//! stays open until the director answers: kept apart, it is remembered and its accounts are not
//! proposed together again; merged, one transaction moves everything the other accounts had
//! (opportunities, signals and their weekly rollups, plan placements and locks) onto the kept
//! account, records their raw key, name and website in `merged_accounts`, and deletes them. A
//! later import meets those keys there and lands on the kept account instead of bringing the
//! duplicates back.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sqlx::{FromRow, Sqlite, Transaction};
use terrain_core::dedupe::{self, Candidate};

use crate::{Error, Result, Store};

/// One account of a proposal, with the raw values the director compares.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct MergeMember {
    pub account_id: i64,
    pub key: String,
    pub name: String,
    pub website: Option<String>,
    /// Opportunities on the account, to help choose which record to keep.
    pub opportunities: i64,
}

/// An open proposal: accounts that look like one company.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeProposal {
    pub id: i64,
    /// RFC 3339, UTC.
    pub proposed_at: String,
    pub reason: String,
    /// In account id order; the first is kept unless the director picks another.
    pub members: Vec<MergeMember>,
}

/// An account merged into another, with the values it had.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct MergedAccount {
    /// The account it was merged into.
    pub account_id: i64,
    pub key: String,
    pub name: String,
    pub website: Option<String>,
    /// RFC 3339, UTC.
    pub merged_at: String,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    /// The account kept.
    pub kept: i64,
    /// The accounts merged into it, now deleted.
    pub merged: Vec<i64>,
    pub opportunities_moved: u64,
    pub signals_moved: u64,
}

const OPEN: &str = "open";
const MERGED: &str = "merged";
const KEPT_APART: &str = "kept_apart";

/// Brings the open proposals up to date with the accounts the workspace holds, inside the
/// caller's transaction; the import calls it just before committing. An open proposal whose
/// accounts still form a group keeps its id; groups that dissolved are dropped, new ones added.
/// Returns how many proposals are open.
pub(crate) async fn propose_merges(tx: &mut Transaction<'_, Sqlite>) -> Result<u32> {
    backfill_match_keys(tx).await?;
    // Only accounts that share a match key with another can be in a group. The indexes on the
    // keys find the shared keys, and then their accounts, without reading the other accounts
    // (`<> ''` lets the partial indexes serve the joins).
    let accounts: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "WITH names AS (SELECT match_name FROM accounts WHERE match_name <> '' \
                        GROUP BY match_name HAVING count(*) > 1), \
              domains AS (SELECT match_domain FROM accounts WHERE match_domain <> '' \
                          GROUP BY match_domain HAVING count(*) > 1) \
         SELECT a.id, a.name, a.website FROM names n \
           JOIN accounts a ON a.match_name = n.match_name AND a.match_name <> '' \
         UNION \
         SELECT a.id, a.name, a.website FROM domains d \
           JOIN accounts a ON a.match_domain = d.match_domain AND a.match_domain <> '' \
         ORDER BY 1",
    )
    .fetch_all(&mut **tx)
    .await?;
    let candidates: Vec<Candidate<'_>> = accounts
        .iter()
        .map(|(id, name, website)| Candidate {
            id: *id,
            name,
            website: website.as_deref(),
        })
        .collect();
    let kept_apart: HashSet<(i64, i64)> = sqlx::query_as::<_, (i64, i64)>(
        "SELECT a.account_id, b.account_id FROM merge_proposals p \
         JOIN merge_proposal_members a ON a.proposal_id = p.id \
         JOIN merge_proposal_members b ON b.proposal_id = p.id AND a.account_id < b.account_id \
         WHERE p.state = ?",
    )
    .bind(KEPT_APART)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .collect();
    let groups = dedupe::groups(&candidates, &kept_apart);

    let mut open: HashMap<Vec<i64>, (i64, String)> = HashMap::new();
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT p.id, p.reason, m.account_id FROM merge_proposals p \
         JOIN merge_proposal_members m ON m.proposal_id = p.id \
         WHERE p.state = ? ORDER BY p.id, m.account_id",
    )
    .bind(OPEN)
    .fetch_all(&mut **tx)
    .await?;
    let mut members: HashMap<i64, (String, Vec<i64>)> = HashMap::new();
    for (id, reason, account) in rows {
        members
            .entry(id)
            .or_insert((reason, Vec::new()))
            .1
            .push(account);
    }
    for (id, (reason, accounts)) in members {
        open.insert(accounts, (id, reason));
    }

    let now = Utc::now().to_rfc3339();
    let mut still_open = HashSet::new();
    for group in &groups {
        if let Some((id, reason)) = open.get(&group.members) {
            still_open.insert(*id);
            if *reason != group.reason {
                sqlx::query("UPDATE merge_proposals SET reason = ? WHERE id = ?")
                    .bind(&group.reason)
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
            }
            continue;
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO merge_proposals (proposed_at, reason) VALUES (?, ?) RETURNING id",
        )
        .bind(&now)
        .bind(&group.reason)
        .fetch_one(&mut **tx)
        .await?;
        still_open.insert(id);
        for account in &group.members {
            sqlx::query(
                "INSERT INTO merge_proposal_members (proposal_id, account_id) VALUES (?, ?)",
            )
            .bind(id)
            .bind(account)
            .execute(&mut **tx)
            .await?;
        }
    }
    for (id, _) in open.values() {
        if !still_open.contains(id) {
            sqlx::query("DELETE FROM merge_proposals WHERE id = ?")
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(u32::try_from(groups.len()).unwrap_or(u32::MAX))
}

/// The keys an account is matched on: its normalised name and its normalised domain, `''`
/// when it has none.
pub(crate) fn match_keys(name: &str, website: Option<&str>) -> (String, String) {
    (
        dedupe::normalise_name(name),
        website
            .and_then(dedupe::normalise_domain)
            .unwrap_or_default(),
    )
}

/// Writes the match keys of accounts stored before they existed.
async fn backfill_match_keys(tx: &mut Transaction<'_, Sqlite>) -> Result<()> {
    let missing: Vec<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT id, name, website FROM accounts WHERE match_name IS NULL")
            .fetch_all(&mut **tx)
            .await?;
    for (id, name, website) in missing {
        let (match_name, match_domain) = match_keys(&name, website.as_deref());
        sqlx::query("UPDATE accounts SET match_name = ?, match_domain = ? WHERE id = ?")
            .bind(match_name)
            .bind(match_domain)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

impl Store {
    /// The open proposals, oldest first.
    pub async fn merge_proposals(&self) -> Result<Vec<MergeProposal>> {
        let proposals: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT id, proposed_at, reason FROM merge_proposals WHERE state = ? ORDER BY id",
        )
        .bind(OPEN)
        .fetch_all(&self.pool)
        .await?;
        let mut members: HashMap<i64, Vec<MergeMember>> = HashMap::new();
        let rows: Vec<(i64, i64, String, String, Option<String>, i64)> = sqlx::query_as(
            "SELECT m.proposal_id, a.id, a.key, a.name, a.website, \
             (SELECT count(*) FROM opportunities o WHERE o.account_id = a.id) \
             FROM merge_proposal_members m \
             JOIN merge_proposals p ON p.id = m.proposal_id \
             JOIN accounts a ON a.id = m.account_id \
             WHERE p.state = ? ORDER BY m.proposal_id, a.id",
        )
        .bind(OPEN)
        .fetch_all(&self.pool)
        .await?;
        for (proposal, account_id, key, name, website, opportunities) in rows {
            members.entry(proposal).or_default().push(MergeMember {
                account_id,
                key,
                name,
                website,
                opportunities,
            });
        }
        Ok(proposals
            .into_iter()
            .map(|(id, proposed_at, reason)| MergeProposal {
                id,
                proposed_at,
                reason,
                members: members.remove(&id).unwrap_or_default(),
            })
            .collect())
    }

    /// The accounts merged into each of `accounts`, oldest merge first.
    pub async fn merged_accounts(&self, accounts: &[i64]) -> Result<Vec<MergedAccount>> {
        let mut found = Vec::new();
        for chunk in accounts.chunks(500) {
            let mut q = sqlx::QueryBuilder::<Sqlite>::new(
                "SELECT account_id, key, name, website, merged_at FROM merged_accounts \
                 WHERE account_id IN (",
            );
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(id);
            }
            q.push(") ORDER BY merged_at, key");
            found.extend(
                q.build_query_as::<MergedAccount>()
                    .fetch_all(&self.pool)
                    .await?,
            );
        }
        Ok(found)
    }

    /// Remembers that the accounts of an open proposal are different companies.
    pub async fn keep_apart(&self, proposal: i64) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        open_members(&mut tx, proposal).await?;
        sqlx::query("UPDATE merge_proposals SET state = ?, decided_at = ? WHERE id = ?")
            .bind(KEPT_APART)
            .bind(Utc::now().to_rfc3339())
            .bind(proposal)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.wrote();
        Ok(())
    }

    /// Merges the accounts of an open proposal into one, in one transaction: `keep`, or the
    /// first of them when `None`.
    ///
    /// The kept account takes the others' opportunities and signals (their weekly rollups are
    /// rebuilt), fills its missing firmographics from theirs, and in each plan takes the
    /// strongest placement among them: a locked one with a rep, else one with a rep, its own
    /// first. The others' raw key, name and website are kept in `merged_accounts`; their score
    /// snapshots, which described them alone, go with them, and the next scoring counts the
    /// company once. The other open proposals are then brought up to date.
    pub async fn merge(&self, proposal: i64, keep: Option<i64>) -> Result<MergeOutcome> {
        let mut tx = self.pool.begin().await?;
        let members = open_members(&mut tx, proposal).await?;
        let kept = match keep {
            Some(id) if members.contains(&id) => id,
            Some(id) => {
                return Err(Error::NotInProposal {
                    proposal,
                    account: id,
                })
            }
            None => members[0],
        };
        let merged: Vec<i64> = members.iter().copied().filter(|&id| id != kept).collect();
        let now = Utc::now().to_rfc3339();

        let mut outcome = MergeOutcome {
            kept,
            merged: merged.clone(),
            opportunities_moved: 0,
            signals_moved: 0,
        };
        place(&mut tx, kept, &members).await?;
        // The kept account may take a website from the others; clearing its match keys has the
        // proposals at the end rewrite them from what it holds then.
        for &other in &merged {
            sqlx::query(
                "UPDATE accounts AS k SET \
                 owner_name = coalesce(k.owner_name, o.owner_name), \
                 industry = coalesce(k.industry, o.industry), \
                 employees = coalesce(k.employees, o.employees), \
                 revenue = coalesce(k.revenue, o.revenue), \
                 country = coalesce(k.country, o.country), \
                 state = coalesce(k.state, o.state), \
                 region = coalesce(k.region, o.region), \
                 outcome = coalesce(k.outcome, o.outcome), \
                 website = coalesce(k.website, o.website), \
                 match_name = NULL \
                 FROM (SELECT * FROM accounts WHERE id = ?) AS o WHERE k.id = ?",
            )
            .bind(other)
            .bind(kept)
            .execute(&mut *tx)
            .await?;
            outcome.opportunities_moved +=
                sqlx::query("UPDATE opportunities SET account_id = ? WHERE account_id = ?")
                    .bind(kept)
                    .bind(other)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            outcome.signals_moved += move_signals(&mut tx, other, kept).await?;
            sqlx::query("UPDATE merged_accounts SET account_id = ? WHERE account_id = ?")
                .bind(kept)
                .bind(other)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO merged_accounts (key, name, website, account_id, merged_at) \
                 SELECT key, name, website, ?, ? FROM accounts WHERE id = ?",
            )
            .bind(kept)
            .bind(&now)
            .bind(other)
            .execute(&mut *tx)
            .await?;
            // Scores, placements, review baselines and proposal memberships go with it.
            sqlx::query("DELETE FROM accounts WHERE id = ?")
                .bind(other)
                .execute(&mut *tx)
                .await?;
        }
        rebuild_signal_weeks(&mut tx, kept).await?;
        sqlx::query(
            "UPDATE merge_proposals SET state = ?, decided_at = ?, kept_account = ? WHERE id = ?",
        )
        .bind(MERGED)
        .bind(&now)
        .bind(kept)
        .bind(proposal)
        .execute(&mut *tx)
        .await?;
        propose_merges(&mut tx).await?;
        tx.commit().await?;
        self.wrote();
        Ok(outcome)
    }
}

/// The accounts of an open proposal, in id order; an error when there is no such proposal, it
/// was answered already, or fewer than two of its accounts remain.
async fn open_members(tx: &mut Transaction<'_, Sqlite>, proposal: i64) -> Result<Vec<i64>> {
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM merge_proposals WHERE id = ?")
            .bind(proposal)
            .fetch_optional(&mut **tx)
            .await?;
    match state.as_deref() {
        None => return Err(Error::NoSuchProposal(proposal)),
        Some(OPEN) => {}
        Some(_) => return Err(Error::ProposalAnswered(proposal)),
    }
    let members: Vec<i64> = sqlx::query_scalar(
        "SELECT account_id FROM merge_proposal_members WHERE proposal_id = ? ORDER BY account_id",
    )
    .bind(proposal)
    .fetch_all(&mut **tx)
    .await?;
    if members.len() < 2 {
        return Err(Error::ProposalAnswered(proposal));
    }
    Ok(members)
}

/// Gives the kept account, in every plan, the strongest placement among the merged accounts.
async fn place(tx: &mut Transaction<'_, Sqlite>, kept: i64, members: &[i64]) -> Result<()> {
    #[derive(FromRow)]
    struct Placement {
        plan_id: i64,
        account_id: i64,
        rep_id: Option<i64>,
        locked: bool,
        reason: String,
    }
    let mut q = sqlx::QueryBuilder::<Sqlite>::new(
        "SELECT plan_id, account_id, rep_id, locked, reason FROM assignments WHERE account_id IN (",
    );
    let mut list = q.separated(", ");
    for id in members {
        list.push_bind(id);
    }
    q.push(") ORDER BY plan_id, account_id");
    let rows: Vec<Placement> = q.build_query_as().fetch_all(&mut **tx).await?;

    let mut best: HashMap<i64, &Placement> = HashMap::new();
    // Higher is stronger; the kept account's own placement wins a tie, then the oldest account.
    let strength = |p: &Placement| {
        (
            u8::from(p.rep_id.is_some() && p.locked),
            u8::from(p.rep_id.is_some()),
            u8::from(p.account_id == kept),
            -p.account_id,
        )
    };
    for row in &rows {
        let current = best.entry(row.plan_id).or_insert(row);
        if strength(row) > strength(current) {
            *current = row;
        }
    }
    for (plan, placement) in best {
        if placement.account_id == kept {
            continue;
        }
        sqlx::query(
            "INSERT INTO assignments (plan_id, account_id, rep_id, locked, reason) \
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (plan_id, account_id) DO UPDATE SET \
             rep_id = excluded.rep_id, locked = excluded.locked, reason = excluded.reason",
        )
        .bind(plan)
        .bind(kept)
        .bind(placement.rep_id)
        .bind(placement.locked)
        .bind(&placement.reason)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A stored signal, as a merge moves it.
#[derive(FromRow)]
struct SignalRow {
    id: i64,
    day: String,
    kind: String,
    topic: Option<String>,
    strength: Option<f64>,
    ordinal: i64,
}

/// What makes two signals the same event, besides the ordinal: day, kind, topic and strength
/// (by its bits).
type Identity = (String, String, String, Option<u64>);

impl SignalRow {
    fn identity(&self) -> Identity {
        (
            self.day.clone(),
            self.kind.clone(),
            self.topic.clone().unwrap_or_default(),
            self.strength.map(f64::to_bits),
        )
    }
}

/// Moves one account's signals to another. Each moved event is numbered after the kept
/// account's identical ones, so the two accounts' events stay distinct under the fingerprint
/// index, and re-importing either account's file meets fingerprints already there.
async fn move_signals(tx: &mut Transaction<'_, Sqlite>, from: i64, to: i64) -> Result<u64> {
    // The highest ordinal of each kind of event the kept account holds.
    let held: Vec<SignalRow> = sqlx::query_as(
        "SELECT 0 AS id, day, kind, topic, strength, max(ordinal) AS ordinal FROM signals \
         WHERE account_id = ? GROUP BY day, kind, ifnull(topic, ''), ifnull(strength, 'none')",
    )
    .bind(to)
    .fetch_all(&mut **tx)
    .await?;
    let mut next: HashMap<Identity, i64> =
        held.iter().map(|s| (s.identity(), s.ordinal + 1)).collect();
    let moving: Vec<SignalRow> = sqlx::query_as(
        "SELECT id, day, kind, topic, strength, ordinal FROM signals WHERE account_id = ? \
         ORDER BY day, kind, ordinal, id",
    )
    .bind(from)
    .fetch_all(&mut **tx)
    .await?;
    for signal in &moving {
        let ordinal = next.entry(signal.identity()).or_insert(0);
        sqlx::query("UPDATE signals SET account_id = ?, ordinal = ? WHERE id = ?")
            .bind(to)
            .bind(*ordinal)
            .bind(signal.id)
            .execute(&mut **tx)
            .await?;
        *ordinal += 1;
    }
    Ok(moving.len() as u64)
}

/// Recomputes one account's weekly signal rollups from its raw signals.
async fn rebuild_signal_weeks(tx: &mut Transaction<'_, Sqlite>, account: i64) -> Result<()> {
    sqlx::query("DELETE FROM signal_weeks WHERE account_id = ?")
        .bind(account)
        .execute(&mut **tx)
        .await?;
    // Weeks start on Monday: %w is 0 for Sunday, so a day goes back (%w + 6) % 7 days.
    sqlx::query(
        "INSERT INTO signal_weeks (account_id, week, kind, topic, events, strength) \
         SELECT account_id, \
                date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days'), \
                kind, ifnull(topic, ''), count(*), total(strength) \
         FROM signals WHERE account_id = ? GROUP BY 1, 2, 3, 4",
    )
    .bind(account)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
