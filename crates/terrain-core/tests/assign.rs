//! The assignment engine: the shared assignment cases, its properties on many random books,
//! and its distance from the exact optimum where that can be enumerated.

use std::collections::{BTreeMap, HashMap};

use terrain_core::assign::{
    assign, round_robin, AssignSettings, Candidate, Placement, Plan, RepSlot,
};
use terrain_core::review::{propose, shifts, Proposal, ReviewSettings, Shift};

fn rep(id: i64, capacity: u32, active: bool) -> RepSlot {
    RepSlot {
        id,
        name: format!("Rep {id}"),
        capacity,
        active,
        ..Default::default()
    }
}

fn account(id: i64, value: f64, owner: Option<i64>) -> Candidate {
    Candidate {
        account_id: id,
        readiness: 0.6,
        expected_value: value,
        owner,
        ..Default::default()
    }
}

fn loads(placements: &[Placement]) -> BTreeMap<i64, usize> {
    let mut loads = BTreeMap::new();
    for p in placements {
        if let Some(rep) = p.rep {
            *loads.entry(rep).or_insert(0) += 1;
        }
    }
    loads
}

fn values(placements: &[Placement], candidates: &[Candidate]) -> BTreeMap<i64, f64> {
    let ev: HashMap<i64, f64> = candidates
        .iter()
        .map(|c| (c.account_id, c.expected_value))
        .collect();
    let mut per_rep = BTreeMap::new();
    for p in placements {
        if let Some(rep) = p.rep {
            *per_rep.entry(rep).or_insert(0.0) += ev[&p.account_id];
        }
    }
    per_rep
}

/// The same candidates, owned as the plan left them.
fn after(candidates: &[Candidate], plan: &Plan) -> Vec<Candidate> {
    let owners: HashMap<i64, Option<i64>> = plan
        .placements
        .iter()
        .map(|p| (p.account_id, p.rep))
        .collect();
    candidates
        .iter()
        .map(|c| Candidate {
            owner: owners[&c.account_id],
            ..c.clone()
        })
        .collect()
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
    for settings in [
        AssignSettings::default(),
        AssignSettings {
            enforce_band: false,
            ..Default::default()
        },
    ] {
        let loads = loads(&assign(&reps, &candidates, &settings).placements);
        assert_eq!(loads, BTreeMap::from([(1, 6), (4, 6)]), "{settings:?}");
    }
}

#[test]
fn inactive_reps_are_skipped_by_round_robin_too() {
    let reps = [
        rep(1, 10, true),
        rep(2, 10, false),
        rep(3, 10, false),
        rep(4, 10, true),
    ];
    let dealt = round_robin(&reps, &(1..=12).collect::<Vec<_>>());
    let mut counts = BTreeMap::new();
    for (_, rep) in dealt {
        *counts.entry(rep).or_insert(0) += 1;
    }
    assert_eq!(counts, BTreeMap::from([(Some(1), 6), (Some(4), 6)]));
}

#[test]
fn round_robin_gives_every_rep_of_any_team_the_same_share() {
    // Shared case 25, as a property: for any team size n and k·n accounts, every rep gets k.
    for n in 1..=9i64 {
        for k in 0..=5i64 {
            let reps: Vec<_> = (1..=n).map(|id| rep(id, 100, true)).collect();
            let accounts: Vec<i64> = (1..=n * k).collect();
            let mut counts: BTreeMap<i64, i64> = BTreeMap::new();
            for (_, owner) in round_robin(&reps, &accounts) {
                *counts.entry(owner.expect("room for everyone")).or_insert(0) += 1;
            }
            for id in 1..=n {
                assert_eq!(counts.get(&id).copied().unwrap_or(0), k, "n={n} k={k}");
            }
        }
    }
}

#[test]
fn every_rep_of_an_even_team_gets_the_same_share() {
    // Shared case 25 for the engine: six reps, twelve equal accounts: two each.
    let reps: Vec<_> = (1..=6).map(|id| rep(id, 100, true)).collect();
    let candidates: Vec<_> = (1..=12).map(|id| account(id, 50.0, None)).collect();
    let loads = loads(&assign(&reps, &candidates, &AssignSettings::default()).placements);
    assert_eq!(loads, (1..=6).map(|id| (id, 2)).collect());
}

