//! Behaviour of the scoring, assignment and metrics algorithms on small, hand-made books.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use terrain_core::assign::{assign, AssignSettings, Candidate, Placement, RepSlot};
use terrain_core::metrics::{balance, territory_metrics, BookFact, DealFact, Period, RepInfo};
use terrain_core::records::Outcome;
use terrain_core::score::{
    score_accounts, AccountProfile, Deal, ScoringInput, ScoringSettings, Stage, WeeklySignals,
};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("valid test date")
}

fn rep(id: i64, capacity: u32, active: bool) -> RepSlot {
    RepSlot {
        id,
        name: format!("Rep {id}"),
        capacity,
        active,
    }
}

fn account(id: i64, value: f64, owner: Option<i64>) -> Candidate {
    Candidate {
        account_id: id,
        readiness: 0.6,
        expected_value: value,
        owner,
        locked: false,
    }
}

fn loads(placements: &[Placement]) -> HashMap<i64, usize> {
    let mut loads = HashMap::new();
    for p in placements {
        if let Some(rep) = p.rep {
            *loads.entry(rep).or_insert(0) += 1;
        }
    }
    loads
}

fn rerun(reps: &[RepSlot], candidates: &[Candidate], first: &[Placement]) -> Vec<Placement> {
    let owners: HashMap<i64, Option<i64>> = first.iter().map(|p| (p.account_id, p.rep)).collect();
    let again: Vec<Candidate> = candidates
        .iter()
        .map(|c| Candidate {
            owner: owners[&c.account_id],
            ..c.clone()
        })
        .collect();
    assign(reps, &again, &AssignSettings::default())
}

#[test]
fn inactive_reps_receive_nothing_and_active_ones_share_evenly() {
    // Shared case 24: A and D active, B and C inactive, 12 equal accounts.
    let reps = [
        rep(1, 10, true),
        rep(2, 10, false),
        rep(3, 10, false),
        rep(4, 10, true),
    ];
    let candidates: Vec<_> = (1..=12).map(|id| account(id, 100.0, None)).collect();
    let placements = assign(&reps, &candidates, &AssignSettings::default());
    let loads = loads(&placements);
    assert_eq!(loads.get(&1), Some(&6));
    assert_eq!(loads.get(&4), Some(&6));
    assert_eq!(loads.get(&2), None);
    assert_eq!(loads.get(&3), None);
}

#[test]
fn every_rep_of_an_even_team_gets_the_same_share() {
    // Shared case 25: six reps, twelve equal accounts: two each.
    let reps: Vec<_> = (1..=6).map(|id| rep(id, 100, true)).collect();
    let candidates: Vec<_> = (1..=12).map(|id| account(id, 50.0, None)).collect();
    let loads = loads(&assign(&reps, &candidates, &AssignSettings::default()));
    for id in 1..=6 {
        assert_eq!(loads.get(&id), Some(&2), "rep {id}");
    }
}

#[test]
fn an_overloaded_rep_sheds_work_without_overloading_one_target() {
    // Shared case 26: A holds 16 with capacity 10; B and C hold 2 each.
    let reps = [rep(1, 10, true), rep(2, 10, true), rep(3, 10, true)];
    let mut candidates = Vec::new();
    for id in 1..=16 {
        candidates.push(account(id, 10.0, Some(1)));
    }
    for id in 17..=18 {
        candidates.push(account(id, 10.0, Some(2)));
    }
    for id in 19..=20 {
        candidates.push(account(id, 10.0, Some(3)));
    }
    let placements = assign(
        &reps,
        &candidates,
        &AssignSettings {
            band: 0.0,
            ..Default::default()
        },
    );
    let loads = loads(&placements);
    assert!(loads.values().all(|&n| n <= 10), "{loads:?}");
    assert_eq!(loads.values().sum::<usize>(), 20);
    // Balanced to within one account: nobody ends at 8 while another stays at 2.
    let max = *loads.values().max().expect("loads");
    let min = *loads.values().min().expect("loads");
    assert!(max - min <= 1, "{loads:?}");
}

