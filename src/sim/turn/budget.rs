//! Budget: spend against the quarter's allowance, the 110 % rule and the quarter's turn.

use super::*;

/// Weekly spend against the pro-rated quarter; freeze above 110 % (§4.11).
pub fn budget(world: &mut World) {
    let w = week(world);
    if w == 0 {
        return;
    }
    let p = params(world);
    let salaries: f64 = entities(&world.resource::<Index>().people)
        .into_iter()
        .filter_map(|(_, e)| world.get::<Person>(e).map(|x| x.salary_w))
        .sum();
    // Open initiatives carry running costs (vendors, cloud, agencies): stopping work saves money.
    let running: f64 = entities(&world.resource::<Index>().initiatives)
        .into_iter()
        .filter_map(|(_, e)| {
            world
                .get::<Initiative>(e)
                .filter(|i| i.is_open())
                .map(|i| i.weekly_cost)
        })
        .sum();
    let mut b = world.resource_mut::<Budget>();
    let spend = salaries + b.tooling_weekly + running;
    b.quarter_spent += spend;
    b.total_spent += spend;
    let week_in_q = ((w - 1) % p.quarter_weeks) + 1;
    b.allowance_to_date += b.next_quarter_total / f64::from(p.quarter_weeks);
    let pro_rated = b.allowance_to_date;
    let over = b.quarter_spent > 1.1 * pro_rated;
    if over && !b.freeze {
        b.freeze = true;
        b.tooling_weekly *= 0.5;
        world.resource_mut::<WeekLog>().record(
            w,
            "event",
            Happened::HiringFreeze,
            Vec::new(),
            "Spend passed 110 % of budget: hiring freeze and discretionary cuts",
        );
        for (_, se) in entities(&world.resource::<Index>().stakeholders) {
            if let Some(mut s) = world.get_mut::<Stakeholder>(se)
                && s.role == crate::scenario::StakeholderRole::Cfo
            {
                s.missed.push(w);
            }
        }
    } else if !over && b.freeze && b.quarter_spent < pro_rated {
        b.freeze = false;
    }
    let mut b = world.resource_mut::<Budget>();
    if week_in_q == p.quarter_weeks {
        b.last_quarter_spent = b.quarter_spent;
        b.last_quarter_allowance = b.allowance_to_date;
        b.quarter_spent = 0.0;
        b.allowance_to_date = 0.0;
        b.quarter_total = b.next_quarter_total;
    }
}
