//! Round-robin, the way many routing tools deal leads: in turn, one each, ignoring value.
//! Terrain uses it only as a baseline to compare its plans against.

use super::RepSlot;

/// Deals accounts, in the order given, to active reps with room, one each in turn. The turn
/// passes once per account dealt; a rep who cannot take one (inactive, capacity 0, full) is
/// skipped without taking a turn from anyone else. Accounts no rep can take go to the pool.
pub fn round_robin(reps: &[RepSlot], accounts: &[i64]) -> Vec<(i64, Option<i64>)> {
    let mut load = vec![0u32; reps.len()];
    let mut next = 0;
    accounts
        .iter()
        .map(|&account| {
            let taker = (0..reps.len())
                .map(|step| (next + step) % reps.len())
                .find(|&r| reps[r].active && load[r] < reps[r].capacity);
            match taker {
                Some(r) => {
                    load[r] += 1;
                    next = r + 1;
                    (account, Some(reps[r].id))
                }
                None => (account, None),
            }
        })
        .collect()
}