#[test]
fn an_overloaded_rep_sheds_only_the_excess_and_spreads_it_evenly() {
    // Shared case 26: A holds 16 with capacity 10; B and C hold 2 each. Capacity alone is at
    // stake (no band), so exactly 6 leave A and B and C end at 5 each.
    let reps = [rep(1, 10, true), rep(2, 10, true), rep(3, 10, true)];
    let owners = [(1, 16), (2, 2), (3, 2)];
    let mut candidates = Vec::new();
    for (owner, count) in owners {
        for _ in 0..count {
            let id = candidates.len() as i64 + 1;
            candidates.push(account(id, 10.0, Some(owner)));
        }
    }
    let settings = AssignSettings {
        enforce_band: false,
        ..Default::default()
    };
    let plan = assign(&reps, &candidates, &settings);
    assert_eq!(
        loads(&plan.placements),
        BTreeMap::from([(1, 10), (2, 5), (3, 5)])
    );
    assert_eq!(plan.report.moves, 6);
    let reason = &plan
        .placements
        .iter()
        .find(|p| p.rep != Some(1) && p.account_id <= 16)
        .expect("a moved account")
        .reason;
    assert!(reason.contains("Rep 1 is at capacity"), "{reason}");
}

#[test]
fn capacity_is_never_exceeded_and_the_most_valuable_accounts_get_the_room() {
    let reps = [rep(1, 3, true), rep(2, 0, true), rep(3, 4, true)];
    let candidates: Vec<_> = (1..=20)
        .map(|id| account(id, f64::from(id as u32) * 10.0, None))
        .collect();
    let settings = AssignSettings {
        enforce_band: false,
        ..Default::default()
    };
    let plan = assign(&reps, &candidates, &settings);
    let loads = loads(&plan.placements);
    assert_eq!(loads.get(&1), Some(&3));
    assert_eq!(loads.get(&2), None, "a rep with capacity 0 takes nothing");
    assert_eq!(loads.get(&3), Some(&4));
    assert!(plan.placements.iter().all(|p| !p.reason.is_empty()));
    let mut held: Vec<i64> = plan
        .placements
        .iter()
        .filter(|p| p.rep.is_some())
        .map(|p| p.account_id)
        .collect();
    held.sort_unstable();
    assert_eq!(held, (14..=20).collect::<Vec<_>>());
}

#[test]
fn a_team_of_capacity_zero_reps_pools_everything_without_nan() {
    let reps = [rep(1, 0, true), rep(2, 0, true)];
    let candidates: Vec<_> = (1..=5).map(|id| account(id, 80.0, Some(1))).collect();
    let plan = assign(&reps, &candidates, &AssignSettings::default());
    assert!(plan.placements.iter().all(|p| p.rep.is_none()));
    assert!(plan.report.objective.is_finite());
    assert!(plan.report.target_mean.is_finite());
    assert!(plan.report.gap.is_none_or(f64::is_finite));
}

#[test]
fn locked_accounts_never_move_even_past_capacity() {
    let reps = [rep(1, 1, true), rep(2, 5, true)];
    let mut candidates: Vec<_> = (1..=3).map(|id| account(id, 100.0, Some(1))).collect();
    for c in &mut candidates {
        c.locked = true;
    }
    let plan = assign(&reps, &candidates, &AssignSettings::default());
    assert!(plan.placements.iter().all(|p| p.rep == Some(1)));
    assert!(plan.placements[0].reason.contains("locked"));
}

#[test]
fn a_locked_account_in_the_pool_stays_there() {
    let reps = [rep(1, 10, true)];
    let mut pooled = account(1, 500.0, None);
    pooled.locked = true;
    let plan = assign(&reps, &[pooled], &AssignSettings::default());
    assert_eq!(plan.placements[0].rep, None);
}

#[test]
fn cold_accounts_wait_in_the_pool() {
    let reps = [rep(1, 10, true)];
    let mut cold = account(1, 5.0, Some(1));
    cold.readiness = 0.05;
    let plan = assign(&reps, &[cold], &AssignSettings::default());
    assert_eq!(plan.placements[0].rep, None);
    assert!(
        plan.placements[0].reason.contains("below the 0.20"),
        "{}",
        plan.placements[0].reason
    );
}

