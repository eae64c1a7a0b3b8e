//! Store methods on a private in-memory workspace, one behaviour each.

use chrono::NaiveDate;
use terrain_core::records::{
    AccountRecord, CustomFields, CustomValue, OpportunityRecord, Outcome, ProductRecord, RepRecord,
    SignalRecord,
};
use terrain_store::{Change, ImportData, ImportFile, ScoreRow, Store};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("valid test date")
}

fn rep(name: &str) -> RepRecord {
    RepRecord {
        name: name.into(),
        team: Some("Team".into()),
        ..Default::default()
    }
}

fn account(key: &str, name: &str) -> AccountRecord {
    AccountRecord {
        key: key.into(),
        name: name.into(),
        ..Default::default()
    }
}

fn opportunity(key: &str, account: Option<&str>, product: &str) -> OpportunityRecord {
    OpportunityRecord {
        key: key.into(),
        account: account.map(Into::into),
        owner: Some("Ana".into()),
        product: Some(product.into()),
        stage: "Won".into(),
        outcome: Outcome::Won,
        amount: Some(10.0),
        created: Some(day("2024-01-01")),
        closed: Some(day("2024-02-01")),
        custom: CustomFields::new(),
    }
}

fn file<'a>(name: &'a str, data: ImportData<'a>) -> ImportFile<'a> {
    ImportFile {
        file: name,
        rows_read: 0,
        rejected: 0,
        rows: &[],
        data,
    }
}

async fn seeded() -> Store {
    let store = Store::open_in_memory().await.expect("open");
    let reps = [rep("Ana"), rep("Ben")];
    let accounts = [
        account("0015g00000AbCdE", "Fernhill"),
        account("0015g00000ABCDE", "Quarry"),
    ];
    store
        .import(&[
            file("reps", ImportData::Reps(&reps)),
            file("accounts", ImportData::Accounts(&accounts)),
        ])
        .await
        .expect("seed");
    store
}

#[tokio::test]
async fn account_keys_that_differ_only_in_case_are_different_accounts() {
    let store = seeded().await;
    let facts = store.account_facts().await.expect("facts");
    assert_eq!(facts.len(), 2);
    let opps = [opportunity("O1", Some("0015g00000ABCDE"), "X")];
    store
        .import(&[file("opps", ImportData::Opportunities(&opps))])
        .await
        .expect("import");
    let deal = &store.opportunity_facts().await.expect("deals")[0];
    let quarry = facts.iter().find(|a| a.name == "Quarry").expect("quarry");
    assert_eq!(deal.account_id, Some(quarry.id));
}

#[tokio::test]
async fn custom_fields_are_listed_once_each_in_alphabetical_order() {
    let store = seeded().await;
    assert!(store
        .account_custom_fields()
        .await
        .expect("none")
        .is_empty());
    let mut first = account("C1", "Cobalt");
    first
        .custom
        .insert("Lead Source".into(), CustomValue::Text("Web".into()));
    first
        .custom
        .insert("Score".into(), CustomValue::Number(3.0));
    let mut second = account("C2", "Drift");
    second
        .custom
        .insert("Lead Source".into(), CustomValue::Text("Event".into()));
    store
        .import(&[file("accounts", ImportData::Accounts(&[first, second]))])
        .await
        .expect("import");
    let fields = store.account_custom_fields().await.expect("fields");
    assert_eq!(fields, ["Lead Source", "Score"]);
}

#[tokio::test]
async fn reimporting_updates_rows_instead_of_duplicating_them() {
    let store = seeded().await;
    let mut again = account("0015g00000AbCdE", "Fernhill Tools");
    again.industry = Some("Manufacturing".into());
    store
        .import(&[file("accounts", ImportData::Accounts(&[again]))])
        .await
        .expect("import");
    let facts = store.account_facts().await.expect("facts");
    assert_eq!(facts.len(), 2);
    assert!(facts
        .iter()
        .any(|a| a.name == "Fernhill Tools" && a.industry.is_some()));
}