#[test]
fn capacity_is_never_exceeded_and_every_account_has_a_reason() {
    let reps = [rep(1, 3, true), rep(2, 0, true), rep(3, 4, true)];
    let candidates: Vec<_> = (1..=20)
        .map(|id| account(id, f64::from(id as u32) * 10.0, None))
        .collect();
    let placements = assign(&reps, &candidates, &AssignSettings::default());
    let loads = loads(&placements);
    assert!(loads.get(&1).copied().unwrap_or(0) <= 3);
    assert_eq!(loads.get(&2), None, "a rep with capacity 0 takes nothing");
    assert!(loads.get(&3).copied().unwrap_or(0) <= 4);
    assert!(placements.iter().all(|p| !p.reason.is_empty()));
    // The seven most valuable accounts are the ones in books.
    let mut held: Vec<i64> = placements
        .iter()
        .filter(|p| p.rep.is_some())
        .map(|p| p.account_id)
        .collect();
    held.sort_unstable();
    assert_eq!(held, (14..=20).collect::<Vec<_>>());
}

#[test]
fn locked_accounts_never_move_even_past_capacity() {
    let reps = [rep(1, 1, true), rep(2, 5, true)];
    let mut candidates: Vec<_> = (1..=3).map(|id| account(id, 100.0, Some(1))).collect();
    for c in &mut candidates {
        c.locked = true;
    }
    let placements = assign(&reps, &candidates, &AssignSettings::default());
    assert!(placements.iter().all(|p| p.rep == Some(1)));
}

#[test]
fn cold_accounts_wait_in_the_pool() {
    let reps = [rep(1, 10, true)];
    let mut cold = account(1, 5.0, Some(1));
    cold.readiness = 0.05;
    let placements = assign(&reps, &[cold], &AssignSettings::default());
    assert_eq!(placements[0].rep, None);
    assert!(
        placements[0].reason.contains("pool"),
        "{}",
        placements[0].reason
    );
}

#[test]
fn a_second_run_with_nothing_new_moves_nothing() {
    // A deterministic but irregular book: uneven values, some owners, some inactive.
    let reps = [
        rep(1, 7, true),
        rep(2, 5, true),
        rep(3, 9, false),
        rep(4, 6, true),
    ];
    let candidates: Vec<_> = (1..=40)
        .map(|id: i64| {
            let value = ((id * 7919) % 97) as f64 * 13.0 + 1.0;
            let owner = match id % 5 {
                0 => None,
                k => Some(k.min(4)),
            };
            Candidate {
                readiness: 0.1 + (id % 9) as f64 / 10.0,
                ..account(id, value, owner)
            }
        })
        .collect();
    let first = assign(&reps, &candidates, &AssignSettings::default());
    let second = rerun(&reps, &candidates, &first);
    let moved: Vec<_> = first
        .iter()
        .zip(&second)
        .filter(|(a, b)| a.rep != b.rep)
        .collect();
    assert!(moved.is_empty(), "moved on the second run: {moved:?}");
}

#[test]
fn balancing_brings_expected_value_within_the_band() {
    let reps = [rep(1, 50, true), rep(2, 50, true), rep(3, 50, true)];
    // Everything starts with rep 1.
    let candidates: Vec<_> = (1..=30)
        .map(|id| account(id, 100.0 + id as f64, Some(1)))
        .collect();
    let placements = assign(&reps, &candidates, &AssignSettings::default());
    let values: HashMap<i64, f64> = candidates
        .iter()
        .map(|c| (c.account_id, c.expected_value))
        .collect();
    let mut per_rep: BTreeMap<i64, f64> = BTreeMap::new();
    for p in &placements {
        *per_rep.entry(p.rep.expect("all placed")).or_default() += values[&p.account_id];
    }
    let mean = per_rep.values().sum::<f64>() / 3.0;
    for (rep, value) in &per_rep {
        assert!(
            (value / mean - 1.0).abs() <= 0.15,
            "rep {rep} holds {value} against {mean}"
        );
    }
    let moved_reason = placements
        .iter()
        .find(|p| p.rep != Some(1))
        .map(|p| p.reason.clone());
    assert!(moved_reason.is_some_and(|r| r.contains("balance")));
}

fn profile(id: i64, industry: &str) -> AccountProfile {
    AccountProfile {
        id,
        industry: Some(industry.into()),
        employees: Some(500.0),
    }
}

