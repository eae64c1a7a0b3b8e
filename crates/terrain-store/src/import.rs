//! Bulk loads of imported records, all files of one import in one transaction.
//!
//! Records are upserted by their natural key (rep name, account key, opportunity key, product
//! name), so importing a file again updates rows instead of duplicating them. References between
//! sheets (an opportunity's account and owner, a signal's account) are resolved here, against
//! what the workspace already holds plus what this import adds.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use chrono::{Datelike, NaiveDate, Utc};
use sqlx::{QueryBuilder, Sqlite, Transaction};
use terrain_core::records::{
    AccountRecord, CustomFields, OpportunityRecord, ProductRecord, RepRecord, SignalRecord,
};

use crate::{Error, Result, Store};

/// Rows per multi-row INSERT: 14 columns × 2,000 rows stays under SQLite's limit of 32,766
/// bound parameters, and fewer, larger statements cost less per row.
const CHUNK: usize = 2_000;

/// What one imported file holds.
pub enum ImportData<'a> {
    Reps(&'a [RepRecord]),
    Accounts(&'a [AccountRecord]),
    Products(&'a [ProductRecord]),
    Opportunities(&'a [OpportunityRecord]),
    Signals(&'a [SignalRecord]),
}

impl ImportData<'_> {
    /// The kind's plural name, as the import history writes it.
    pub fn kind(&self) -> &'static str {
        match self {
            ImportData::Reps(_) => "reps",
            ImportData::Accounts(_) => "accounts",
            ImportData::Products(_) => "products",
            ImportData::Opportunities(_) => "opportunities",
            ImportData::Signals(_) => "signals",
        }
    }

    /// Files load in dependency order: opportunities and signals refer to reps and accounts.
    pub fn order(&self) -> u8 {
        match self {
            ImportData::Reps(_) => 0,
            ImportData::Accounts(_) => 1,
            ImportData::Products(_) => 2,
            ImportData::Opportunities(_) => 3,
            ImportData::Signals(_) => 4,
        }
    }
}

/// One file of an import.
pub struct ImportFile<'a> {
    pub file: &'a str,
    pub rows_read: u32,
    /// Rows the sheet reader already rejected.
    pub rejected: u32,
    /// The sheet row number of each record, for problems found while loading.
    pub rows: &'a [u32],
    pub data: ImportData<'a>,
}

/// A problem found while loading, such as a signal naming no known account.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadProblem {
    /// Index of the file in the import.
    pub file: usize,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
    pub rejected: bool,
}

/// What landed from one file.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FileLoad {
    pub imported: u32,
    pub rejected: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadOutcome {
    /// In the order the files were given.
    pub files: Vec<FileLoad>,
    pub problems: Vec<LoadProblem>,
}

impl Store {
    /// Loads every file in one transaction: all of it commits, or none of it.
    pub async fn import(&self, files: &[ImportFile<'_>]) -> Result<LoadOutcome> {
        let mut tx = self.pool.begin().await?;
        let outcome = load(&mut tx, files).await?;
        crate::merges::propose_merges(&mut tx).await?;
        tx.commit().await?;
        self.wrote();
        Ok(outcome)
    }
}

/// Counts that span a file's batches and are reported once per file at the end of a load:
/// product names linked to the catalogue's spelling, and owners who are not reps.
#[derive(Debug, Default)]
pub(crate) struct Tallies {
    renamed: HashMap<(usize, String, String), u32>,
    unknown_owners: HashMap<(usize, String), u32>,
    /// Per file, the next ordinal of each signal identity (hashed, to keep a million events
    /// small), so identical events in different batches of one file stay distinct.
    signal_ordinals: HashMap<(usize, u64), i64>,
    /// Per file, the events already in the workspace and not counted again.
    known_signals: HashMap<usize, u32>,
}

impl Tallies {
    /// The counts as problems, in a stable order.
    pub(crate) fn into_problems(self) -> Vec<LoadProblem> {
        let mut renamed: Vec<_> = self.renamed.into_iter().collect();
        renamed.sort();
        let mut owners: Vec<_> = self.unknown_owners.into_iter().collect();
        owners.sort();
        let renamed = renamed
            .into_iter()
            .map(|((file, written, canonical), count)| LoadProblem {
                file,
                row: None,
                column: Some("product".into()),
                message: format!(
                    "{count} opportunities name the product \"{written}\", which the catalogue \
                     spells \"{canonical}\"; linked to \"{canonical}\""
                ),
                rejected: false,
            });
        let owners = owners
            .into_iter()
            .map(|((file, owner), count)| LoadProblem {
                file,
                row: None,
                column: Some("owner".into()),
                message: format!(
                    "{count} opportunities are owned by \"{owner}\", who is not a rep in the \
                 workspace; import the reps sheet to count them for a rep"
                ),
                rejected: false,
            });
        let mut known: Vec<_> = self.known_signals.into_iter().collect();
        known.sort();
        let known = known.into_iter().map(|(file, known)| LoadProblem {
            file,
            row: None,
            column: None,
            message: format!(
                "{known} {} already in the workspace (this file, or one overlapping it, was \
                 imported before) and {} not counted again",
                if known == 1 {
                    "event was"
                } else {
                    "events were"
                },
                if known == 1 { "is" } else { "are" },
            ),
            rejected: false,
        });
        renamed.chain(owners).chain(known).collect()
    }
}

/// Loads the files inside the caller's transaction, in dependency order.
pub(crate) async fn load(
    tx: &mut Transaction<'_, Sqlite>,
    files: &[ImportFile<'_>],
) -> Result<LoadOutcome> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| files[i].data.order());