#[tokio::test]
async fn a_product_spelt_differently_links_to_the_catalogue_and_is_reported() {
    let store = seeded().await;
    let catalogue = [ProductRecord {
        name: "GTX Pro".into(),
        series: None,
        price: Some(4821.0),
    }];
    let opps = [
        opportunity("X1", Some("Fernhill"), "GTXPro"),
        opportunity("X2", None, "GTX Pro"),
    ];
    let outcome = store
        .import(&[
            file("products", ImportData::Products(&catalogue)),
            file("pipeline", ImportData::Opportunities(&opps)),
        ])
        .await
        .expect("import");
    assert_eq!(outcome.files[1].imported, 2);
    let reported = &outcome.problems[0];
    assert!(reported.message.contains("\"GTXPro\"") && reported.message.contains("\"GTX Pro\""));
    let [.., orphans] = store.counts().await.expect("counts");
    assert_eq!(
        orphans, 1,
        "the deal with no account is kept, without an account"
    );
}

#[tokio::test]
async fn signals_of_unknown_accounts_are_rejected_and_the_rest_roll_up_by_week() {
    let store = seeded().await;
    let signal = |account: &str, date: &str| SignalRecord {
        account: account.into(),
        date: day(date),
        kind: "web_visit".into(),
        topic: None,
        strength: None,
    };
    let signals = [
        signal("Fernhill", "2024-06-03"),
        signal("Fernhill", "2024-06-05"),
        signal("Nobody", "2024-06-05"),
    ];
    let outcome = store
        .import(&[ImportFile {
            file: "s",
            rows_read: 3,
            rejected: 0,
            rows: &[2, 3, 4],
            data: ImportData::Signals(&signals),
        }])
        .await
        .expect("import");
    assert_eq!(outcome.files[0].imported, 2);
    assert_eq!(outcome.files[0].rejected, 1);
    assert_eq!(outcome.problems[0].row, Some(4));
    let weeks = store.signal_weeks(day("2024-01-01")).await.expect("weeks");
    assert_eq!(weeks.len(), 1);
    assert_eq!((weeks[0].week, weeks[0].events), (day("2024-06-03"), 2));
}

#[tokio::test]
async fn saving_scores_replaces_the_snapshot_of_that_day_and_makes_it_current() {
    let store = seeded().await;
    let id = store.account_facts().await.expect("facts")[0].id;
    let score = |readiness| ScoreRow {
        account_id: id,
        fit: 0.5,
        engagement: 0.5,
        intent: 0.0,
        readiness,
        potential: 100.0,
        stage: "aware".into(),
        reasons: "[]".into(),
    };
    store
        .save_scores(day("2024-06-01"), &[score(0.3)])
        .await
        .expect("save");
    store
        .save_scores(day("2024-06-01"), &[score(0.4)])
        .await
        .expect("save again");
    assert_eq!(
        store.scores_as_of().await.expect("as of"),
        Some(day("2024-06-01"))
    );
    let current = store.current_scores().await.expect("current");
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].readiness, 0.4);
}