#[test]
fn a_leaving_reps_accounts_are_shared_out_and_say_why() {
    let reps = [rep(1, 20, false), rep(2, 20, true), rep(3, 20, true)];
    let candidates: Vec<_> = (1..=10).map(|id| account(id, 100.0, Some(1))).collect();
    let plan = assign(&reps, &candidates, &AssignSettings::default());
    let loads = loads(&plan.placements);
    assert_eq!(loads, BTreeMap::from([(2, 5), (3, 5)]));
    assert!(
        plan.placements[0].reason.contains("Rep 1 is inactive"),
        "{}",
        plan.placements[0].reason
    );
}

#[test]
fn balancing_brings_expected_value_within_the_band() {
    let reps = [rep(1, 50, true), rep(2, 50, true), rep(3, 50, true)];
    // Everything starts with rep 1.
    let candidates: Vec<_> = (1..=30)
        .map(|id| account(id, 100.0 + id as f64, Some(1)))
        .collect();
    let plan = assign(&reps, &candidates, &AssignSettings::default());
    let per_rep = values(&plan.placements, &candidates);
    assert_eq!(per_rep.len(), 3);
    let mean = per_rep.values().sum::<f64>() / 3.0;
    for (rep, value) in &per_rep {
        assert!(
            (value / mean - 1.0).abs() <= 0.15,
            "rep {rep} holds {value} against {mean}"
        );
    }
    let reason = &plan
        .placements
        .iter()
        .find(|p| p.rep != Some(1))
        .expect("a moved account")
        .reason;
    assert!(
        reason.contains("Rep 1 held") && reason.contains("keeps team balance within"),
        "{reason}"
    );
    assert!(plan.report.outside_band.is_empty());
    let gap = plan.report.gap.expect("a feasible plan has a bound");
    assert!((0.0..0.01).contains(&gap), "gap {gap}");
}

#[test]
fn strict_segments_keep_accounts_with_reps_who_cover_them() {
    let mut east = rep(1, 10, true);
    east.segments = vec!["East".into()];
    let mut west = rep(2, 10, true);
    west.segments = vec!["West".into()];
    let candidates: Vec<_> = (1..=8)
        .map(|id| Candidate {
            segment: Some(if id % 2 == 0 { "East" } else { "West" }.into()),
            ..account(id, 50.0, None)
        })
        .collect();
    let settings = AssignSettings {
        outside_segment_fit: None,
        ..Default::default()
    };
    let plan = assign(&[east, west], &candidates, &settings);
    for p in &plan.placements {
        let expected = if p.account_id % 2 == 0 { 1 } else { 2 };
        assert_eq!(p.rep, Some(expected), "{p:?}");
        assert!(p.reason.contains("covers"), "{}", p.reason);
    }
}

#[test]
fn a_workload_limit_holds_alongside_the_account_count() {
    let mut light = rep(1, 10, true);
    light.workload_capacity = Some(4.0);
    let heavy = rep(2, 10, true);
    let candidates: Vec<_> = (1..=6)
        .map(|id| Candidate {
            workload: 2.0,
            ..account(id, 100.0, Some(1))
        })
        .collect();
    let plan = assign(&[light, heavy], &candidates, &AssignSettings::default());
    assert_eq!(loads(&plan.placements).get(&1), Some(&2));
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
    let second = assign(
        &reps,
        &after(&candidates, &first),
        &AssignSettings::default(),
    );
    assert_eq!(second.report.moves, 0, "{:?}", second.placements);
}

/// A random book: reps of uneven capacity (some inactive, some at zero), accounts with skewed
/// values, owners, locks, cold accounts and segments.
fn random_book(seed: u64) -> (Vec<RepSlot>, Vec<Candidate>, AssignSettings) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let reps: Vec<RepSlot> = (1..=rng.i64(1..8))
        .map(|id| RepSlot {
            segments: if rng.u8(0..4) == 0 {
                vec!["North".into()]
            } else {
                Vec::new()
            },
            ..rep(id, rng.u32(0..12), rng.u8(0..6) != 0)
        })
        .collect();
    let candidates: Vec<Candidate> = (1..=rng.i64(0..60))
        .map(|id| Candidate {
            readiness: rng.f64(),
            expected_value: (rng.f64() * 3.0).exp() * 100.0,
            owner: (rng.u8(0..3) != 0).then(|| rng.i64(1..=reps.len() as i64 + 1)),
            locked: rng.u8(0..8) == 0,
            segment: (rng.u8(0..3) == 0).then(|| "North".to_string()),
            open_deal: rng.bool(),
            recent_contact: rng.bool(),
            workload: 1.0,
            ..account(id, 0.0, None)
        })
        .collect();
    let settings = AssignSettings {
        band: [0.1, 0.15, 0.3, 1.0][rng.usize(0..4)],
        enforce_band: rng.u8(0..4) != 0,
        ..Default::default()
    };
    (reps, candidates, settings)
}

