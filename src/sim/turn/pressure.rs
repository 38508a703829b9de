//! Pressure and overtime: schedule pressure from deadlines and demands, and the hours it pulls.

use super::*;

/// Schedule pressure per team from committed deadlines or unshielded exposure (§4.5).
pub fn pressure(world: &mut World) {
    let w = week(world);
    let items = team_items(world);
    for (tid, e) in entities(&world.resource::<Index>().teams) {
        // Collect (deadline, remaining) for this team's open committed items.
        let mut committed: Vec<(u32, f64)> = items
            .get(&tid)
            .map(|v| {
                v.iter()
                    .filter_map(|ie| world.get::<Initiative>(*ie))
                    .filter_map(|it| {
                        it.deadline
                            .map(|d| (d, it.remaining() + it.hidden_rework * 0.0))
                    })
                    .collect()
            })
            .unwrap_or_default();
        committed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let Some(mut t) = world.get_mut::<Team>(e) else {
            continue;
        };
        let sp = if committed.is_empty() {
            eq::ambient_pressure(t.pressure)
        } else {
            let mut cum = 0.0;
            let mut best: f64 = -0.5;
            for (d, rem) in committed {
                cum += rem;
                let left = (f64::from(d) - f64::from(w) + 1.0).max(0.5);
                best = best.max(eq::schedule_pressure(cum, t.nominal_delivery, left));
            }
            best.max(eq::ambient_pressure(t.pressure))
        };
        t.schedule_pressure = sp;
        if w > 0 {
            t.weeks_under_pressure = if sp > 0.05 {
                t.weeks_under_pressure + 1.0
            } else {
                0.0
            };
        }
    }
}

/// Hours per person from pressure, willingness and the overtime policy (§4.5).
pub fn overtime(world: &mut World) {
    let w = week(world);
    let p = params(world);
    let policy = world.resource::<Org>().overtime_policy.0;
    let teams: BTreeMap<TeamId, (f64, bool)> = entities(&world.resource::<Index>().teams)
        .into_iter()
        .filter_map(|(id, e)| {
            world.get::<Team>(e).map(|t| {
                let mean_item = t.westrum.iter().sum::<f64>() / 6.0;
                (id, (t.schedule_pressure, mean_item < 3.5))
            })
        })
        .collect();
    for (_, e) in entities(&world.resource::<Index>().people) {
        let Some(mut x) = world.get_mut::<Person>(e) else {
            continue;
        };
        let (sp, pathological) = teams.get(&x.team).copied().unwrap_or((0.0, false));
        x.hours = if !x.is_available(w) || w == 0 {
            if w == 0 { 40.0 } else { 0.0 }
        } else {
            40.0 * (1.0 + eq::overtime(sp, x.exhaustion, pathological, policy, &p))
        };
    }
    let _ = OvertimePolicy::Default;
}