#[tokio::test]
async fn undo_and_redo_walk_the_journal_in_order_and_a_new_edit_ends_redo() {
    let store = seeded().await;
    let plan = store
        .ensure_active_plan(day("2024-06-01"))
        .await
        .expect("plan")
        .id;
    let reps = store.reps().await.expect("reps");
    let account = store.account_facts().await.expect("facts")[0].id;
    let change = |from: Option<i64>, to: Option<i64>| Change {
        account_id: account,
        from_rep: from,
        to_rep: to,
        from_locked: false,
        to_locked: false,
        from_reason: String::new(),
        to_reason: "why".into(),
    };
    let (ana, ben) = (Some(reps[0].id), Some(reps[1].id));
    store
        .apply_changes(plan, "move", "to Ana", &[change(None, ana)])
        .await
        .expect("first");
    store
        .apply_changes(plan, "move", "to Ben", &[change(ana, ben)])
        .await
        .expect("second");

    let owner =
        |store: Store| async move { store.assignments(plan).await.expect("rows")[0].rep_id };
    store.undo().await.expect("undo");
    assert_eq!(owner(store.clone()).await, ana);
    store.undo().await.expect("undo");
    assert_eq!(owner(store.clone()).await, None);
    store.redo().await.expect("redo");
    assert_eq!(owner(store.clone()).await, ana);
    assert_eq!(
        store.history().await.expect("history").redo.as_deref(),
        Some("to Ben")
    );

    store
        .apply_changes(plan, "move", "to the pool", &[change(ana, None)])
        .await
        .expect("third");
    assert_eq!(store.history().await.expect("history").redo, None);
    assert!(store.redo().await.expect("redo").is_none());
}

#[tokio::test]
async fn a_workspace_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("w.terrain");
    let store = Store::open(&path).await.expect("create");
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99991231000000, 'from the future', 1, x'00', 0)",
    )
    .execute(store.pool())
    .await
    .expect("fake a newer migration");
    store.close().await;
    let error = Store::open(&path).await.expect_err("newer schema");
    assert!(
        error.to_string().contains("newer version of Terrain"),
        "{error}"
    );
}

#[tokio::test]
async fn a_finished_review_remembers_rejections_and_forgets_expired_ones_in_one_go() {
    let store = seeded().await;
    let plan = store
        .ensure_active_plan(day("2026-12-01"))
        .await
        .expect("plan");
    let ids: Vec<i64> = store
        .account_facts()
        .await
        .expect("facts")
        .iter()
        .map(|a| a.id)
        .collect();
    let (first, second) = (ids[0], ids[1]);
    let readiness = [(first, 0.4), (second, 0.7)];
    let decision = terrain_store::ReviewDecision {
        label: "daily review: 0 moves",
        accepted: &[],
        rejected: &[(first, 0.4)],
        expired: &[],
        readiness: &readiness,
    };
    store
        .finish_review(plan.id, &decision, day("2026-12-01"))
        .await
        .expect("first review");
    let baseline = store.review_baseline().await.expect("baseline");
    assert_eq!(baseline.on, Some(day("2026-12-01")));
    assert_eq!(baseline.rejected, vec![(first, 0.4)]);
    assert_eq!(baseline.readiness, readiness.to_vec());

    let decision = terrain_store::ReviewDecision {
        rejected: &[(second, 0.7)],
        expired: &[first],
        ..decision
    };
    store
        .finish_review(plan.id, &decision, day("2026-12-02"))
        .await
        .expect("second review");
    let baseline = store.review_baseline().await.expect("baseline");
    assert_eq!(baseline.rejected, vec![(second, 0.7)]);
    assert!(
        store.history().await.expect("history").undo.is_none(),
        "nothing was accepted"
    );
}

#[tokio::test]
async fn activating_a_draft_archives_the_active_plan_and_undo_swaps_them_back() {
    let store = seeded().await;
    let active = store
        .ensure_active_plan(day("2026-12-01"))
        .await
        .expect("plan");
    let facts = store.account_facts().await.expect("facts");
    let reps = store.reps().await.expect("reps");
    let rows: Vec<terrain_store::Assignment> = facts
        .iter()
        .map(|a| terrain_store::Assignment {
            account_id: a.id,
            rep_id: Some(reps[0].id),
            locked: false,
            reason: "drafted".into(),
        })
        .collect();
    let draft = store
        .create_draft("Realignment for Q1 2027", day("2027-01-01"), &rows)
        .await
        .expect("draft");
    assert_eq!(store.draft_plan().await.expect("read"), Some(draft.clone()));

    store
        .activate_draft(draft.id, "activate: 2 moves", &[])
        .await
        .expect("activate");
    assert_eq!(
        store.active_plan().await.expect("read").map(|p| p.id),
        Some(draft.id)
    );
    assert_eq!(store.draft_plan().await.expect("read"), None);
    let error = store
        .activate_draft(draft.id, "again", &[])
        .await
        .expect_err("an active plan is not a draft");
    assert!(matches!(error, terrain_store::Error::NotADraft(id) if id == draft.id));

    store.undo().await.expect("undo");
    assert_eq!(
        store.active_plan().await.expect("read").map(|p| p.id),
        Some(active.id)
    );
    assert_eq!(
        store.draft_plan().await.expect("read").map(|p| p.id),
        Some(draft.id)
    );
    store.redo().await.expect("redo");
    assert_eq!(
        store.active_plan().await.expect("read").map(|p| p.id),
        Some(draft.id)
    );
}

