//! The start and end of a turn: delayed effects fall due, next week's attention points.

use super::*;

/// Start of the week: effects scheduled for this week or earlier (an approved budget) arrive.
pub fn begin_week(
    clock: Res<Clock>,
    mut delayed: ResMut<DelayedEffects>,
    mut budget: ResMut<Budget>,
    mut log: ResMut<WeekLog>,
) {
    let w = clock.week;
    let due: Vec<(u32, u32)> = delayed.0.range(..=(w, u32::MAX)).map(|(k, _)| *k).collect();
    for key in due {
        let Some(effect) = delayed.0.remove(&key) else {
            continue;
        };
        match effect {
            DelayedEffect::BudgetArrives(x) => {
                budget.quarter_total += x;
                budget.total_budget += x;
                log.record(
                    w,
                    "event",
                    Happened::BudgetArrived,
                    Vec::new(),
                    format!("Approved budget of ${x:.0} arrived"),
                );
            }
        }
    }
}

/// End of the turn: next week's attention points, minus any overdraft borrowed (§6), so the
/// player plans the coming week with the AP it really has; a week without overdraft lets the
/// leader recover a little.
pub fn end_week(clock: Res<Clock>, params: Res<SimParams>, mut leader: ResMut<Leader>) {
    let borrowed = leader.overdraft_debt;
    leader.ap_left = (leader.ap_per_week - borrowed).max(0.0);
    leader.overdraft_debt = 0.0;
    if borrowed <= 0.0 && clock.week > 0 {
        leader.exhaustion = (leader.exhaustion - params.0.leader_weekly_recovery).max(0.0);
    }
}