    let mut outcome = LoadOutcome {
        files: files
            .iter()
            .map(|f| FileLoad {
                imported: 0,
                rejected: f.rejected,
            })
            .collect(),
        problems: Vec::new(),
    };
    let mut tallies = Tallies::default();
    for index in order {
        let file = &files[index];
        let load = load_one(
            tx,
            index,
            file.rows,
            &file.data,
            &mut outcome.problems,
            &mut tallies,
        )
        .await?;
        outcome.files[index].imported = load.imported;
        outcome.files[index].rejected += load.rejected;
        log_import(
            tx,
            file.file,
            file.data.kind(),
            file.rows_read,
            outcome.files[index].rejected,
        )
        .await?;
    }
    outcome.problems.extend(tallies.into_problems());
    Ok(outcome)
}

/// Loads the records of one file, or one batch of a file's records, by their kind.
pub(crate) async fn load_one(
    tx: &mut Transaction<'_, Sqlite>,
    index: usize,
    rows: &[u32],
    data: &ImportData<'_>,
    problems: &mut Vec<LoadProblem>,
    tallies: &mut Tallies,
) -> Result<FileLoad> {
    match data {
        ImportData::Reps(reps) => load_reps(tx, index, rows, reps, problems).await,
        ImportData::Accounts(accounts) => load_accounts(tx, accounts).await,
        ImportData::Products(products) => load_products(tx, products).await,
        ImportData::Opportunities(opps) => {
            load_opportunities(tx, index, rows, opps, problems, tallies).await
        }
        ImportData::Signals(signals) => {
            load_signals(tx, index, rows, signals, problems, tallies).await
        }
    }
}