#[tokio::test]
async fn a_watched_file_is_imported_once_even_when_two_refreshes_reach_it() {
    let store = seeded().await;
    let watched = terrain_store::WatchedFile {
        name: "accounts-week-49.csv",
        size: 120,
        modified: "2026-12-04T06:00:00+00:00",
    };
    let accounts = [account("NEW1", "Newcomer")];
    let files = [file(
        "accounts-week-49.csv",
        ImportData::Accounts(&accounts),
    )];
    assert!(!store.was_refreshed(watched).await.expect("read"));
    let first = store.import_watched(watched, &files).await.expect("first");
    assert!(first.is_some(), "the first refresh imports it");
    assert!(store.was_refreshed(watched).await.expect("read"));

    let renamed = [account("NEW1", "Renamed by a second run")];
    let second = store
        .import_watched(
            watched,
            &[file("accounts-week-49.csv", ImportData::Accounts(&renamed))],
        )
        .await
        .expect("second");
    assert!(
        second.is_none(),
        "the second finds it taken and writes nothing"
    );
    let facts = store.account_facts().await.expect("facts");
    let newcomer = facts.iter().find(|a| a.key == "NEW1").expect("imported");
    assert_eq!(newcomer.name, "Newcomer");
}

fn signal(account: &str, date: &str, kind: &str, strength: Option<f64>) -> SignalRecord {
    SignalRecord {
        account: account.into(),
        date: day(date),
        kind: kind.into(),
        topic: None,
        strength,
    }
}

async fn signal_totals(store: &Store) -> (i64, Vec<(i64, String, i64, f64)>) {
    let [.., signals, _, _] = store.counts().await.expect("counts");
    let weeks = store
        .signal_weeks(day("2000-01-01"))
        .await
        .expect("weeks")
        .into_iter()
        .map(|w| (w.account_id, w.week.to_string(), w.events, w.strength))
        .collect();
    (signals, weeks)
}

