//! The start of a turn: delayed effects fall due and the week begins.

use super::*;

/// Start of the week: delayed effects, AP reset and overdraft repayment, leader exhaustion.
pub fn begin_week(world: &mut World) {
    let w = week(world);
    if w == 0 {
        return;
    }
    let p = params(world);
    let due: Vec<((u32, u32), DelayedEffect)> = {
        let mut d = world.resource_mut::<DelayedEffects>();
        let keys: Vec<(u32, u32)> = d.0.range(..=(w, u32::MAX)).map(|(k, _)| *k).collect();
        keys.into_iter()
            .filter_map(|k| d.0.remove(&k).map(|v| (k, v)))
            .collect()
    };
    for (_, eff) in due {
        match eff {
            DelayedEffect::BudgetArrives(x) => {
                let mut b = world.resource_mut::<Budget>();
                b.quarter_total += x;
                b.total_budget += x;
                world.resource_mut::<WeekLog>().record(
                    w,
                    "event",
                    Happened::BudgetArrived,
                    Vec::new(),
                    format!("Approved budget of ${x:.0} arrived"),
                );
            }
        }
    }
    let _ = p;
}

/// End of the turn: next week's attention points, minus any overdraft borrowed (§6), so the
/// player plans the coming week with the AP it really has.
pub fn end_week(world: &mut World) {
    let w = week(world);
    let mut l = world.resource_mut::<Leader>();
    let borrowed = l.overdraft_debt;
    l.ap_left = (l.ap_per_week - borrowed).max(0.0);
    l.overdraft_debt = 0.0;
    if borrowed <= 0.0 && w > 0 {
        l.exhaustion = (l.exhaustion - 3.0).max(0.0);
    }
}