#[test]
fn on_random_books_capacity_holds_locks_stay_reasons_exist_and_a_rerun_moves_nothing() {
    for seed in 0..300 {
        let (reps, candidates, settings) = random_book(seed);
        let plan = assign(&reps, &candidates, &settings);
        assert_eq!(plan.placements.len(), candidates.len(), "seed {seed}");
        let capacity: HashMap<i64, u32> = reps.iter().map(|r| (r.id, r.capacity)).collect();
        let active: HashMap<i64, bool> = reps.iter().map(|r| (r.id, r.active)).collect();
        // Locked accounts count against capacity but may already exceed it.
        let mut unlocked_load: HashMap<i64, u32> = HashMap::new();
        let mut locked_load: HashMap<i64, u32> = HashMap::new();
        for (c, p) in candidates.iter().zip(&plan.placements) {
            assert_eq!(c.account_id, p.account_id, "seed {seed}: order kept");
            assert!(!p.reason.is_empty(), "seed {seed}: {p:?}");
            if c.locked {
                let held = c.owner.filter(|o| capacity.contains_key(o));
                assert_eq!(p.rep, held, "seed {seed}: a lock moved");
                if let Some(rep) = held {
                    *locked_load.entry(rep).or_default() += 1;
                }
            } else if let Some(rep) = p.rep {
                assert!(active[&rep], "seed {seed}: inactive rep {rep} got {p:?}");
                assert!(
                    c.readiness >= settings.pool_below,
                    "seed {seed}: cold {p:?}"
                );
                *unlocked_load.entry(rep).or_default() += 1;
            }
        }
        for (rep, load) in &unlocked_load {
            let locked = locked_load.get(rep).copied().unwrap_or(0);
            assert!(
                load + locked <= capacity[rep].max(locked),
                "seed {seed}: rep {rep} holds {load}+{locked} for {}",
                capacity[rep]
            );
        }
        let report = &plan.report;
        assert!(report.objective.is_finite(), "seed {seed}");
        if let Some(bound) = report.bound {
            assert!(bound >= report.objective - 1e-6, "seed {seed}: {report:?}");
        }

        let again = assign(&reps, &after(&candidates, &plan), &settings);
        assert_eq!(again.report.moves, 0, "seed {seed}: a rerun moved accounts");
    }
}

/// The best objective any plan reaches, by trying every one. Mirrors the engine's model:
/// value × fit less the move cost, capacity counted with locks, the band around the engine's
/// target mean.
fn exact_optimum(
    reps: &[RepSlot],
    candidates: &[Candidate],
    s: &AssignSettings,
    mean: f64,
) -> Option<f64> {
    let movable: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| !c.locked && c.readiness >= s.pool_below)
        .collect();
    let unit = movable.iter().map(|c| c.expected_value).sum::<f64>() / movable.len().max(1) as f64;
    let unit = if unit > 0.0 { unit } else { 1.0 };
    let (lo, hi) = if s.enforce_band && mean > 0.0 {
        (mean * (1.0 - s.band), mean * (1.0 + s.band))
    } else {
        (f64::NEG_INFINITY, f64::INFINITY)
    };
    let options = reps.len() + 1;
    let mut best: Option<f64> = None;
    let mut choice = vec![0usize; movable.len()];
    loop {
        let mut count = vec![0u32; reps.len()];
        let mut value = vec![0.0; reps.len()];
        let mut objective = 0.0;
        let mut ok = true;
        for (c, &o) in movable.iter().zip(&choice) {
            let to = (o < reps.len()).then(|| reps[o].id);
            let cost = if to == c.owner {
                0.0
            } else {
                s.move_cost * unit
            };
            if let Some(rep) = to {
                if !reps[o].active || reps[o].capacity == 0 {
                    ok = false;
                    break;
                }
                count[o] += 1;
                value[o] += c.expected_value;
                let _ = rep;
                objective += c.expected_value;
            }
            objective -= cost;
        }
        if ok {
            for (r, rep) in reps.iter().enumerate() {
                let balanced = rep.active && rep.capacity > 0;
                if count[r] > rep.capacity
                    || (balanced && (value[r] < lo - 1e-9 || value[r] > hi + 1e-9))
                {
                    ok = false;
                }
            }
        }
        if ok && best.is_none_or(|b| objective > b) {
            best = Some(objective);
        }
        // Next combination.
        let mut k = 0;
        loop {
            if k == choice.len() {
                return best;
            }
            choice[k] += 1;
            if choice[k] < options {
                break;
            }
            choice[k] = 0;
            k += 1;
        }
    }
}