/// Remembers an imported file in the workspace's import history.
pub(crate) async fn log_import(
    tx: &mut Transaction<'_, Sqlite>,
    file: &str,
    kind: &str,
    rows: u32,
    rejected: u32,
) -> Result<()> {
    sqlx::query("INSERT INTO imports (at, file, kind, rows, rejected) VALUES (?, ?, ?, ?, ?)")
        .bind(Utc::now().to_rfc3339())
        .bind(file)
        .bind(kind)
        .bind(rows)
        .bind(rejected)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn custom_json(custom: &CustomFields) -> Result<String> {
    serde_json::to_string(custom).map_err(|source| Error::Json {
        what: "custom fields",
        source,
    })
}

async fn load_reps(
    tx: &mut Transaction<'_, Sqlite>,
    file: usize,
    rows: &[u32],
    reps: &[RepRecord],
    problems: &mut Vec<LoadProblem>,
) -> Result<FileLoad> {
    for chunk in reps.chunks(CHUNK) {
        let customs = chunk
            .iter()
            .map(|r| custom_json(&r.custom))
            .collect::<Result<Vec<_>>>()?;
        let mut q =
            QueryBuilder::<Sqlite>::new("INSERT INTO reps (name, team, region, capacity, custom) ");
        q.push_values(chunk.iter().zip(customs), |mut b, (r, custom)| {
            b.push_bind(&r.name)
                .push_bind(&r.team)
                .push_bind(&r.region)
                .push_bind(r.capacity.map(i64::from))
                .push_bind(custom);
        });
        q.push(
            " ON CONFLICT (name) DO UPDATE SET team = coalesce(excluded.team, team), \
             region = coalesce(excluded.region, region), \
             capacity = coalesce(excluded.capacity, capacity), custom = excluded.custom",
        );
        q.build().execute(&mut **tx).await?;
    }
    load_crm_user_ids(tx, file, rows, reps, problems).await?;
    Ok(FileLoad {
        imported: reps.len() as u32,
        rejected: 0,
    })
}

/// Gives reps the CRM user ids the sheet names, except an id that would end up with two reps:
/// that one is left out with a warning and the rep keeps the id it had.
///
/// Reps that give their id up clear it first, so a sheet that swaps two reps' ids never meets
/// the unique index half-way.
async fn load_crm_user_ids(
    tx: &mut Transaction<'_, Sqlite>,
    file: usize,
    rows: &[u32],
    reps: &[RepRecord],
    problems: &mut Vec<LoadProblem>,
) -> Result<()> {
    // The last row of a rep wins, as in the upsert above.
    let mut given: HashMap<&str, (usize, &str)> = HashMap::new();
    for (i, rep) in reps.iter().enumerate() {
        if let Some(id) = rep.crm_user_id.as_deref().map(str::trim) {
            if !id.is_empty() {
                given.insert(rep.name.as_str(), (i, id));
            }
        }
    }
    if given.is_empty() {
        return Ok(());
    }
    let held: HashMap<String, String> =
        sqlx::query_as("SELECT name, crm_user_id FROM reps WHERE crm_user_id IS NOT NULL")
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .collect();

    loop {
        let mut holders: HashMap<&str, Vec<&str>> = HashMap::new();
        for (name, id) in &held {
            if !given.contains_key(name.as_str()) {
                holders.entry(id).or_default().push(name);
            }
        }
        for (name, (_, id)) in &given {
            holders.entry(id).or_default().push(name);
        }
        // A rep that already holds the id keeps it; the newcomers are refused.
        let mut refused: Vec<(usize, &str, &str, String)> = given
            .iter()
            .filter_map(|(&name, &(i, id))| {
                let names = holders.get(id)?;
                if names.len() < 2 || held.get(name).map(String::as_str) == Some(id) {
                    return None;
                }
                let mut others: Vec<&str> = names.iter().copied().filter(|&n| n != name).collect();
                others.sort_unstable();
                Some((i, name, id, others.join(" and ")))
            })
            .collect();
        if refused.is_empty() {
            break;
        }
        refused.sort_unstable();
        for (i, name, id, others) in refused {
            given.remove(name);
            problems.push(LoadProblem {
                file,
                row: rows.get(i).copied(),
                column: Some("crm_user_id".into()),
                message: format!(
                    "CRM user id \"{id}\" would also belong to {others}, and a CRM user is one \
                     rep; {name} is left as it was"
                ),
                rejected: false,
            });
        }
    }

    let changed: Vec<(&str, &str)> = given
        .iter()
        .filter(|(&name, &(_, id))| held.get(name).map(String::as_str) != Some(id))
        .map(|(&name, &(_, id))| (name, id))
        .collect();
    for (name, _) in &changed {
        sqlx::query("UPDATE reps SET crm_user_id = NULL WHERE name = ?")
            .bind(name)
            .execute(&mut **tx)
            .await?;
    }
    for (name, id) in &changed {
        sqlx::query("UPDATE reps SET crm_user_id = ? WHERE name = ?")
            .bind(id)
            .bind(name)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The upsert of a chunk of accounts, keyed by their key.
fn accounts_upsert<'a>(chunk: &'a [&'a AccountRecord]) -> Result<QueryBuilder<'a, Sqlite>> {
    let customs = chunk
        .iter()
        .map(|a| custom_json(&a.custom))
        .collect::<Result<Vec<_>>>()?;
    let mut q = QueryBuilder::<Sqlite>::new(
        "INSERT INTO accounts (key, name, owner_name, industry, employees, revenue, country, \
         state, region, outcome, website, custom, match_name, match_domain) ",
    );
    q.push_values(chunk.iter().zip(customs), |mut b, (a, custom)| {
        let (match_name, match_domain) = crate::merges::match_keys(&a.name, a.website.as_deref());
        b.push_bind(&a.key)
            .push_bind(&a.name)
            .push_bind(&a.owner)
            .push_bind(&a.industry)
            .push_bind(a.employees)
            .push_bind(a.revenue)
            .push_bind(&a.country)
            .push_bind(&a.state)
            .push_bind(&a.region)
            .push_bind(a.outcome.map(i64::from))
            .push_bind(&a.website)
            .push_bind(custom)
            .push_bind(match_name)
            .push_bind(match_domain);
    });
    q.push(
        " ON CONFLICT (key) DO UPDATE SET name = excluded.name, \
         owner_name = coalesce(excluded.owner_name, owner_name), \
         industry = coalesce(excluded.industry, industry), \
         employees = coalesce(excluded.employees, employees), \
         revenue = coalesce(excluded.revenue, revenue), \
         country = coalesce(excluded.country, country), \
         state = coalesce(excluded.state, state), \
         region = coalesce(excluded.region, region), \
         outcome = coalesce(excluded.outcome, outcome), \
         website = coalesce(excluded.website, website), custom = excluded.custom, \
         match_name = excluded.match_name, \
         match_domain = iif(excluded.website IS NULL, match_domain, excluded.match_domain)",
    );
    Ok(q)
}

async fn load_accounts(
    tx: &mut Transaction<'_, Sqlite>,
    accounts: &[AccountRecord],
) -> Result<FileLoad> {
    // A row of an account the director merged into another lands on the kept account, which
    // already holds what the merge took from it; writing it back would bring the duplicate
    // back.
    let merged: HashSet<String> = sqlx::query_scalar("SELECT key FROM merged_accounts")
        .fetch_all(&mut **tx)
        .await?
        .into_iter()
        .collect();
    let current: Vec<&AccountRecord> = accounts
        .iter()
        .filter(|a| merged.is_empty() || !merged.contains(&a.key))
        .collect();
    // Building a chunk's statement is CPU work; it overlaps SQLite executing the chunk before,
    // which runs on the driver's own thread.
    let mut chunks = current.chunks(CHUNK);
    let mut next = chunks.next().map(accounts_upsert).transpose()?;
    while let Some(mut q) = next.take() {
        let (done, built) = tokio::join!(q.build().execute(&mut **tx), async {
            chunks.next().map(accounts_upsert).transpose()
        });
        done?;
        next = built?;
    }
    Ok(FileLoad {
        imported: accounts.len() as u32,
        rejected: 0,
    })
}

async fn load_products(
    tx: &mut Transaction<'_, Sqlite>,
    products: &[ProductRecord],
) -> Result<FileLoad> {
    for chunk in products.chunks(CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO products (name, series, price) ");
        q.push_values(chunk, |mut b, p| {
            b.push_bind(&p.name).push_bind(&p.series).push_bind(p.price);
        });
        q.push(
            " ON CONFLICT (name) DO UPDATE SET series = excluded.series, price = excluded.price",
        );
        q.build().execute(&mut **tx).await?;
    }
    Ok(FileLoad {
        imported: products.len() as u32,
        rejected: 0,
    })
}

/// How accounts are found from a reference cell: by key first, then by exact name. Keys and
/// names of accounts merged into another find the kept account. Keys compare byte for byte, as
/// Salesforce ids that differ only in case are different records.
struct AccountIndex {
    by_key: HashMap<String, i64>,
    by_name: HashMap<String, Option<i64>>,
}

impl AccountIndex {
    async fn load(tx: &mut Transaction<'_, Sqlite>) -> Result<AccountIndex> {
        let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, key, name FROM accounts")
            .fetch_all(&mut **tx)
            .await?;
        let mut by_key = HashMap::with_capacity(rows.len());
        let mut by_name: HashMap<String, Option<i64>> = HashMap::with_capacity(rows.len());
        let merged: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT account_id, key, name FROM merged_accounts")
                .fetch_all(&mut **tx)
                .await?;
        for (id, key, name) in rows.into_iter().chain(merged) {
            by_key.entry(key).or_insert(id);
            // Two accounts with one name make the name ambiguous: it resolves to neither.
            by_name
                .entry(name)
                .and_modify(|e| {
                    if *e != Some(id) {
                        *e = None;
                    }
                })
                .or_insert(Some(id));
        }
        Ok(AccountIndex { by_key, by_name })
    }

    fn find(&self, reference: &str) -> Option<i64> {
        self.by_key
            .get(reference)
            .copied()
            .or_else(|| self.by_name.get(reference).copied().flatten())
    }
}

/// Lowercase letters and digits only, so `GTXPro` and `GTX Pro` meet.
fn product_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

async fn load_opportunities(
    tx: &mut Transaction<'_, Sqlite>,
    file: usize,
    rows: &[u32],
    opps: &[OpportunityRecord],
    problems: &mut Vec<LoadProblem>,
    tallies: &mut Tallies,
) -> Result<FileLoad> {
    let accounts = AccountIndex::load(tx).await?;
    let reps: HashMap<String, i64> =
        sqlx::query_as::<_, (String, i64)>("SELECT name, id FROM reps")
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .collect();
    let catalogue: HashMap<String, String> =
        sqlx::query_scalar::<_, String>("SELECT name FROM products")
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .map(|name| (product_key(&name), name))
            .collect();

    let mut resolved = Vec::with_capacity(opps.len());
    for (i, opp) in opps.iter().enumerate() {
        let row = rows.get(i).copied();
        let account_id = match opp.account.as_deref() {
            Some(reference) => {
                let found = accounts.find(reference);
                if found.is_none() {
                    problems.push(LoadProblem {
                        file,
                        row,
                        column: Some("account".into()),
                        message: format!(
                            "opportunity {}: account \"{reference}\" is not in the workspace; \
                             kept without an account",
                            opp.key
                        ),
                        rejected: false,
                    });
                }
                found
            }
            None => None,
        };
        let rep_id = opp.owner.as_deref().and_then(|o| reps.get(o).copied());
        if let (Some(owner), None) = (&opp.owner, rep_id) {
            *tallies
                .unknown_owners
                .entry((file, owner.clone()))
                .or_default() += 1;
        }
        let product = opp
            .product
            .as_deref()
            .map(|p| match catalogue.get(&product_key(p)) {
                Some(canonical) if canonical != p => {
                    *tallies
                        .renamed
                        .entry((file, p.to_string(), canonical.clone()))
                        .or_default() += 1;
                    canonical.clone()
                }
                _ => p.to_string(),
            });
        resolved.push((account_id, rep_id, product));
    }

    for (chunk, resolved) in opps.chunks(CHUNK).zip(resolved.chunks(CHUNK)) {
        let customs = chunk
            .iter()
            .map(|o| custom_json(&o.custom))
            .collect::<Result<Vec<_>>>()?;
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO opportunities (key, account_id, account_text, owner_name, rep_id, \
             product, stage, outcome, amount, created, closed, custom) ",
        );
        q.push_values(
            chunk.iter().zip(resolved).zip(customs),
            |mut b, ((o, r), custom)| {
                b.push_bind(&o.key)
                    .push_bind(r.0)
                    .push_bind(&o.account)
                    .push_bind(&o.owner)
                    .push_bind(r.1)
                    .push_bind(&r.2)
                    .push_bind(&o.stage)
                    .push_bind(o.outcome.as_str())
                    .push_bind(o.amount)
                    .push_bind(o.created.map(|d| d.to_string()))
                    .push_bind(o.closed.map(|d| d.to_string()))
                    .push_bind(custom);
            },
        );
        q.push(
            " ON CONFLICT (key) DO UPDATE SET account_id = excluded.account_id, \
             account_text = excluded.account_text, owner_name = excluded.owner_name, \
             rep_id = excluded.rep_id, product = excluded.product, stage = excluded.stage, \
             outcome = excluded.outcome, amount = excluded.amount, created = excluded.created, \
             closed = excluded.closed, custom = excluded.custom",
        );
        q.build().execute(&mut **tx).await?;
    }
    Ok(FileLoad {
        imported: opps.len() as u32,
        rejected: 0,
    })
}

/// The Monday that starts the ISO week of `day`.
pub(crate) fn week_start(day: NaiveDate) -> NaiveDate {
    day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// A signal the insert added, as `RETURNING` gives it back.
#[derive(sqlx::FromRow)]
struct AddedSignal {
    account_id: i64,
    day: NaiveDate,
    kind: String,
    topic: Option<String>,
    strength: Option<f64>,
}

/// What makes two signals the same event, besides the ordinal: account, day, kind, topic and
/// strength (by its bits, with `-0` read as `0` as SQL compares it).
type SignalIdentity<'a> = (i64, NaiveDate, &'a str, &'a str, Option<u64>);

/// Adds the file's signals, each event once however often the file is imported.
///
/// Signals carry no id, so each is fingerprinted by its account, day, kind, topic, strength and
/// ordinal among identical events of this file; the fingerprint is unique in the table, and an
/// event already there is skipped. Two identical events in one file are two events; the same
/// file imported again, or an overlapping export, adds only events not seen before. The weekly
/// rollups grow by exactly the events inserted.
async fn load_signals(
    tx: &mut Transaction<'_, Sqlite>,
    file: usize,
    rows: &[u32],
    signals: &[SignalRecord],
    problems: &mut Vec<LoadProblem>,
    tallies: &mut Tallies,
) -> Result<FileLoad> {
    let accounts = AccountIndex::load(tx).await?;
    let mut kept = Vec::with_capacity(signals.len());
    let mut rejected = 0;
    for (i, signal) in signals.iter().enumerate() {
        let Some(account_id) = accounts.find(&signal.account) else {
            rejected += 1;
            problems.push(LoadProblem {
                file,
                row: rows.get(i).copied(),
                column: Some("account".into()),
                message: format!(
                    "account \"{}\" is not in the workspace; import its accounts sheet first",
                    signal.account
                ),
                rejected: true,
            });
            continue;
        };
        let strength = signal.strength.map(|s| if s == 0.0 { 0.0 } else { s });
        let identity: SignalIdentity<'_> = (
            account_id,
            signal.date,
            signal.kind.as_str(),
            signal.topic.as_deref().unwrap_or(""),
            strength.map(f64::to_bits),
        );
        let mut hasher = std::hash::DefaultHasher::new();
        identity.hash(&mut hasher);
        let ordinal = tallies
            .signal_ordinals
            .entry((file, hasher.finish()))
            .or_default();
        kept.push((account_id, signal, strength, *ordinal));
        *ordinal += 1;
    }

    let mut weeks: HashMap<(i64, NaiveDate, String, String), (i64, f64)> = HashMap::new();
    let mut inserted = 0u32;
    for chunk in kept.chunks(CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO signals (account_id, day, kind, topic, strength, ordinal) ",
        );
        q.push_values(chunk, |mut b, (account_id, s, strength, ordinal)| {
            b.push_bind(account_id)
                .push_bind(s.date.to_string())
                .push_bind(&s.kind)
                .push_bind(&s.topic)
                .push_bind(strength)
                .push_bind(ordinal);
        });
        q.push(" ON CONFLICT DO NOTHING RETURNING account_id, day, kind, topic, strength");
        let added: Vec<AddedSignal> = q.build_query_as().fetch_all(&mut **tx).await?;
        for s in added {
            inserted += 1;
            let week = weeks
                .entry((
                    s.account_id,
                    week_start(s.day),
                    s.kind,
                    s.topic.unwrap_or_default(),
                ))
                .or_default();
            week.0 += 1;
            week.1 += s.strength.unwrap_or(0.0);
        }
    }
    let known = kept.len() as u32 - inserted;
    if known > 0 {
        *tallies.known_signals.entry(file).or_default() += known;
    }

    let weeks: Vec<_> = weeks.into_iter().collect();
    for chunk in weeks.chunks(CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO signal_weeks (account_id, week, kind, topic, events, strength) ",
        );
        q.push_values(
            chunk,
            |mut b, ((account_id, week, kind, topic), (events, strength))| {
                b.push_bind(account_id)
                    .push_bind(week.to_string())
                    .push_bind(kind)
                    .push_bind(topic)
                    .push_bind(events)
                    .push_bind(strength);
            },
        );
        q.push(
            " ON CONFLICT (account_id, week, kind, topic) DO UPDATE SET \
             events = events + excluded.events, strength = strength + excluded.strength",
        );
        q.build().execute(&mut **tx).await?;
    }
    Ok(FileLoad {
        imported: inserted,
        rejected,
    })
}
