//! Events: scripted events, demands that went around the leader, new demands, the leader snapping, market shocks.

use super::*;

/// Scripted events, ignored demands, new demands and market shocks (§4.1, §7).
pub fn events(world: &mut World) {
    let w = week(world);
    let p = params(world);
    let seed = seed(world);
    // Scripted events.
    let scripted: Vec<(usize, EventKind)> = world
        .resource::<ScriptedEvents>()
        .0
        .iter()
        .filter(|e| e.week == w)
        .map(|e| (e.index, e.kind.clone()))
        .collect();
    for (index, ev) in scripted {
        let fired = match ev {
            EventKind::Demand {
                from,
                kind,
                team,
                intensity,
            } => push_demand(world, from, kind, team, intensity, w, &p),
            EventKind::BudgetCut { fraction } => {
                // The cut applies from now on: to the rest of this quarter and to later quarters.
                let qw = f64::from(p.quarter_weeks);
                let left_in_q = f64::from(p.quarter_weeks - (w - 1) % p.quarter_weeks);
                let mut b = world.resource_mut::<Budget>();
                let cut_now = b.quarter_total * fraction * left_in_q / qw;
                b.quarter_total -= cut_now;
                b.next_quarter_total *= 1.0 - fraction;
                b.total_budget -= cut_now;
                b.cut_fraction += fraction;
                world.resource_mut::<WeekLog>().record(
                    w,
                    "event",
                    Happened::BudgetCut,
                    Vec::new(),
                    format!("Budget cut by {:.0} %", fraction * 100.0),
                );
                true
            }
            EventKind::MarketShock { value_fit } => {
                shock(world, value_fit, w);
                true
            }
            EventKind::Resignation { person } => {
                if let Some(&e) = world.resource::<Index>().people.get(&person)
                    && let Some(mut x) = world.get_mut::<Person>(e)
                    && x.notice.is_none()
                {
                    x.notice = Some(p.notice_weeks);
                    let name = x.name.clone();
                    world.resource_mut::<WeekLog>().record(
                        w,
                        "resignation",
                        Happened::Resigned,
                        vec![Subject::Person(person)],
                        format!("{name} resigned and leaves in {} weeks", p.notice_weeks),
                    );
                    true
                } else {
                    // Already gone or already leaving: the scripted resignation cannot happen.
                    false
                }
            }
            EventKind::MarketHeat { heat } => {
                world.resource_mut::<Market>().heat = heat;
                true
            }
        };
        if fired {
            world.resource_mut::<Org>().fired_events.push(index);
        }
    }
    // Demands not answered in time go around the leader (§7.2).
    let expired: Vec<Demand> = {
        let mut org = world.resource_mut::<Org>();
        let (gone, keep): (Vec<Demand>, Vec<Demand>) =
            org.demands.drain(..).partition(|d| d.respond_by < w);
        org.demands = keep;
        gone
    };
    for d in expired {
        actions::comply_effects(world, &d, p.around_effect_scale, w, &p);
        for e in members(world).get(&d.team).cloned().unwrap_or_default() {
            if let Some(mut x) = world.get_mut::<Person>(e) {
                x.trust_in_leader = (x.trust_in_leader - p.around_trust_loss).max(0.0);
            }
        }
        if let Some(mut t) = lookup::get_mut::<Team>(world, d.team) {
            t.defend_events.push((w, -1.0));
            t.exposed += 1.0;
        }
        if let Some(mut s) = lookup::get_mut::<Stakeholder>(world, d.from) {
            s.pulses.push(Pulse {
                stock: PulseStock::Benevolence,
                amount: -p.around_benevolence_loss,
                start_week: w,
                half_life: p.around_benevolence_half_life,
                driver: Driver::Pressure,
            });
        }
        let went_around = format!(
            "{} went unanswered and around you: it landed harder, and the team saw no defence",
            crate::score::capitalise(&crate::sim::describe::demand_of(world, &d))
        );
        world.resource_mut::<WeekLog>().record(
            w,
            "demand",
            Happened::WentAround,
            vec![
                Subject::Team(d.team),
                Subject::Stakeholder(d.from),
                Subject::Demand(d.kind),
            ],
            went_around,
        );
    }
    // New demands (Poisson per stakeholder).
    let deadline_near = deadline_proximity(world, w);
    let teams: Vec<(TeamId, TeamKind)> = entities(&world.resource::<Index>().teams)
        .into_iter()
        .filter_map(|(id, e)| world.get::<Team>(e).map(|t| (id, t.kind)))
        .collect();
    for (sid, e) in entities(&world.resource::<Index>().stakeholders) {
        let Some(s) = world.get::<Stakeholder>(e) else {
            continue;
        };
        if s.demand_kinds.is_empty() || s.escalated_until > w || teams.is_empty() {
            continue;
        }
        let lambda = eq::demand_rate(
            p.demand_rate,
            s.waterfall,
            s.anxiety,
            s.alignment,
            deadline_near,
        );
        let kinds = s.demand_kinds.clone();
        let n = Stream::new(seed, Purpose::DemandArrival, u64::from(sid.0), w, 0).poisson(lambda);
        for k in 0..n.min(3) {
            let mut st = Stream::new(seed, Purpose::DemandKind, u64::from(sid.0), w, k);
            let kind = kinds[st.below(kinds.len())];
            let stream_teams: Vec<TeamId> = teams
                .iter()
                .filter(|t| t.1 != TeamKind::Platform)
                .map(|t| t.0)
                .collect();
            let pool = if stream_teams.is_empty() {
                teams.iter().map(|t| t.0).collect()
            } else {
                stream_teams
            };
            let team = pool[st.below(pool.len())];
            let intensity =
                Stream::new(seed, Purpose::DemandIntensity, u64::from(sid.0), w, k).range(0.5, 1.0);
            push_demand(world, sid, kind, team, intensity, w, &p);
        }
    }
    // An exhausted leader snaps (§4.9): above X_L 60, a 5 %/week chance of a blame event the
    // player did not choose, on the team under the most pressure.
    let xl = world.resource::<Leader>().exhaustion;
    if xl > p.leader_snap_exhaustion
        && Stream::new(seed, Purpose::LeaderSnap, 0, w, 0).bernoulli(p.leader_snap_chance)
    {
        let target = entities(&world.resource::<Index>().teams)
            .into_iter()
            .filter_map(|(id, e)| world.get::<Team>(e).map(|t| (t.schedule_pressure, id, e)))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, snapped_at, e)) = target {
            if let Some(mut t) = world.get_mut::<Team>(e) {
                t.blame_recent = 1.0;
                t.psych_safety = (t.psych_safety - p.leader_snap_safety_loss).max(0.0);
            }
            world.resource_mut::<WeekLog>().record(
                w,
                "event",
                Happened::Snapped,
                vec![Subject::Team(snapped_at)],
                "Worn out, you snapped at a team in a meeting (a blame event)",
            );
        }
    }
    // Market shocks (competitor launches), scenario-weighted by their rate.
    let rate = world.resource::<Market>().shock_rate;
    if Stream::new(seed, Purpose::MarketShock, 0, w, 0).bernoulli(rate) {
        let size = Stream::new(seed, Purpose::MarketShock, 0, w, 1).range(1.0, 4.0);
        shock(world, -size, w);
    }
}

