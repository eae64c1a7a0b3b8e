//! `make bench`: the assignment engine alone, on synthetic books.
//!
//! Each book has reps in regions (ten reps per region, so each account has ten reps of its own
//! region to choose from, and others at a lower fit), skewed expected values, 70% of accounts
//! with an owner, open deals, recent contact and 1% locks. Reported: time, the gap to the
//! bound, moves, and reps left outside the band.

use std::time::Instant;

use terrain_core::assign::{assign, AssignSettings, Candidate, RepSlot};

fn book(accounts: usize, reps: usize, seed: u64) -> (Vec<RepSlot>, Vec<Candidate>) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let regions = reps.div_ceil(10).max(1);
    let slots: Vec<RepSlot> = (0..reps as i64)
        .map(|id| RepSlot {
            id,
            name: format!("Rep {id}"),
            capacity: (accounts as f64 * 1.2 / reps as f64).ceil() as u32,
            active: true,
            segments: vec![format!("Region {}", id as usize % regions)],
            workload_capacity: None,
        })
        .collect();
    let candidates: Vec<Candidate> = (0..accounts as i64)
        .map(|id| {
            let readiness = rng.f64();
            Candidate {
                account_id: id,
                readiness,
                expected_value: readiness * f64::from(rng.u32(1_000..100_000)),
                owner: (rng.f64() < 0.7).then(|| rng.i64(0..reps as i64)),
                locked: rng.f64() < 0.01,
                segment: Some(format!("Region {}", rng.usize(0..regions))),
                open_deal: rng.f64() < 0.1,
                recent_contact: rng.f64() < 0.3,
                workload: 1.0,
            }
        })
        .collect();
    (slots, candidates)
}

fn run(label: &str, slots: &[RepSlot], candidates: &[Candidate], settings: &AssignSettings) {
    let started = Instant::now();
    let plan = assign(slots, candidates, settings);
    let elapsed = started.elapsed();
    let r = &plan.report;
    println!(
        "{label:<58} {:>9.1} ms   gap {:>7}   moves {:>6}   outside band {:>3}   iterations {}   \
         objective {:.0}   bound {:.0}   from current {}",
        elapsed.as_secs_f64() * 1e3,
        r.gap
            .map_or("none".into(), |g| format!("{:.3}%", g * 100.0)),
        r.moves,
        r.outside_band.len(),
        r.iterations,
        r.objective,
        r.bound.unwrap_or(f64::NAN),
        r.from_current
    );
    // A second run from the plan it made must move nothing.
    let owners: std::collections::HashMap<i64, Option<i64>> = plan
        .placements
        .iter()
        .map(|p| (p.account_id, p.rep))
        .collect();
    let again: Vec<Candidate> = candidates
        .iter()
        .map(|c| Candidate {
            owner: owners[&c.account_id],
            ..c.clone()
        })
        .collect();
    let started = Instant::now();
    let second = assign(slots, &again, settings);
    println!(
        "{:<58} {:>9.1} ms   moves {:>6}",
        format!("{label}, second run"),
        started.elapsed().as_secs_f64() * 1e3,
        second.report.moves
    );
}

fn main() {
    println!("Assignment engine\n");
    let open = AssignSettings::default();
    let strict = AssignSettings {
        outside_segment_fit: None,
        ..Default::default()
    };
    for (accounts, reps) in [(10_000, 20), (100_000, 100)] {
        let (slots, candidates) = book(accounts, reps, 13);
        for (settings, rule) in [(&open, "any rep"), (&strict, "own region only")] {
            run(
                &format!(
                    "assign {}k accounts to {reps} reps, {rule}",
                    accounts / 1000
                ),
                &slots,
                &candidates,
                settings,
            );
        }
    }
}