#[tokio::test]
async fn importing_the_same_signals_file_twice_leaves_counts_and_rollups_as_they_were() {
    let store = seeded().await;
    let signals = [
        signal("Fernhill", "2024-06-03", "web_visit", None),
        // Two identical events in one file are two events.
        signal("Fernhill", "2024-06-04", "email_open", Some(2.0)),
        signal("Fernhill", "2024-06-04", "email_open", Some(2.0)),
        signal("Quarry", "2024-06-05", "web_visit", Some(1.0)),
    ];
    let once = store
        .import(&[file("activity.csv", ImportData::Signals(&signals))])
        .await
        .expect("first import");
    assert_eq!(once.files[0].imported, 4);
    let first = signal_totals(&store).await;
    assert_eq!(first.0, 4);
    let fernhill_week: i64 = first
        .1
        .iter()
        .filter(|w| w.1 == "2024-06-03")
        .map(|w| w.2)
        .sum();
    assert_eq!(fernhill_week, 4, "every event of the week counts once");

    let again = store
        .import(&[file("activity.csv", ImportData::Signals(&signals))])
        .await
        .expect("second import");
    assert_eq!(again.files[0].imported, 0);
    assert!(
        again.problems[0]
            .message
            .contains("4 events were already in the workspace"),
        "{:?}",
        again.problems
    );
    assert_eq!(signal_totals(&store).await, first);

    // An overlapping export adds only what is new: a third identical open is a new event.
    let overlapping = [
        signal("Fernhill", "2024-06-04", "email_open", Some(2.0)),
        signal("Fernhill", "2024-06-04", "email_open", Some(2.0)),
        signal("Fernhill", "2024-06-04", "email_open", Some(2.0)),
    ];
    let third = store
        .import(&[file("activity-2.csv", ImportData::Signals(&overlapping))])
        .await
        .expect("overlapping import");
    assert_eq!(third.files[0].imported, 1);
    let (signals, weeks) = signal_totals(&store).await;
    assert_eq!(signals, 5);
    let opens: f64 = weeks.iter().map(|w| w.3).sum();
    assert_eq!(opens, 7.0, "three opens of strength 2 and a visit of 1");
}

fn website_account(key: &str, name: &str, website: Option<&str>) -> AccountRecord {
    AccountRecord {
        website: website.map(Into::into),
        ..account(key, name)
    }
}

/// Case 22's accounts, keyed by their names as a sheet without an id column keys them.
fn acme_accounts() -> [AccountRecord; 4] {
    [
        website_account("Acme Corporation", "Acme Corporation", Some("acme.example")),
        website_account(
            "ACME Corporation",
            "ACME Corporation",
            Some("https://www.acme.example/"),
        ),
        website_account("Acme Corp.", "Acme Corp.", Some("acme.example")),
        website_account(
            "Acme Corporation Japan",
            "Acme Corporation Japan",
            Some("acme.example.jp"),
        ),
    ]
}

#[tokio::test]
async fn an_import_proposes_accounts_that_look_alike_and_proposes_them_once() {
    let store = seeded().await;
    let accounts = acme_accounts();
    store
        .import(&[file("accounts", ImportData::Accounts(&accounts))])
        .await
        .expect("import");
    let proposals = store.merge_proposals().await.expect("proposals");
    assert_eq!(proposals.len(), 1);
    let names: Vec<&str> = proposals[0]
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Acme Corporation", "ACME Corporation", "Acme Corp."]
    );
    assert_eq!(
        proposals[0].members[1].website.as_deref(),
        Some("https://www.acme.example/")
    );

    store
        .import(&[file("accounts", ImportData::Accounts(&accounts))])
        .await
        .expect("import again");
    let again = store.merge_proposals().await.expect("proposals");
    assert_eq!(again.len(), 1);
    assert_eq!(
        again[0].id, proposals[0].id,
        "an unchanged group keeps its id"
    );
}

#[tokio::test]
async fn accounts_kept_apart_are_not_proposed_again_on_reimport() {
    let store = seeded().await;
    let accounts = acme_accounts();
    store
        .import(&[file("accounts", ImportData::Accounts(&accounts))])
        .await
        .expect("import");
    let id = store.merge_proposals().await.expect("proposals")[0].id;
    store.keep_apart(id).await.expect("keep apart");
    assert!(store.merge_proposals().await.expect("none").is_empty());

    store
        .import(&[file("accounts", ImportData::Accounts(&accounts))])
        .await
        .expect("import again");
    assert!(store.merge_proposals().await.expect("none").is_empty());
    let answered = store.keep_apart(id).await.expect_err("answered already");
    assert!(
        answered.to_string().contains("answered already"),
        "{answered}"
    );
}