#[test]
fn on_small_books_the_plan_is_within_one_percent_of_the_exact_optimum() {
    let mut compared = 0;
    for seed in 0..100u64 {
        let mut rng = fastrand::Rng::with_seed(1_000 + seed);
        let reps: Vec<RepSlot> = (1..=3).map(|id| rep(id, rng.u32(2..5), true)).collect();
        let candidates: Vec<Candidate> = (1..=8)
            .map(|id| Candidate {
                readiness: 0.5,
                expected_value: 50.0 + rng.f64() * 100.0,
                owner: (rng.u8(0..2) == 0).then(|| rng.i64(1..=3)),
                ..account(id, 0.0, None)
            })
            .collect();
        let settings = AssignSettings {
            band: 0.3,
            ..Default::default()
        };
        let plan = assign(&reps, &candidates, &settings);
        let Some(exact) = exact_optimum(&reps, &candidates, &settings, plan.report.target_mean)
        else {
            continue;
        };
        compared += 1;
        assert!(
            plan.report.outside_band.is_empty(),
            "seed {seed}: a feasible plan exists but the engine left reps outside the band"
        );
        assert!(
            plan.report.objective >= exact - 0.01 * exact.abs(),
            "seed {seed}: engine {} against exact {exact}",
            plan.report.objective
        );
        if let Some(bound) = plan.report.bound {
            assert!(
                bound >= exact - 1e-6,
                "seed {seed}: bound {bound} below the optimum {exact}"
            );
        }
    }
    assert!(compared >= 30, "only {compared} books had a feasible plan");
}

// The daily review.

fn warm(id: i64, readiness: f64, owner: Option<i64>) -> Candidate {
    Candidate {
        account_id: id,
        readiness,
        expected_value: readiness * 10_000.0,
        owner,
        ..Default::default()
    }
}

/// Two reps with room for three accounts each, two accounts each, and three pooled accounts,
/// one of which has just surged.
fn reviewed_book() -> (Vec<RepSlot>, Vec<Candidate>) {
    let reps = vec![rep(1, 3, true), rep(2, 3, true)];
    let candidates = vec![
        warm(1, 0.6, Some(1)),
        warm(2, 0.5, Some(1)),
        warm(3, 0.6, Some(2)),
        warm(4, 0.5, Some(2)),
        warm(5, 0.9, None),
        warm(6, 0.1, None),
        warm(7, 0.05, None),
    ];
    (reps, candidates)
}

fn apply(candidates: &[Candidate], proposals: &[Proposal]) -> Vec<Candidate> {
    let to: HashMap<i64, Option<i64>> = proposals.iter().map(|p| (p.account_id, p.to)).collect();
    candidates
        .iter()
        .map(|c| Candidate {
            owner: to.get(&c.account_id).copied().unwrap_or(c.owner),
            ..c.clone()
        })
        .collect()
}

#[test]
fn a_pooled_account_that_surges_is_proposed_into_a_book_with_its_reason() {
    let (reps, candidates) = reviewed_book();
    let settings = AssignSettings::default();
    let proposals = propose(&reps, &candidates, &settings, &ReviewSettings::default(), 0);
    let surge = proposals
        .iter()
        .find(|p| p.account_id == 5)
        .expect("the surged account is proposed");
    assert_eq!(surge.from, None);
    assert!(surge.to.is_some());
    assert!(surge.reason.contains("readiness 0.90"), "{}", surge.reason);
    assert!(surge.gain > 0.0);
    assert!(proposals
        .iter()
        .all(|p| p.account_id != 6 && p.account_id != 7));
}

#[test]
fn reviewing_again_after_applying_the_proposals_proposes_nothing() {
    let (reps, candidates) = reviewed_book();
    let settings = AssignSettings::default();
    let review = ReviewSettings {
        budget: 100,
        ..Default::default()
    };
    let first = propose(&reps, &candidates, &settings, &review, 0);
    assert!(!first.is_empty());
    let applied = apply(&candidates, &first);
    let second = propose(&reps, &applied, &settings, &review, 0);
    assert!(second.is_empty(), "{second:?}");
}