pub(crate) fn shock(world: &mut World, value_fit: f64, w: u32) {
    for (_, e) in entities(&world.resource::<Index>().products) {
        if let Some(mut pr) = world.get_mut::<Product>(e) {
            pr.shocks += value_fit;
        }
    }
    world.resource_mut::<WeekLog>().record(
        w,
        "event",
        Happened::MarketShock,
        Vec::new(),
        if value_fit >= 0.0 {
            "Market shift: what customers want moved toward what we build".to_string()
        } else {
            "Market shock: what customers want moved away from what we build".to_string()
        },
    );
}

/// True when one of `team`'s open initiatives has a forecast made in the last
/// `forecast_fresh_weeks` whose 85 % week has not passed.
fn has_fresh_forecast(world: &World, team: TeamId, w: u32, p: &Params) -> bool {
    let idx = world.resource::<Index>();
    idx.initiatives.values().any(|e| {
        world.get::<Initiative>(*e).is_some_and(|it| {
            it.team == team
                && it.is_open()
                && it.forecast.is_some_and(|f| {
                    !f.broken && f64::from(w.saturating_sub(f.made)) < p.forecast_fresh_weeks
                })
        })
    })
}

pub(crate) fn push_demand(
    world: &mut World,
    from: crate::model::StakeholderId,
    kind: DemandKind,
    team: TeamId,
    intensity: f64,
    w: u32,
    p: &Params,
) -> bool {
    // A team that already reports to this stakeholder gets no second status demand.
    if kind == DemandKind::StatusReport {
        let reporting =
            lookup::get::<Team>(world, team).is_some_and(|t| t.status_sources.contains(&from));
        if reporting {
            return false;
        }
    }
    // A fresh, unbroken forecast for the team's open work answers "when": the stakeholder
    // takes it instead of imposing a fixed-date plan (§6.6).
    if kind == DemandKind::FixedPlan && has_fresh_forecast(world, team, w, p) {
        let text = format!(
            "A fixed-date plan for {} was not imposed: your forecast answered when",
            team_name(world, team)
        );
        world.resource_mut::<WeekLog>().record(
            w,
            "demand",
            Happened::Forecast,
            vec![Subject::Team(team), Subject::Stakeholder(from)],
            text,
        );
        return false;
    }
    let mut org = world.resource_mut::<Org>();
    if org.demands.len() >= p.max_open_demands as usize {
        return false;
    }
    let id = crate::model::DemandId(org.next_demand);
    org.next_demand += 1;
    let demand = Demand {
        id,
        from,
        kind,
        team,
        intensity,
        arrived: w,
        respond_by: w + p.demand_response_weeks,
        reframe_failed: false,
        escalated: false,
    };
    org.demands.push(demand.clone());
    let text = format!(
        "New demand. {}",
        crate::sim::describe::demand_line(world, &demand)
    );
    world.resource_mut::<WeekLog>().record(
        w,
        "demand",
        Happened::Demand,
        vec![
            Subject::Team(team),
            Subject::Stakeholder(from),
            Subject::Demand(kind),
        ],
        text,
    );
    true
}

/// max over open deadlines of clamp(1 − weeks_left/`deadline_horizon_weeks`, 0, 1) (§17.2).
pub(crate) fn deadline_proximity(world: &World, w: u32) -> f64 {
    let horizon = world.resource::<SimParams>().deadline_horizon_weeks;
    nearest_deadline(
        world
            .resource::<Index>()
            .initiatives
            .values()
            .filter_map(|e| world.get::<Initiative>(*e)),
        w,
        horizon,
    )
}

/// How close the nearest open committed date is: 0 `horizon` or more weeks out, 1 at or past it.
pub(crate) fn nearest_deadline<'a>(
    items: impl Iterator<Item = &'a Initiative>,
    w: u32,
    horizon: f64,
) -> f64 {
    let mut best: f64 = 0.0;
    for it in items {
        if let (true, Some(d)) = (it.is_open(), it.deadline) {
            let left = f64::from(d) - f64::from(w);
            best = best.max((1.0 - left / horizon).clamp(0.0, 1.0));
        }
    }
    best
}