#[tokio::test]
async fn a_merge_moves_deals_signals_and_placements_to_the_kept_account() {
    let store = seeded().await;
    let accounts = acme_accounts();
    let opps = [
        opportunity("O1", Some("Acme Corporation"), "X"),
        opportunity("O2", Some("Acme Corp."), "X"),
    ];
    let signals = [
        signal("Acme Corporation", "2024-06-03", "web_visit", None),
        signal("ACME Corporation", "2024-06-03", "web_visit", None),
        signal("Acme Corp.", "2024-06-12", "meeting", None),
    ];
    store
        .import(&[
            file("accounts", ImportData::Accounts(&accounts)),
            file("deals", ImportData::Opportunities(&opps)),
            file("activity", ImportData::Signals(&signals)),
        ])
        .await
        .expect("import");
    let facts = store.account_facts().await.expect("facts");
    let id = |key: &str| facts.iter().find(|a| a.key == key).expect("account").id;
    let (kept, upper, corp) = (
        id("Acme Corporation"),
        id("ACME Corporation"),
        id("Acme Corp."),
    );
    let plan = store
        .ensure_active_plan(day("2024-06-01"))
        .await
        .expect("plan")
        .id;
    let ben = store.reps().await.expect("reps")[1].id;
    store
        .apply_changes(
            plan,
            "lock",
            "Acme Corp. to Ben",
            &[Change {
                account_id: corp,
                from_rep: None,
                to_rep: Some(ben),
                from_locked: false,
                to_locked: true,
                from_reason: String::new(),
                to_reason: "locked".into(),
            }],
        )
        .await
        .expect("place");

    let proposal = store.merge_proposals().await.expect("proposals")[0].id;
    let outcome = store.merge(proposal, None).await.expect("merge");
    assert_eq!(outcome.kept, kept);
    assert_eq!(outcome.merged, [upper, corp]);
    assert_eq!(outcome.opportunities_moved, 1);
    assert_eq!(outcome.signals_moved, 2);

    let facts = store.account_facts().await.expect("facts");
    assert_eq!(facts.len(), 4, "Fernhill, Quarry, Acme and Acme Japan");
    let deals = store.opportunity_facts().await.expect("deals");
    assert!(deals.iter().all(|d| d.account_id == Some(kept)));
    let weeks = store.signal_weeks(day("2024-01-01")).await.expect("weeks");
    let visits: Vec<_> = weeks.iter().filter(|w| w.kind == "web_visit").collect();
    assert_eq!(visits.len(), 1);
    assert_eq!((visits[0].account_id, visits[0].events), (kept, 2));
    let placement = &store.assignments(plan).await.expect("plan")[0];
    assert_eq!(
        (placement.account_id, placement.rep_id, placement.locked),
        (kept, Some(ben), true)
    );
    let merged = store.merged_accounts(&[kept]).await.expect("merged");
    let raw: Vec<(&str, Option<&str>)> = merged
        .iter()
        .map(|m| (m.name.as_str(), m.website.as_deref()))
        .collect();
    assert_eq!(
        raw,
        [
            ("ACME Corporation", Some("https://www.acme.example/")),
            ("Acme Corp.", Some("acme.example"))
        ]
    );

    // The same files again land on the kept account: no duplicate comes back, no event
    // counts twice, and the merged group is not proposed again.
    store
        .import(&[
            file("accounts", ImportData::Accounts(&accounts)),
            file("deals", ImportData::Opportunities(&opps)),
            file("activity", ImportData::Signals(&signals)),
        ])
        .await
        .expect("import again");
    assert_eq!(store.account_facts().await.expect("facts").len(), 4);
    let [.., signals_now, _, _] = store.counts().await.expect("counts");
    assert_eq!(signals_now, 3);
    assert!(store.merge_proposals().await.expect("none").is_empty());
    let deals = store.opportunity_facts().await.expect("deals");
    assert!(deals.iter().all(|d| d.account_id == Some(kept)));

    // Undoing the lock made before the merge skips the merged-away account.
    store.undo().await.expect("undo skips the merged account");
}