#[test]
fn an_account_inside_the_margin_stays_where_it_is() {
    let reps = vec![rep(1, 5, true)];
    // The pool threshold is 0.2 and the margin 0.05: 0.17 stays in its book, 0.23 in the pool.
    let candidates = vec![
        warm(1, 0.6, Some(1)),
        warm(2, 0.17, Some(1)),
        warm(3, 0.23, None),
    ];
    let proposals = propose(
        &reps,
        &candidates,
        &AssignSettings::default(),
        &ReviewSettings::default(),
        0,
    );
    assert!(proposals.is_empty(), "{proposals:?}");

    // Past the margin both move, the cooled one with its reason.
    let candidates = vec![
        warm(1, 0.6, Some(1)),
        warm(2, 0.12, Some(1)),
        warm(3, 0.3, None),
    ];
    let proposals = propose(
        &reps,
        &candidates,
        &AssignSettings::default(),
        &ReviewSettings::default(),
        0,
    );
    let moved: BTreeMap<i64, Option<i64>> =
        proposals.iter().map(|p| (p.account_id, p.to)).collect();
    assert_eq!(moved, BTreeMap::from([(2, None), (3, Some(1))]));
    let cooled = proposals
        .iter()
        .find(|p| p.account_id == 2)
        .expect("cooled");
    assert!(cooled.reason.contains("pool"), "{}", cooled.reason);
}

#[test]
fn the_daily_budget_caps_the_moves_and_counts_what_was_moved_today() {
    let reps = vec![rep(1, 10, true), rep(2, 10, true)];
    let candidates: Vec<Candidate> = (1..=6).map(|id| warm(id, 0.8, None)).collect();
    let review = ReviewSettings {
        budget: 4,
        ..Default::default()
    };
    let settings = AssignSettings::default();
    assert_eq!(propose(&reps, &candidates, &settings, &review, 0).len(), 4);
    assert_eq!(propose(&reps, &candidates, &settings, &review, 3).len(), 1);
    assert!(propose(&reps, &candidates, &settings, &review, 4).is_empty());
}

#[test]
fn proposals_keep_books_within_capacity_step_by_step_and_a_second_review_is_empty() {
    for seed in 0..60 {
        let (reps, candidates, settings) = random_book(seed);
        let proposals = propose(&reps, &candidates, &settings, &ReviewSettings::default(), 0);
        let capacity: HashMap<i64, u32> = reps
            .iter()
            .map(|r| (r.id, if r.active { r.capacity } else { 0 }))
            .collect();
        let mut held: HashMap<i64, u32> = HashMap::new();
        for c in &candidates {
            if let Some(o) = c.owner {
                *held.entry(o).or_default() += 1;
            }
        }
        for (i, p) in proposals.iter().enumerate() {
            assert!(!candidates
                .iter()
                .any(|c| c.account_id == p.account_id && c.locked));
            if let Some(from) = p.from {
                *held.entry(from).or_default() -= 1;
            }
            let Some(to) = p.to else {
                continue;
            };
            let n = held.entry(to).or_default();
            *n += 1;
            // The first half of a swap between two full books is the one step allowed over.
            let swap = proposals
                .get(i + 1)
                .is_some_and(|q| q.from == p.to && q.to == p.from);
            assert!(
                swap || *n <= capacity[&to],
                "seed {seed}: rep {to} over capacity"
            );
        }
        let review = ReviewSettings {
            budget: 1_000,
            ..Default::default()
        };
        let all = propose(&reps, &candidates, &settings, &review, 0);
        let again = propose(&reps, &apply(&candidates, &all), &settings, &review, 0);
        assert!(again.is_empty(), "seed {seed}: {again:?}");
    }
}

#[test]
fn surges_and_cool_downs_are_listed_largest_first() {
    let before = HashMap::from([(1, 0.2), (2, 0.5), (3, 0.6), (4, 0.3)]);
    let after = [(1, 0.7), (2, 0.55), (3, 0.2), (4, 0.45), (5, 0.9)];
    let (surged, cooled) = shifts(&before, &after, 0.1);
    let ids = |s: &[Shift]| s.iter().map(|s| s.account_id).collect::<Vec<_>>();
    assert_eq!(ids(&surged), vec![1, 4]);
    assert_eq!(ids(&cooled), vec![3]);
}