fn deal(account: i64, outcome: Outcome, created: &str, closed: Option<&str>) -> Deal {
    Deal {
        account_id: Some(account),
        outcome,
        amount: Some(1_000.0),
        created: Some(day(created)),
        closed: closed.map(day),
    }
}

#[test]
fn recent_activity_raises_readiness_and_it_cools_as_it_ages() {
    let accounts = [
        profile(1, "Retail"),
        profile(2, "Retail"),
        profile(3, "Retail"),
    ];
    let deals = [
        deal(1, Outcome::Won, "2024-01-01", Some("2024-02-01")),
        deal(2, Outcome::Lost, "2024-01-01", Some("2024-02-01")),
        deal(3, Outcome::Won, "2024-01-01", Some("2024-02-01")),
    ];
    let visits = |account, week: &str| WeeklySignals {
        account_id: account,
        week: day(week),
        kind: "web_visit".into(),
        events: 5,
    };
    let signals = [visits(1, "2024-06-24"), visits(3, "2024-03-04")];
    let settings = ScoringSettings::default();
    let scored = score_accounts(&ScoringInput {
        as_of: day("2024-06-28"),
        accounts: &accounts,
        deals: &deals,
        signals: &signals,
        settings: &settings,
    });
    let by_id: HashMap<i64, f64> = scored
        .scores
        .iter()
        .map(|s| (s.account_id, s.readiness))
        .collect();
    // Same history (a win), but account 1's visits are this week and account 3's are months old.
    assert!(by_id[&1] > by_id[&3], "{by_id:?}");
    assert!(scored.scores[0].engagement > scored.scores[2].engagement);
    let reasons = &scored.scores[0].reasons;
    assert!(
        reasons
            .iter()
            .any(|r| r.text.contains("5 web visits") && r.effect > 0.0),
        "{reasons:?}"
    );
}

#[test]
fn a_score_as_of_a_past_date_never_sees_later_deals() {
    let accounts = [profile(1, "Media"), profile(2, "Media")];
    let deals = [
        deal(1, Outcome::Won, "2024-01-01", Some("2024-03-01")),
        deal(2, Outcome::Lost, "2024-01-01", Some("2024-03-01")),
        // Closed after the scoring date: counts as open then.
        deal(1, Outcome::Won, "2024-04-01", Some("2024-09-01")),
        // Created after the scoring date: invisible then.
        deal(2, Outcome::Won, "2024-07-01", Some("2024-08-01")),
    ];
    let settings = ScoringSettings::default();
    let scored = score_accounts(&ScoringInput {
        as_of: day("2024-05-01"),
        accounts: &accounts,
        deals: &deals,
        signals: &[],
        settings: &settings,
    });
    assert!(
        (scored.base_rate - 0.5).abs() < 1e-9,
        "one win and one loss by then"
    );
    let first = &scored.scores[0];
    assert!(
        first.reasons.iter().any(|r| r.text == "1 open deal"),
        "{:?}",
        first.reasons
    );
    let second = &scored.scores[1];
    assert!(
        second.reasons.iter().any(|r| r.text.contains("won 0 of 1")),
        "{:?}",
        second.reasons
    );
}

#[test]
fn every_score_is_a_probability_with_at_most_three_signed_reasons() {
    let accounts: Vec<_> = (1..=20)
        .map(|id| profile(id, if id % 2 == 0 { "A" } else { "B" }))
        .collect();
    let deals: Vec<_> = (1..=20)
        .map(|id| {
            deal(
                id,
                if id % 3 == 0 {
                    Outcome::Lost
                } else {
                    Outcome::Won
                },
                "2024-01-01",
                Some("2024-02-01"),
            )
        })
        .collect();
    let settings = ScoringSettings::default();
    let scored = score_accounts(&ScoringInput {
        as_of: day("2024-06-01"),
        accounts: &accounts,
        deals: &deals,
        signals: &[],
        settings: &settings,
    });
    for s in &scored.scores {
        assert!(s.readiness > 0.0 && s.readiness < 1.0);
        assert!(s.reasons.len() <= 3);
        assert_eq!(s.stage, Stage::of(s.readiness));
        let sorted = s
            .reasons
            .windows(2)
            .all(|w| w[0].effect.abs() >= w[1].effect.abs());
        assert!(sorted, "reasons strongest first: {:?}", s.reasons);
    }
}

