//! Pressure and overtime: schedule pressure from deadlines and demands, and the hours it pulls.

use super::*;

/// Schedule pressure per team from committed deadlines or unshielded exposure (§4.5).
pub fn pressure(
    clock: Res<Clock>,
    index: Res<Index>,
    mut teams: Query<&mut Team>,
    initiatives: Query<&Initiative>,
) {
    let w = clock.week;
    let items = items_by_team(&index, |e| initiatives.get(e).ok().and_then(open_slot));
    for (tid, e) in &index.teams {
        // Collect (deadline, remaining) for this team's open committed items.
        let mut committed: Vec<(u32, f64)> = items
            .get(tid)
            .map(|v| {
                v.iter()
                    .filter_map(|ie| initiatives.get(*ie).ok())
                    .filter_map(|it| {
                        it.deadline
                            .map(|d| (d, it.remaining() + it.hidden_rework * 0.0))
                    })
                    .collect()
            })
            .unwrap_or_default();
        committed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let Ok(mut t) = teams.get_mut(*e) else {
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
pub fn overtime(
    clock: Res<Clock>,
    params: Res<SimParams>,
    index: Res<Index>,
    org: Res<Org>,
    teams: Query<&Team>,
    mut people: Query<&mut Person>,
) {
    let w = clock.week;
    let p = &params.0;
    let policy = org.overtime_policy.0;
    let teams: PerTeam<(f64, bool)> = index
        .teams
        .iter()
        .filter_map(|(id, e)| {
            teams.get(*e).ok().map(|t| {
                let mean_item = t.westrum.iter().sum::<f64>() / 6.0;
                (*id, (t.schedule_pressure, mean_item < 3.5))
            })
        })
        .collect();
    for e in index.people.values() {
        let Ok(mut x) = people.get_mut(*e) else {
            continue;
        };
        let (sp, pathological) = teams.get(&x.team).copied().unwrap_or((0.0, false));
        x.hours = if !x.is_available(w) || w == 0 {
            if w == 0 { 40.0 } else { 0.0 }
        } else {
            40.0 * (1.0 + eq::overtime(sp, x.exhaustion, pathological, policy, p))
        };
    }
}
