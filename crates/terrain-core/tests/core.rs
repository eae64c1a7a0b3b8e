//! Behaviour of the scoring, assignment and metrics algorithms on small, hand-made books.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use terrain_core::metrics::{balance, territory_metrics, BookFact, DealFact, Period, RepInfo};
use terrain_core::records::Outcome;
use terrain_core::score::{
    score_accounts, AccountProfile, Criterion, Deal, ScoringInput, ScoringSettings, Stage,
    WeeklySignals,
};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("valid test date")
}

fn profile(id: i64, industry: &str) -> AccountProfile {
    AccountProfile {
        id,
        industry: Some(industry.into()),
        employees: Some(500.0),
        ..Default::default()
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
        topic: None,
        events: 5,
        strength: 0.0,
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
fn a_rep_with_capacity_zero_does_not_skew_the_balance_band() {
    let figures = balance(&[(0, 0.0, 0), (3, 300.0, 5), (3, 300.0, 5)], 0.15);
    assert_eq!(figures.reps, 2);
    assert_eq!(figures.reps_outside_band, 0);
    assert_eq!(figures.cv_expected_value, 0.0);
}

fn signal(account: i64, week: &str, kind: &str, topic: Option<&str>, events: u32) -> WeeklySignals {
    WeeklySignals {
        account_id: account,
        week: day(week),
        kind: kind.into(),
        topic: topic.map(Into::into),
        events,
        strength: 0.0,
    }
}

fn score_with(
    accounts: &[AccountProfile],
    signals: &[WeeklySignals],
    settings: &ScoringSettings,
) -> HashMap<i64, terrain_core::score::Score> {
    score_accounts(&ScoringInput {
        as_of: day("2024-06-28"),
        accounts,
        deals: &[],
        signals,
        settings,
    })
    .scores
    .into_iter()
    .map(|s| (s.account_id, s))
    .collect()
}

#[test]
fn each_kind_fades_with_its_own_half_life() {
    // The same 8 events, 28 days old: a kind with a 7-day half-life has faded to 1/16 of a
    // kind with a 28-day one... relative to its own weight; both weigh 1 here.
    let mut settings = ScoringSettings::default();
    for kind in &mut settings.kinds {
        kind.weight = 1.0;
    }
    settings
        .kinds
        .retain(|k| k.kind == "email_open" || k.kind == "meeting");
    settings.kinds[0].half_life_days = 7.0;
    settings.kinds[1].half_life_days = 28.0;
    let accounts = [
        profile(1, "Retail"),
        profile(2, "Retail"),
        profile(3, "Retail"),
    ];
    let signals = [
        signal(1, "2024-05-27", "email_open", None, 8),
        signal(2, "2024-05-27", "meeting", None, 8),
        // A typical active account, fresh, so engagement is measured against something.
        signal(3, "2024-06-24", "email_open", None, 1),
    ];
    let scores = score_with(&accounts, &signals, &settings);
    // Activity is aged from the last event (2024-06-24): 28 days for both.
    let (fast, slow, typical) = (
        scores[&1].engagement,
        scores[&2].engagement,
        scores[&3].engagement,
    );
    assert!(slow > fast, "{slow} against {fast}");
    // engagement = level / (level + typical): invert to compare the decayed levels.
    let level = |e: f64| e / (1.0 - e);
    let typical_level = level(typical);
    let ratio = level(slow) / level(fast);
    assert!(
        (ratio - 8.0).abs() < 0.01,
        "4 half-lives against 1: {ratio} ({typical_level})"
    );
}

#[test]
fn a_surge_on_a_relevant_intent_topic_raises_readiness_and_says_so() {
    let settings = ScoringSettings {
        intent_topics: vec!["Pricing".into()],
        ..Default::default()
    };
    let accounts = [
        profile(1, "Retail"),
        profile(2, "Retail"),
        profile(3, "Retail"),
    ];
    let signals = [
        // Account 1: one pricing signal a week, then six this week: a surge.
        signal(1, "2024-05-27", "intent", Some("pricing"), 1),
        signal(1, "2024-06-03", "intent", Some("pricing"), 1),
        signal(1, "2024-06-10", "intent", Some("pricing"), 1),
        signal(1, "2024-06-17", "intent", Some("pricing"), 1),
        signal(1, "2024-06-24", "intent", Some("pricing"), 6),
        // Account 2: the same counts on a topic nobody marked as relevant.
        signal(2, "2024-05-27", "intent", Some("careers"), 1),
        signal(2, "2024-06-03", "intent", Some("careers"), 1),
        signal(2, "2024-06-10", "intent", Some("careers"), 1),
        signal(2, "2024-06-17", "intent", Some("careers"), 1),
        signal(2, "2024-06-24", "intent", Some("careers"), 6),
        // Account 3: steady pricing interest, six a week, no surge.
        signal(3, "2024-05-27", "intent", Some("pricing"), 6),
        signal(3, "2024-06-03", "intent", Some("pricing"), 6),
        signal(3, "2024-06-10", "intent", Some("pricing"), 6),
        signal(3, "2024-06-17", "intent", Some("pricing"), 6),
        signal(3, "2024-06-24", "intent", Some("pricing"), 6),
    ];
    let scores = score_with(&accounts, &signals, &settings);
    let surge = |id: i64| {
        scores[&id]
            .reasons
            .iter()
            .find(|r| r.text.starts_with("intent surge"))
            .cloned()
    };
    let reason = surge(1).expect("account 1 surges");
    assert!(reason.text.contains("6 signals"), "{}", reason.text);
    assert!(reason.text.contains("6×"), "{}", reason.text);
    assert!(reason.effect > 0.0);
    assert!(surge(2).is_none(), "an irrelevant topic never surges");
    assert!(surge(3).is_none(), "steady interest is no surge");
    assert!(scores[&1].readiness > scores[&2].readiness);
    assert!(scores[&1].intent > 0.5 && scores[&2].intent == 0.0);
}

#[test]
fn an_intent_score_weighs_each_event_by_its_strength() {
    let settings = ScoringSettings {
        intent_topics: vec!["pricing".into()],
        ..Default::default()
    };
    let accounts = [profile(1, "Retail"), profile(2, "Retail")];
    let scored = |strength: f64| {
        let mut week = signal(1, "2024-06-24", "intent", Some("pricing"), 4);
        week.strength = strength;
        let quiet = signal(2, "2024-06-24", "web_visit", None, 1);
        score_with(&accounts, &[week, quiet], &settings)
    };
    // Four events scored 90 count as 3.6 signals; the same four scored 20 as 0.8, too few
    // to call a surge. Without scores each event counts once.
    let strong = scored(360.0);
    let weak = scored(80.0);
    let unscored = scored(0.0);
    let surge = |scores: &HashMap<i64, terrain_core::score::Score>| {
        scores[&1]
            .reasons
            .iter()
            .find(|r| r.text.starts_with("intent surge"))
            .map(|r| r.text.clone())
    };
    assert!(
        surge(&strong).is_some_and(|t| t.contains("3.6 signals")),
        "{:?}",
        surge(&strong)
    );
    assert!(surge(&weak).is_none(), "{:?}", surge(&weak));
    assert!(surge(&unscored).is_some_and(|t| t.contains("4 signals")));
    assert!(strong[&1].readiness > weak[&1].readiness);
}

#[test]
fn icp_criteria_decide_fit_and_name_what_matched() {
    let settings = ScoringSettings {
        icp: vec![
            Criterion {
                field: "industry".into(),
                values: vec!["Retail".into()],
                min: None,
                max: None,
                weight: 1.0,
            },
            Criterion {
                field: "employees".into(),
                values: Vec::new(),
                min: Some(100.0),
                max: Some(1_000.0),
                weight: 1.0,
            },
            Criterion {
                field: "Segment".into(),
                values: vec!["enterprise".into()],
                min: None,
                max: None,
                weight: 1.0,
            },
        ],
        ..Default::default()
    };
    let mut all = profile(1, "retail");
    all.custom.insert("segment".into(), "Enterprise".into());
    let mut none = profile(2, "Media");
    none.employees = Some(50_000.0);
    let partly = profile(3, "Retail");
    let scores = score_with(&[all, none, partly], &[], &settings);
    let fit_reason = |id: i64| {
        scores[&id]
            .reasons
            .iter()
            .find(|r| r.text.contains("ICP"))
            .map(|r| (r.text.clone(), r.effect))
    };
    assert_eq!(
        fit_reason(1).map(|r| r.0),
        Some("matches every ICP criterion".into())
    );
    assert_eq!(
        fit_reason(2).map(|r| r.0),
        Some("matches none of the ICP criteria".into())
    );
    let (text, effect) = fit_reason(3).expect("a reason");
    assert_eq!(text, "industry and employees match the ICP");
    // Two thirds of the weight matched: a push up, a third of the full one.
    assert!((effect - 1.0 / 3.0).abs() < 1e-9, "{effect}");
    assert!(scores[&1].fit > scores[&3].fit && scores[&3].fit > scores[&2].fit);
}