#[test]
fn conversion_counts_closed_deals_only_and_time_to_close_uses_won_deals() {
    let reps = [RepInfo {
        id: 1,
        name: "Ana".into(),
        team: Some("T".into()),
        region: Some("West".into()),
    }];
    let deal = |outcome, created: &str, closed: Option<&str>, amount| DealFact {
        rep_id: Some(1),
        outcome,
        amount: Some(amount),
        created: Some(day(created)),
        closed: closed.map(day),
    };
    let deals = [
        deal(Outcome::Won, "2024-01-01", Some("2024-01-11"), 100.0),
        deal(Outcome::Won, "2024-01-01", Some("2024-01-31"), 300.0),
        deal(Outcome::Lost, "2024-01-01", Some("2024-02-01"), 0.0),
        deal(Outcome::Open, "2024-01-01", None, 999.0),
        deal(Outcome::Won, "2024-01-01", Some("2024-01-21"), -50.0),
    ];
    let book = BookFact {
        accounts: 4,
        expected_value: 10.0,
        signals_30d: 6,
        high_readiness: 1,
    };
    let books = BTreeMap::from([(1, book)]);
    let pooled = BookFact {
        accounts: 1,
        high_readiness: 1,
        ..Default::default()
    };
    let m = territory_metrics(&reps, &deals, &books, pooled, Period::default());
    assert_eq!((m.overall.won, m.overall.lost), (3, 1));
    assert_eq!(m.overall.conversion_rate, Some(0.75));
    assert_eq!(m.overall.median_days_to_close, Some(20.0));
    assert_eq!(m.overall.p75_days_to_close, Some(25.0));
    assert_eq!(m.by_rep[0].engagement_30d, 1.5);
    assert_eq!(m.by_rep[0].high_readiness_share, Some(0.5));
    assert_eq!(m.plan.accounts, 4, "the plan's books leave the pool out");
    assert_eq!(
        m.overall.won_revenue, 400.0,
        "a negative amount is a credit note, not revenue"
    );
    assert_eq!(m.by_team[0].name, "T");
    assert_eq!(m.by_region[0].accounts, 4);

    let january = Period {
        from: Some(day("2024-01-01")),
        to: Some(day("2024-01-25")),
    };
    let m = territory_metrics(&reps, &deals, &books, pooled, january);
    assert_eq!(
        (m.overall.won, m.overall.lost),
        (2, 0),
        "only deals closed in the period"
    );
}

#[test]
fn balance_of_an_empty_rep_is_finite() {
    let figures = balance(&[(0, 0.0, 4), (3, 300.0, 5)], 0.15);
    assert!(figures.cv_expected_value.is_finite());
    assert_eq!(figures.max_min_expected_value, None);
    assert_eq!(figures.reps_outside_band, 2);
    assert_eq!(figures.reps_over_capacity, 0);
}

#[test]
fn a_rep_with_capacity_zero_neither_skews_the_band_nor_divides_by_zero() {
    let figures = balance(&[(0, 0.0, 0), (3, 300.0, 5), (3, 300.0, 5)], 0.15);
    assert_eq!(figures.reps, 2);
    assert_eq!(figures.reps_outside_band, 0);
    assert_eq!(figures.cv_expected_value, 0.0);
    let reps = [rep(1, 0, true), rep(2, 5, true), rep(3, 5, true)];
    let candidates: Vec<_> = (1..=6).map(|id| account(id, 100.0, Some(2))).collect();
    let placements = assign(&reps, &candidates, &AssignSettings::default());
    let loads = loads(&placements);
    assert_eq!(
        (loads.get(&2), loads.get(&3), loads.get(&1)),
        (Some(&3), Some(&3), None)
    );
}

#[test]
fn a_locked_account_in_the_pool_stays_there() {
    let reps = [rep(1, 10, true)];
    let mut pooled = account(1, 500.0, None);
    pooled.locked = true;
    let placements = assign(&reps, &[pooled], &AssignSettings::default());
    assert_eq!(placements[0].rep, None);
}
