//! Budget: spend against the quarter's allowance, the freeze rule and the quarter's turn.

use super::*;

/// Weekly spend against the pro-rated quarter; freeze above `budget_freeze_ratio` of it (§4.11).
#[expect(
    clippy::too_many_arguments,
    reason = "a system names every resource it touches"
)]
pub fn budget(
    clock: Res<Clock>,
    params: Res<SimParams>,
    index: Res<Index>,
    mut b: ResMut<Budget>,
    mut log: ResMut<WeekLog>,
    people: Query<&Person>,
    initiatives: Query<&Initiative>,
    mut stakeholders: Query<&mut Stakeholder>,
) {
    let w = clock.week;
    let p = &params.0;
    let salaries: f64 = index
        .people
        .values()
        .filter_map(|e| people.get(*e).ok().map(|x| x.salary_w))
        .sum();
    // Open initiatives carry running costs (vendors, cloud, agencies): stopping work saves money.
    let running: f64 = index
        .initiatives
        .values()
        .filter_map(|e| {
            initiatives
                .get(*e)
                .ok()
                .filter(|i| i.is_open())
                .map(|i| i.weekly_cost)
        })
        .sum();
    let spend = salaries + b.tooling_weekly + running;
    b.quarter_spent += spend;
    b.total_spent += spend;
    let week_in_q = ((w - 1) % p.quarter_weeks) + 1;
    b.allowance_to_date += b.next_quarter_total / f64::from(p.quarter_weeks);
    let pro_rated = b.allowance_to_date;
    let over = eq::over_budget(b.quarter_spent, pro_rated, p);
    if over && !b.freeze {
        b.freeze = true;
        b.tooling_weekly *= p.freeze_tooling_cut;
        log.record(
            w,
            "event",
            Happened::HiringFreeze,
            Vec::new(),
            format!(
                "Spend passed {:.0} % of budget: hiring freeze and discretionary cuts",
                p.budget_freeze_ratio * 100.0
            ),
        );
        for se in index.stakeholders.values() {
            if let Ok(mut s) = stakeholders.get_mut(*se)
                && s.role == crate::scenario::StakeholderRole::Cfo
            {
                s.missed.push(w);
            }
        }
    } else if !over && b.freeze && b.quarter_spent < pro_rated {
        b.freeze = false;
    }
    if week_in_q == p.quarter_weeks {
        // Said out loud: the budget is quarterly, and the room the player sees resets now.
        log.push(
            w,
            "event",
            format!(
                "Quarter {} ended: you spent ${:.0}k of its ${:.0}k budget; the new quarter \
                 starts with ${:.0}k, and nothing unspent carries over",
                (w - 1) / p.quarter_weeks + 1,
                b.quarter_spent / 1000.0,
                b.allowance_to_date / 1000.0,
                b.next_quarter_total / 1000.0
            ),
        );
        b.last_quarter_spent = b.quarter_spent;
        b.last_quarter_allowance = b.allowance_to_date;
        b.quarter_spent = 0.0;
        b.allowance_to_date = 0.0;
        b.quarter_total = b.next_quarter_total;
    }
}