#[tokio::test]
async fn keys_stored_in_the_18_character_salesforce_form_are_reduced_on_upgrade() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("w.terrain");
    let store = Store::open(&path).await.expect("create");
    let accounts = [
        account("0015g00000AbCdEAAV", "Fernhill"),
        account("0015g00000AbCdEAAQ", "Suffix does not match"),
        account("123456789012345678", "Digits only"),
    ];
    store
        .import(&[file("accounts", ImportData::Accounts(&accounts))])
        .await
        .expect("import");
    // As a workspace written before keys were reduced.
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 20261205093000")
        .execute(store.pool())
        .await
        .expect("forget the migration");
    store.close().await;

    let store = Store::open(&path).await.expect("upgrade");
    let keys: Vec<String> = store
        .account_facts()
        .await
        .expect("facts")
        .into_iter()
        .map(|a| a.key)
        .collect();
    assert_eq!(
        keys,
        [
            "0015g00000AbCdE",
            "0015g00000AbCdEAAQ",
            "123456789012345678"
        ]
    );
}

#[tokio::test]
async fn a_website_the_kept_account_takes_in_a_merge_finds_later_lookalikes() {
    let store = seeded().await;
    let accounts = [
        website_account("A1", "Birchwood", None),
        website_account("A2", "Birchwood Ltd", Some("birchwood.example")),
    ];
    store
        .import(&[file("accounts", ImportData::Accounts(&accounts))])
        .await
        .expect("import");
    let proposal = store.merge_proposals().await.expect("proposals")[0].id;
    store.merge(proposal, None).await.expect("merge");

    let newcomer = [website_account(
        "A3",
        "Birchwood Timber Holdings",
        Some("https://birchwood.example/timber"),
    )];
    store
        .import(&[file("accounts", ImportData::Accounts(&newcomer))])
        .await
        .expect("import the newcomer");
    let proposals = store.merge_proposals().await.expect("proposals");
    let keys: Vec<Vec<&str>> = proposals
        .iter()
        .map(|p| p.members.iter().map(|m| m.key.as_str()).collect())
        .collect();
    assert_eq!(keys, [["A1", "A3"]]);
}

#[tokio::test]
async fn undo_and_redo_report_the_owners_they_changed_as_the_rows_were() {
    let store = seeded().await;
    let plan = store
        .ensure_active_plan(day("2024-06-01"))
        .await
        .expect("plan")
        .id;
    let reps = store.reps().await.expect("reps");
    let account = store.account_facts().await.expect("facts")[0].id;
    let change = |from: Option<i64>, to: Option<i64>, to_locked: bool| Change {
        account_id: account,
        from_rep: from,
        to_rep: to,
        from_locked: false,
        to_locked,
        from_reason: String::new(),
        to_reason: "why".into(),
    };
    let (ana, ben) = (Some(reps[0].id), Some(reps[1].id));
    store
        .apply_changes(plan, "move", "to Ana", &[change(None, ana, false)])
        .await
        .expect("first");
    store
        .apply_changes(plan, "move", "to Ben", &[change(ana, ben, false)])
        .await
        .expect("second");
    // A placement written outside the journal since (as a merge writes the kept account's):
    // the undo starts from the pool, not from Ben as its entry says.
    sqlx::query("UPDATE assignments SET rep_id = NULL WHERE account_id = ?")
        .bind(account)
        .execute(store.pool())
        .await
        .expect("pool it");

    let undone = store.undo().await.expect("undo").expect("an entry");
    assert_eq!(undone.reassigned, [(account, None, ana)]);
    let redone = store.redo().await.expect("redo").expect("an entry");
    assert_eq!(redone.reassigned, [(account, ana, ben)]);

    store
        .apply_changes(plan, "lock", "lock", &[change(ben, ben, true)])
        .await
        .expect("lock");
    let unlocked = store.undo().await.expect("undo").expect("an entry");
    assert!(unlocked.reassigned.is_empty(), "a lock moves no one");
}
