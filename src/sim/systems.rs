//! The turn's systems, one per phase of MODEL.md §17.3, each a thin adapter over `model::eq`.
//!
//! Systems are exclusive (`&mut World`) and walk entities through the `Index` maps, which are
//! ordered by stable id: iteration order, random draws and float sums are therefore identical on
//! every run. At week 0 (the spawn pass) systems only derive values and record starting terms.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::actions::{self, pair};
use super::lookup;
use super::state::*;
use crate::model::eq::{self, OvertimePolicy};
use crate::model::rng::{Purpose, Stream};
use crate::model::{
    Contribs, DependencyId, Driver, InitiativeId, Params, PersonId, ProductId, TeamId,
};
use crate::scenario::{DemandKind, EventKind, InitiativeKind, Metric, Role, TeamKind};

fn params(world: &World) -> Params {
    world.resource::<SimParams>().0.clone()
}

fn week(world: &World) -> u32 {
    world.resource::<Clock>().week
}

fn seed(world: &World) -> u64 {
    world.resource::<RunInfo>().seed
}

fn entities<K: Ord + Copy>(m: &BTreeMap<K, Entity>) -> Vec<(K, Entity)> {
    m.iter().map(|(k, e)| (*k, *e)).collect()
}

/// People entities per team, in person-id order.
fn members(world: &World) -> BTreeMap<TeamId, Vec<Entity>> {
    let mut out: BTreeMap<TeamId, Vec<Entity>> = BTreeMap::new();
    for e in world.resource::<Index>().people.values() {
        if let Some(p) = world.get::<Person>(*e) {
            out.entry(p.team).or_default().push(*e);
        }
    }
    out
}

/// Open initiatives per team in backlog order.
fn team_items(world: &World) -> BTreeMap<TeamId, Vec<Entity>> {
    let mut out: BTreeMap<TeamId, Vec<(u32, InitiativeId, Entity)>> = BTreeMap::new();
    for (id, e) in &world.resource::<Index>().initiatives {
        if let Some(it) = world.get::<Initiative>(*e)
            && it.is_open()
        {
            out.entry(it.team)
                .or_default()
                .push((it.backlog_order, *id, *e));
        }
    }
    out.into_iter()
        .map(|(t, mut v)| {
            v.sort();
            (t, v.into_iter().map(|x| x.2).collect())
        })
        .collect()
}

fn count_recent(weeks: &[u32], now: u32, window: u32) -> f64 {
    weeks
        .iter()
        .filter(|&&w| now.saturating_sub(w) < window && w <= now)
        .count() as f64
}

fn role_weight(r: Role) -> f64 {
    match r {
        Role::Engineer | Role::Qa => 1.0,
        Role::Designer | Role::Pm | Role::Analyst => 0.75,
        Role::Em => 0.5,
    }
}

/// Which pillar a role mostly uses (learning by doing): [soft, team_dev, domain, craft].
fn use_shares(r: Role) -> [f64; 4] {
    match r {
        Role::Engineer | Role::Qa | Role::Designer => [0.1, 0.0, 0.2, 0.7],
        Role::Pm | Role::Analyst => [0.3, 0.1, 0.5, 0.1],
        Role::Em => [0.3, 0.4, 0.2, 0.1],
    }
}

/// Does this initiative still need discovery before delivery (§17.2)?
pub fn needs_discovery(it: &Initiative, team: &Team, p: &Params) -> bool {
    team.discovery_share > 0.0
        && !it.no_discovery
        && !it.fixed_scope
        && matches!(
            it.kind,
            InitiativeKind::Feature | InitiativeKind::OutcomeBet
        )
        && matches!(
            it.state,
            InitiativeState::Backlog | InitiativeState::Discovery
        )
        && it.experiments_run < p.max_experiments
        && it.belief < p.discovery_confident
        && it.good_done <= 0.0
}

/// Draws an effect vector for an idea: hit → LogNormal magnitude, miss → half neutral, half −0.3.
pub fn draw_effect(s: &mut Stream, hit: bool, p: &Params) -> Effect {
    let unit = Effect {
        activation: 0.01,
        churn_mult: 0.97,
        acquisition: 0.03,
        arpu: 0.0,
        value_fit: 2.5,
    };
    let m = s.lognormal(0.0, p.magnitude_sigma).min(4.0);
    if hit {
        unit.scaled(m)
    } else if s.bernoulli(0.5) {
        Effect {
            churn_mult: 1.0,
            ..Effect::default()
        }
    } else {
        unit.scaled(-0.3 * m)
    }
}

// ---------------------------------------------------------------- Actions phase

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

// ---------------------------------------------------------------- Events phase

/// Scripted events, ignored demands, new demands and market shocks (§4.1, §7).
pub fn events(world: &mut World) {
    let w = week(world);
    if w == 0 {
        return;
    }
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
                        format!("{name} resigned (notice {} weeks)", p.notice_weeks),
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
        actions::comply_effects(world, &d, 1.5, w, &p);
        for e in members(world).get(&d.team).cloned().unwrap_or_default() {
            if let Some(mut x) = world.get_mut::<Person>(e) {
                x.trust_in_leader = (x.trust_in_leader - 5.0).max(0.0);
            }
        }
        if let Some(mut t) = lookup::get_mut::<Team>(world, d.team) {
            t.defend_events.push((w, -1.0));
            t.exposed += 1.0;
        }
        if let Some(mut s) = lookup::get_mut::<Stakeholder>(world, d.from) {
            s.pulses.push(Pulse {
                stock: PulseStock::Benevolence,
                amount: -10.0,
                start_week: w,
                half_life: 6.0,
                driver: Driver::Pressure,
            });
        }
        world.resource_mut::<WeekLog>().record(
            w,
            "demand",
            Happened::WentAround,
            vec![
                Subject::Team(d.team),
                Subject::Stakeholder(d.from),
                Subject::Demand(d.kind),
            ],
            format!(
                "An unanswered {:?} demand went around you (1.5× effects; the team saw no defence)",
                d.kind
            ),
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
    if xl > 60.0 && Stream::new(seed, Purpose::LeaderSnap, 0, w, 0).bernoulli(0.05) {
        let target = entities(&world.resource::<Index>().teams)
            .into_iter()
            .filter_map(|(id, e)| world.get::<Team>(e).map(|t| (t.schedule_pressure, id, e)))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, snapped_at, e)) = target {
            if let Some(mut t) = world.get_mut::<Team>(e) {
                t.blame_recent = 1.0;
                t.psych_safety = (t.psych_safety - 20.0 / 3.0).max(0.0);
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

fn shock(world: &mut World, value_fit: f64, w: u32) {
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
        format!("Market shock: value fit {value_fit:+.1}"),
    );
}

fn push_demand(
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
    let mut org = world.resource_mut::<Org>();
    if org.demands.len() >= 12 {
        return false;
    }
    let id = crate::model::DemandId(org.next_demand);
    org.next_demand += 1;
    org.demands.push(Demand {
        id,
        from,
        kind,
        team,
        intensity,
        arrived: w,
        respond_by: w + p.demand_response_weeks,
        reframe_failed: false,
    });
    let text = format!(
        "New demand: {kind:?} for team {} (intensity {intensity:.2})",
        team_name(world, team)
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

/// max over open deadlines of clamp(1 − weeks_left/6, 0, 1) (§17.2).
fn deadline_proximity(world: &World, w: u32) -> f64 {
    let mut best: f64 = 0.0;
    for e in world.resource::<Index>().initiatives.values() {
        if let Some(it) = world.get::<Initiative>(*e)
            && let (true, Some(d)) = (it.is_open(), it.deadline)
        {
            let left = f64::from(d) - f64::from(w);
            best = best.max((1.0 - left / 6.0).clamp(0.0, 1.0));
        }
    }
    best
}

// ---------------------------------------------------------------- Staffing phase

/// Removes a person (resignation, layoff, contract end) and updates the team.
pub fn remove_person(world: &mut World, id: PersonId, w: u32, voluntary: bool) {
    let Some(e) = world.resource_mut::<Index>().people.remove(&id) else {
        return;
    };
    let (team, owns, name) = world
        .get::<Person>(e)
        .map_or((TeamId(0), false, String::new()), |p| {
            (p.team, p.owns_components, p.name.clone())
        });
    world.despawn(e);
    let p = params(world);
    if owns && let Some(mut t) = lookup::get_mut::<Team>(world, team) {
        t.debt = (t.debt + p.departure_debt).min(100.0);
    }
    // Mentees lose their mentor.
    for (_, pe) in entities(&world.resource::<Index>().people) {
        if let Some(mut x) = world.get_mut::<Person>(pe)
            && x.mentor == Some(id)
        {
            x.mentor = None;
        }
    }
    let mut org = world.resource_mut::<Org>();
    org.exits.push((w, id, voluntary));
    if voluntary {
        org.voluntary_exits += 1;
    }
    let _ = name;
}

/// Removes open dependencies where `consumer` waits on `provider` (re-team, inverse Conway).
pub fn remove_dependencies_between(world: &mut World, consumer: TeamId, provider: TeamId) {
    for (id, e) in entities(&world.resource::<Index>().dependencies) {
        let Some(d) = world.get::<Dependency>(e) else {
            continue;
        };
        if d.consumer == consumer && d.provider == provider && d.done_at.is_none() {
            let init = d.initiative;
            let now = f64::from(week(world));
            if let Some(mut dm) = world.get_mut::<Dependency>(e) {
                dm.done_at = Some(now);
                dm.remaining = 0.0;
            }
            if let Some(pe) = world.resource::<Index>().teams.get(&provider).copied()
                && let Some(mut t) = world.get_mut::<Team>(pe)
            {
                let rid = u64::from(id.0);
                t.lane.queue.retain(|r| r.id != rid);
            }
            let _ = init;
        }
    }
}

/// Hiring pipeline, contracts, notices, resignations, sick leave, assimilation (§4.3).
pub fn staffing(world: &mut World) {
    let w = week(world);
    if w == 0 {
        return;
    }
    let p = params(world);
    let seed = seed(world);
    // Fill requisitions.
    let due: Vec<Requisition> = {
        let mut org = world.resource_mut::<Org>();
        let (due, keep): (Vec<_>, Vec<_>) =
            org.requisitions.drain(..).partition(|r| r.fills_week <= w);
        org.requisitions = keep;
        due
    };
    for r in due {
        if !world.resource::<Index>().teams.contains_key(&r.team) {
            continue;
        }
        let (tau, ps) = lookup::get::<Team>(world, r.team)
            .map_or((p.assimilation_tau, 50.0), |t| {
                (t.assimilation_tau, t.psych_safety)
            });
        let _ = (tau, ps);
        let q = Stream::new(seed, Purpose::CandidateQuality, u64::from(r.seq), 0, 0).beta(4.0, 4.0);
        let base = 30.0 + 10.0 * f64::from(r.level);
        let skill = (base + 30.0 * (q - 0.5)).clamp(5.0, 95.0);
        let salary = 2_000.0 + 500.0 * f64::from(r.level);
        let id = {
            let mut org = world.resource_mut::<Org>();
            let id = PersonId(org.next_person);
            org.next_person += 1;
            org.hires += 1;
            id
        };
        let a_max = if r.contractor {
            p.contractor_a_max
        } else {
            1.0
        };
        let person = Person {
            id,
            name: format!(
                "{} #{}",
                if r.contractor { "Contractor" } else { "Hire" },
                id.0
            ),
            team: r.team,
            role: r.role,
            level: r.level,
            skills: [
                skill,
                skill,
                if r.contractor { skill * 0.5 } else { skill },
                skill,
            ],
            pending: [0.0; 4],
            tenure_w: 0.0,
            assimilation: p.assimilation_a0,
            a_max,
            onboarding: 1.0,
            hours: 40.0,
            exhaustion: 15.0,
            chronic: 0.0,
            engagement: 65.0,
            trust_in_leader: 55.0,
            weeks_since_1on1: 0.0,
            weeks_since_growth: 0.0,
            notice: None,
            salary_w: if r.contractor {
                salary * p.contractor_rate
            } else {
                salary
            },
            contract: if r.contractor {
                Contract::Contractor {
                    end_week: w + r.contract_weeks,
                }
            } else {
                Contract::Employee
            },
            mentor: None,
            brilliant_jerk: false,
            flight_risk: false,
            owns_components: false,
            retention_until: 0,
            away_until: 0,
            lent_until: 0,
            weeks_x_high: 0,
            vested_log: Default::default(),
            vested_total: 0.0,
            flight_risk_revealed: false,
            drivers_revealed: false,
            hazard: p.hazard_base,
            raw: 0.0,
            engagement_ledger: Contribs::default(),
            exhaustion_ledger: Contribs::initial(15.0),
            tl_ledger: Contribs::default(),
            last_1on1: None,
            e_pulse: 0.0,
            e0: 65.0,
            tl0: 55.0,
            e_terms0: Contribs::default(),
            tl_terms0: Contribs::default(),
            growth_accum: 0.0,
            x_start: 15.0,
        };
        if !r.contractor {
            let fee = p.recruiting_fee * salary * 52.0;
            let mut b = world.resource_mut::<Budget>();
            b.quarter_spent += fee;
            b.total_spent += fee;
        }
        let name = person.name.clone();
        let e = world.spawn((Name::new(name.clone()), person)).id();
        world.resource_mut::<Index>().people.insert(id, e);
        let text = format!("{name} joined team {}", team_name(world, r.team));
        let mut about = vec![Subject::Person(id), Subject::Team(r.team)];
        if r.contractor {
            about.push(Subject::Contractor);
        }
        world
            .resource_mut::<WeekLog>()
            .record(w, "hire", Happened::Hired, about, text);
    }
    // Contract ends and notice periods.
    let mut leaving = Vec::new();
    for (id, e) in entities(&world.resource::<Index>().people) {
        let Some(mut x) = world.get_mut::<Person>(e) else {
            continue;
        };
        if let Contract::Contractor { end_week } = x.contract
            && w >= end_week
        {
            leaving.push((id, false, format!("{}'s contract ended", x.name)));
            continue;
        }
        if let Some(n) = x.notice {
            if n <= 1 {
                leaving.push((id, true, format!("{} left the company", x.name)));
            } else {
                x.notice = Some(n - 1);
            }
        }
    }
    for (id, voluntary, text) in leaving {
        let team = lookup::get::<Person>(world, id).map(|x| x.team);
        remove_person(world, id, w, voluntary);
        let about = std::iter::once(Subject::Person(id))
            .chain(team.map(Subject::Team))
            .collect();
        world
            .resource_mut::<WeekLog>()
            .record(w, "exit", Happened::Left, about, text);
    }
    // Resignations (hazard from last week's state) and sick leave.
    let heat = world.resource::<Market>().heat;
    let _ = heat;
    for (id, e) in entities(&world.resource::<Index>().people) {
        let Some(mut x) = world.get_mut::<Person>(e) else {
            continue;
        };
        if x.notice.is_none()
            && x.contract == Contract::Employee
            && Stream::new(seed, Purpose::Resignation, u64::from(id.0), w, 0).bernoulli(x.hazard)
        {
            x.notice = Some(p.notice_weeks);
            let name = x.name.clone();
            world.resource_mut::<WeekLog>().record(
                w,
                "resignation",
                Happened::Resigned,
                vec![Subject::Person(id)],
                format!("{name} resigned (notice {} weeks)", p.notice_weeks),
            );
            continue;
        }
        if x.exhaustion >= 85.0 {
            x.weeks_x_high += 1;
        } else {
            x.weeks_x_high = 0;
        }
        if x.weeks_x_high >= 3 && x.away_until <= w {
            let mut s = Stream::new(seed, Purpose::SickLeave, u64::from(id.0), w, 0);
            if s.bernoulli(0.3) {
                let days = 1 + s.below(3) as u32;
                x.away_until = w + days;
                x.exhaustion = (x.exhaustion - 10.0 * f64::from(days)).max(0.0);
                let name = x.name.clone();
                world.resource_mut::<WeekLog>().record(
                    w,
                    "sick",
                    Happened::Sick,
                    vec![Subject::Person(id)],
                    format!("{name} is off sick for {days} week(s)"),
                );
            }
        }
    }
    // Assimilation and tenure.
    let teams: BTreeMap<TeamId, (f64, f64, bool)> = entities(&world.resource::<Index>().teams)
        .into_iter()
        .filter_map(|(id, e)| {
            world
                .get::<Team>(e)
                .map(|t| (id, (t.assimilation_tau, t.psych_safety, false)))
        })
        .collect();
    // Leads with team_dev ≥ 60 run effective 1:1s for their team (§4.9), saving the player AP.
    let mut lead_1on1: BTreeMap<TeamId, bool> = BTreeMap::new();
    for (_, e) in entities(&world.resource::<Index>().people) {
        if let Some(x) = world.get::<Person>(e)
            && x.role == Role::Em
            && x.skills[Pillar::TeamDev as usize] >= 60.0
        {
            lead_1on1.insert(x.team, true);
        }
    }
    for (_, e) in entities(&world.resource::<Index>().people) {
        let Some(mut x) = world.get_mut::<Person>(e) else {
            continue;
        };
        let (tau, ps, _) = teams
            .get(&x.team)
            .copied()
            .unwrap_or((p.assimilation_tau, 50.0, false));
        if x.is_available(w) {
            x.assimilation = eq::assimilation_step(x.assimilation, x.a_max, x.onboarding, ps, tau);
        }
        x.tenure_w += 1.0;
        x.weeks_since_1on1 += 1.0;
        x.weeks_since_growth += 1.0;
        if lead_1on1.contains_key(&x.team) && x.role != Role::Em && x.weeks_since_1on1 >= 2.0 {
            x.weeks_since_1on1 = 0.0;
        }
    }
}

// ---------------------------------------------------------------- Pressure & overtime

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

// ---------------------------------------------------------------- Capacity

/// Per-person raw capacity and team capacity with all overheads (§4.4, §17.1–§17.2).
pub fn capacity(world: &mut World) {
    let w = week(world);
    let p = params(world);
    let members = members(world);
    let items = team_items(world);
    let reqs: BTreeMap<TeamId, f64> = world
        .resource::<Org>()
        .requisitions
        .iter()
        .filter(|r| !r.contractor)
        .fold(BTreeMap::new(), |mut m, r| {
            *m.entry(r.team).or_insert(0.0) += 1.0;
            m
        });
    let relations = world.resource::<Org>().relations.clone();
    let rel_by_team = relations_by_team(&relations);
    let mentors: Vec<PersonId> = entities(&world.resource::<Index>().people)
        .into_iter()
        .filter_map(|(_, e)| world.get::<Person>(e).and_then(|x| x.mentor))
        .collect();
    for (tid, te) in entities(&world.resource::<Index>().teams) {
        // People.
        let mut raws: Vec<(f64, f64)> = Vec::new(); // (delivery raw, raw at 40 h)
        let mut train_fte = 0.0;
        let mut assimilated_raw = Vec::new();
        let (mut domain, mut ux, mut heads) = (0.0, 0.0, 0.0);
        for &pe in members.get(&tid).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(mut x) = world.get_mut::<Person>(pe) else {
                continue;
            };
            domain += x.skills[Pillar::Domain as usize];
            ux += if x.role == Role::Designer {
                x.skills[Pillar::Craft as usize]
            } else {
                x.skills[Pillar::Domain as usize] * 0.8
            };
            heads += 1.0;
            if !x.is_available(w) {
                x.raw = 0.0;
                continue;
            }
            let mut c = eq::PersonCapacity {
                hours: x.hours,
                assimilation: x.assimilation,
                craft: x.skills[Pillar::Craft as usize],
                exhaustion: x.exhaustion,
                engagement: x.engagement,
                on_notice: x.notice.is_some(),
            };
            let mut raw = eq::person_raw(&c, &p);
            if mentors.contains(&x.id) {
                raw *= 0.85;
            }
            c.hours = 40.0;
            let nominal = eq::person_raw(&c, &p);
            x.raw = raw;
            let wgt = role_weight(x.role);
            raws.push((raw * wgt, nominal * wgt));
            if x.assimilation < x.a_max - 0.05 && x.tenure_w < 52.0 {
                train_fte += eq::training_load(x.assimilation, x.a_max, p.assimilation_a0, &p);
            } else {
                assimilated_raw.push(raw);
            }
        }
        let n = raws.len();
        let trainer_raw = if assimilated_raw.is_empty() {
            0.0
        } else {
            assimilated_raw.iter().sum::<f64>() / assimilated_raw.len() as f64
        };
        // Active work: first wip_limit unblocked items not in discovery; blocked in-progress ones add to k.
        let Some(team) = world.get::<Team>(te).cloned() else {
            continue;
        };
        let mut slots = 0u32;
        let mut active = 0usize;
        let mut blocked = 0usize;
        let mut started_blocked = 0usize;
        let mut imposed_active = 0.0;
        let mut all_active = 0.0;
        for &ie in items.get(&tid).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(it) = world.get::<Initiative>(ie) else {
                continue;
            };
            if needs_discovery(it, &team, &p) {
                continue;
            }
            if it.state == InitiativeState::Blocked {
                blocked += 1;
                if it.good_done > 0.0 {
                    started_blocked += 1;
                }
                continue;
            }
            if (active as u32) < team.wip_limit {
                active += 1;
                slots += it.max_parallel;
                all_active += it.remaining().max(1.0);
                if it.imposed {
                    imposed_active += it.remaining().max(1.0);
                }
            }
        }
        // Blocked work in progress still costs switching (§8.2); waiting-to-start items do not.
        let k = active + started_blocked;
        let mut sorted = raws.clone();
        // Brooks partitioning: people beyond the items' max_parallel count at 0.25 for delivery.
        sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut gross = 0.0;
        let mut nominal = 0.0;
        for (i, (r, nr)) in sorted.iter().enumerate() {
            let f = if (i as u32) < slots.max(1) || active == 0 {
                1.0
            } else {
                p.beyond_parallel
            };
            gross += r * f;
            nominal += nr * f;
        }
        let comm = eq::comm_overhead(n as f64, &p);
        let switch = eq::switch_overhead(k, n, &p);
        let status = team
            .status_obligations
            .iter()
            .sum::<f64>()
            .min(p.status_cap);
        let collab_rel = rel_by_team.get(&tid).map_or(0, |v| {
            v.iter()
                .filter(|r| r.mode == InteractionMode::Collaboration)
                .count()
        }) as f64;
        let collab = (p.collab_cost * collab_rel).min(0.5);
        let mods: f64 = team
            .modifiers
            .iter()
            .filter(|m| m.until_week >= w)
            .map(|m| m.multiplier)
            .product();
        let factor = (1.0 - comm) * (1.0 - switch) * (1.0 - status) * (1.0 - collab) * mods;
        let interview = reqs.get(&tid).copied().unwrap_or(0.0) * p.interview_fte * trainer_raw;
        let net = (gross * factor - train_fte * trainer_raw - interview).max(0.0);
        let net_nominal = (nominal * factor - train_fte * trainer_raw - interview).max(0.0);
        let ops = eq::ops_share(team.debt, team.incident_load, &p);
        let avail = net * (1.0 - ops);
        let avail_nominal = net_nominal * (1.0 - ops);
        let headcount = members.get(&tid).map_or(0, Vec::len) as f64;
        let cl = team.status_obligations.len() as f64 * 0.05
            + 0.1 * team.lane.len() as f64
            + 0.15 * collab_rel
            + 0.1 * (headcount - 9.0).max(0.0)
            + items.get(&tid).map_or(0.0, |v| v.len() as f64) / 4.0;
        let Some(mut t) = world.get_mut::<Team>(te) else {
            continue;
        };
        t.modifiers.retain(|m| m.until_week >= w);
        t.headcount = headcount;
        t.mean_domain = if heads > 0.0 { domain / heads } else { 0.0 };
        t.mean_ux = if heads > 0.0 { ux / heads } else { 0.0 };
        t.capacity = avail;
        let shares = (t.discovery_share + t.debt_share + t.service_share).min(0.9);
        t.discovery_capacity = t.discovery_share * avail;
        t.debt_capacity = t.debt_share * avail;
        t.service_capacity = t.service_share * avail;
        t.delivery_capacity = (1.0 - shares) * avail;
        t.nominal_delivery = (1.0 - t.discovery_share - t.debt_share - t.service_share).max(0.1)
            * avail_nominal
            * eq::debt_velocity(t.debt, &p);
        t.active_items = active;
        t.blocked_items = blocked;
        t.cognitive_load = cl;
        t.imposed_share = if all_active > 0.0 {
            imposed_active / all_active
        } else {
            0.0
        };
    }
}

// ---------------------------------------------------------------- Dependencies

/// Service lanes: requests enter the provider's FIFO lane and wait there (§8, §17.4).
pub fn dependencies(world: &mut World) {
    let w = week(world);
    if w == 0 {
        return;
    }
    let p = params(world);
    let seed = seed(world);
    let t0 = f64::from(w - 1);
    let t1 = f64::from(w);
    let relations = world.resource::<Org>().relations.clone();
    let rel_by_team = relations_by_team(&relations);
    let team_ents = world.resource::<Index>().teams.clone();
    // New requests: delivery-ready items with unrequested dependencies.
    for (did, de) in entities(&world.resource::<Index>().dependencies) {
        let Some(d) = world.get::<Dependency>(de).cloned() else {
            continue;
        };
        if d.requested_week.is_some() || d.done_at.is_some() {
            continue;
        }
        let ready = lookup::get::<Initiative>(world, d.initiative)
            .is_some_and(|it| matches!(it.state, InitiativeState::Blocked));
        if !ready {
            continue;
        }
        let rel = relations
            .get(&pair(d.consumer, d.provider))
            .cloned()
            .unwrap_or_default();
        let provider = team_ents
            .get(&d.provider)
            .and_then(|e| world.get::<Team>(*e))
            .cloned();
        let Some(provider) = provider else { continue };
        let mp = provider.platform_maturity;
        let mut work = d.work * (1.0 - p.platform_effect * mp);
        if rel.mode == InteractionMode::Facilitating && w >= rel.mode_since + 8 {
            work *= 0.5;
        }
        let handoff = eq::handoff(2.0, rel.congruence, d.distributed, &p);
        let mut s = Stream::new(seed, Purpose::DependencyJitter, u64::from(did.0), 0, 0);
        let jitter = s.lognormal(0.0, 0.25);
        let arrival = t0 + s.uniform();
        let w_eff = work * handoff * jitter;
        if let Some(mut dm) = world.get_mut::<Dependency>(de) {
            dm.requested_week = Some(w);
            dm.requested_at = arrival;
            dm.remaining = w_eff;
        }
        if rel.mode != InteractionMode::Collaboration
            && let Some(mut t) = team_ents
                .get(&d.provider)
                .and_then(|e| world.get_mut::<Team>(*e))
        {
            t.lane.push(crate::model::queue::Request {
                id: u64::from(did.0),
                arrival,
                work: w_eff,
                remaining: w_eff,
            });
            t.lane_inflow += w_eff;
        }
    }
    // Serve lanes.
    let mut completed: Vec<(DependencyId, f64)> = Vec::new();
    for (tid, te) in team_ents.iter().map(|(k, v)| (*k, *v)) {
        let Some(mut t) = world.get_mut::<Team>(te) else {
            continue;
        };
        // Alignment with the consumers scales the effective lane (s_eff = s·(0.5 + 0.5·α)).
        let alpha = {
            let rels: Vec<f64> = rel_by_team
                .get(&tid)
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .map(|r| {
                    if r.aligned_until >= w {
                        r.alignment.max(0.9)
                    } else {
                        r.alignment
                    }
                })
                .collect();
            if rels.is_empty() {
                0.5
            } else {
                rels.iter().sum::<f64>() / rels.len() as f64
            }
        };
        let rate = t.service_capacity * (0.5 + 0.5 * alpha);
        let served = t.lane.serve(t0, t1, rate);
        let unused = (t.service_capacity - served.used).max(0.0);
        // Unused service capacity returns to delivery (§17.1).
        t.delivery_capacity += unused;
        t.lane_inflow *= 0.75;
        t.utilisation = if rate > 0.0 {
            (t.lane_inflow / rate).min(0.99)
        } else {
            0.0
        };
        for (rid, at) in served.completed {
            completed.push((DependencyId(rid as u32), at));
        }
    }
    // Collaboration-mode dependencies: no queue, joint capacity T = w/(s_B·C_B + 0.25·C_A).
    for (_, de) in entities(&world.resource::<Index>().dependencies) {
        let Some(d) = world.get::<Dependency>(de).cloned() else {
            continue;
        };
        if d.requested_week.is_none() || d.done_at.is_some() {
            continue;
        }
        let rel = relations
            .get(&pair(d.consumer, d.provider))
            .cloned()
            .unwrap_or_default();
        if rel.mode != InteractionMode::Collaboration {
            continue;
        }
        let cb = team_ents
            .get(&d.provider)
            .and_then(|e| world.get::<Team>(*e))
            .map_or(0.0, |t| t.service_capacity);
        let ca = team_ents
            .get(&d.consumer)
            .and_then(|e| world.get::<Team>(*e))
            .map_or(0.0, |t| t.capacity);
        let rate = cb + 0.25 * ca;
        if let Some(mut t) = team_ents
            .get(&d.consumer)
            .and_then(|e| world.get_mut::<Team>(*e))
        {
            t.delivery_capacity = (t.delivery_capacity - 0.25 * ca).max(0.0);
        }
        if let Some(mut dm) = world.get_mut::<Dependency>(de) {
            dm.remaining -= rate;
            if dm.remaining <= 0.0 {
                completed.push((dm.id, t1));
            }
        }
    }
    for (id, at) in completed {
        if let Some(e) = world.resource::<Index>().dependencies.get(&id).copied()
            && let Some(mut d) = world.get_mut::<Dependency>(e)
        {
            d.done_at = Some(at);
            d.remaining = 0.0;
        }
    }
    // Unblock items whose dependencies are all done; count blocked weeks and cost of delay.
    let deps_done: BTreeMap<DependencyId, bool> = entities(&world.resource::<Index>().dependencies)
        .into_iter()
        .filter_map(|(id, e)| {
            world
                .get::<Dependency>(e)
                .map(|d| (id, d.done_at.is_some()))
        })
        .collect();
    let mut cod = 0.0;
    for (_, ie) in entities(&world.resource::<Index>().initiatives) {
        let Some(mut it) = world.get_mut::<Initiative>(ie) else {
            continue;
        };
        if it.state == InitiativeState::Blocked {
            if it
                .deps
                .iter()
                .all(|d| deps_done.get(d).copied().unwrap_or(true))
            {
                it.state = InitiativeState::Delivery;
            } else {
                it.blocked_weeks += 1;
                cod += it.cost_of_delay;
            }
        }
    }
    world.resource_mut::<Org>().cost_of_delay_lost += cod;
    // Kingman estimate (displayed) for open dependencies.
    for (_, de) in entities(&world.resource::<Index>().dependencies) {
        let Some(d) = world.get::<Dependency>(de).cloned() else {
            continue;
        };
        if d.done_at.is_some() {
            continue;
        }
        let rel = relations
            .get(&pair(d.consumer, d.provider))
            .cloned()
            .unwrap_or_default();
        let Some(t) = team_ents
            .get(&d.provider)
            .and_then(|e| world.get::<Team>(*e))
        else {
            continue;
        };
        let v = if rel.mode == InteractionMode::XaaS {
            p.kingman_variability_xaas
        } else {
            p.kingman_variability
        };
        let lane_cap = t.service_capacity.max(0.05);
        let est = eq::kingman_flow_time(
            d.work,
            lane_cap,
            t.utilisation,
            v,
            eq::handoff(2.0, rel.congruence, d.distributed, &p),
        );
        if let Some(mut dm) = world.get_mut::<Dependency>(de) {
            dm.eta_estimate = est;
            if dm.requested_week.is_some() {
                dm.blocked_weeks += 1;
            }
        }
    }
}

// ---------------------------------------------------------------- Production & quality

/// Re-plans an item honestly from today (after a demo or a disclosure).
pub fn rebaseline(it: &mut Initiative, w: u32, weekly: f64) {
    it.plan_base = it.true_frac();
    it.perceived = it.true_frac();
    it.planned_start = w;
    it.planned_weeks = (it.remaining() / weekly.max(0.3)).max(1.0);
}

/// Delivery progress, errors, rework discovery, tech debt, shipping and perceived progress (§4.6).
pub fn production(world: &mut World) {
    let w = week(world);
    let p = params(world);
    let members = members(world);
    let items = team_items(world);
    let mut total_progress = 0.0;
    let mut shipped: Vec<(InitiativeId, ProductId, f64, TeamId)> = Vec::new();
    let mut missed: Vec<(InitiativeId, Option<crate::model::StakeholderId>, TeamId)> = Vec::new();
    let mut reveals: Vec<(InitiativeId, Option<crate::model::StakeholderId>, TeamId)> = Vec::new();
    for (tid, te) in entities(&world.resource::<Index>().teams) {
        let Some(team) = world.get::<Team>(te).cloned() else {
            continue;
        };
        let ppl: Vec<(f64, f64)> = members
            .get(&tid)
            .map(|v| {
                v.iter()
                    .filter_map(|e| world.get::<Person>(*e))
                    .map(|x| (x.exhaustion, x.assimilation))
                    .collect()
            })
            .unwrap_or_default();
        let n = ppl.len().max(1) as f64;
        let mean_x = ppl.iter().map(|x| x.0).sum::<f64>() / n;
        let unassim = ppl.iter().filter(|x| x.1 < 0.6).count() as f64 / n;
        let sp = team.schedule_pressure;
        let v_d = eq::debt_velocity(team.debt, &p);
        let g = eq::pressure_boost(sp, team.weeks_under_pressure, &p);
        let honesty = team.honesty;
        let mut budget = if w == 0 {
            0.0
        } else {
            team.delivery_capacity * v_d * g
        };
        let eps = eq::error_fraction(sp, mean_x, unassim, team.debt, team.quality, &p);
        let delta = eq::detection_rate(team.quality, team.psych_safety, honesty, &p);
        // Walk the items: activate, distribute progress, detect rework.
        let mut used = 0.0;
        let mut paydown_items = 0.0;
        let mut detected = 0.0;
        let mut active_ents = Vec::new();
        let mut active_count = 0u32;
        for &ie in items.get(&tid).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(mut it) = world.get_mut::<Initiative>(ie) else {
                continue;
            };
            if needs_discovery(&it, &team, &p) {
                if it.state == InitiativeState::Backlog {
                    it.state = InitiativeState::Discovery;
                }
                continue;
            }
            if matches!(
                it.state,
                InitiativeState::Backlog | InitiativeState::Discovery
            ) && active_count < team.wip_limit
                && w > 0
            {
                it.state = if it.deps.is_empty() {
                    InitiativeState::Delivery
                } else {
                    InitiativeState::Blocked
                };
                if it.deadline.is_none() && it.planned_weeks <= 0.0 {
                    it.planned_start = w;
                    it.planned_weeks = (it.remaining() / team.nominal_delivery.max(0.3)).max(2.0);
                }
            }
            if it.state == InitiativeState::Delivery && active_count < team.wip_limit {
                active_count += 1;
                active_ents.push(ie);
            }
            if it.hidden_rework > 0.0 && w > 0 {
                let found = it.hidden_rework * delta;
                it.hidden_rework -= found;
                detected += found;
            }
        }
        // Share progress by max_parallel; surplus from finished items flows on.
        for round in 0..3 {
            if budget <= 1e-9 || active_ents.is_empty() {
                break;
            }
            let weights: Vec<f64> = active_ents
                .iter()
                .map(|e| {
                    world.get::<Initiative>(*e).map_or(0.0, |it| {
                        if it.remaining() > 0.0 {
                            f64::from(it.max_parallel)
                        } else {
                            0.0
                        }
                    })
                })
                .collect();
            let wsum: f64 = weights.iter().sum();
            if wsum <= 0.0 {
                break;
            }
            let mut spent = 0.0;
            for (ie, wt) in active_ents.iter().zip(&weights) {
                let Some(mut it) = world.get_mut::<Initiative>(*ie) else {
                    continue;
                };
                let share = budget * wt / wsum;
                let rem = it.remaining();
                let prog = share.min(rem);
                if it.kind == InitiativeKind::DebtPaydown {
                    // Debt paydown work lowers the codebase's debt as it is done (§6.4).
                    paydown_items += prog;
                }
                let latent = eps * prog * (p.latent_defect_debt * team.debt / 100.0).min(1.0);
                it.good_done += (1.0 - eps) * prog + latent;
                it.escaped += latent;
                it.hidden_rework += eps * prog - latent;
                spent += prog;
            }
            used += spent;
            budget -= spent;
            let _ = round;
        }
        total_progress += used;
        // Idle delivery capacity goes to debt paydown (§8.2).
        let idle = if w == 0 || team.delivery_capacity <= 0.0 {
            0.0
        } else {
            budget / (v_d * g).max(0.1)
        };
        // Ship, miss, perceive.
        for &ie in items.get(&tid).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(mut it) = world.get_mut::<Initiative>(ie) else {
                continue;
            };
            if w > 0 && it.state == InitiativeState::Delivery && it.remaining() <= 1e-9 {
                it.state = InitiativeState::Shipped;
                it.ship_week = Some(w);
                it.escaped += it.hidden_rework;
                it.hidden_rework = 0.0;
                it.quality_at_ship = 1.0 - (p.ship_quality_per_escaped * it.escaped).min(0.8);
                it.late_at_ship = eq::lateness_factor(
                    f64::from(w),
                    it.market_window.map(f64::from),
                    p.late_decay_weeks,
                );
                shipped.push((it.id, it.product, it.escaped, tid));
                continue;
            }
            if w == 0 {
                continue;
            }
            if let Some(d) = it.deadline
                && w > d
                && !it.counted_missed
                && it.is_open()
            {
                it.counted_missed = true;
                missed.push((it.id, it.sponsor, tid));
            }
            if it.state == InitiativeState::Delivery
                || it.state == InitiativeState::Blocked
                || it.good_done > 0.0
            {
                let tf = it.true_frac();
                let plan = if it.planned_weeks > 0.0 {
                    it.plan_base
                        + (1.0 - it.plan_base)
                            * (f64::from(w.saturating_sub(it.planned_start)) / it.planned_weeks)
                                .clamp(0.0, 1.0)
                } else {
                    tf
                };
                it.perceived = if it.revealed {
                    tf
                } else {
                    eq::perceived_progress(tf, plan, honesty)
                };
                let gap = it.perceived - tf;
                let missed_now = it.deadline.is_some_and(|d| w > d);
                // The truth surfaces at the 80 % mark or a missed date (§4.6): from then on status
                // reports show true progress. A gap ≥ 0.10 at that moment is a watermelon reveal
                // (§17.4), unless the leader disclosed it first.
                if !it.revealed && (tf >= 0.8 || (missed_now && gap >= 0.10)) {
                    it.revealed = true;
                    it.perceived = tf;
                    if gap >= 0.10 && !it.disclosed {
                        reveals.push((it.id, it.sponsor, tid));
                    }
                }
            }
        }
        // Debt (§17.4).
        let feature_factory = team.autonomy < 0.3 && team.discovery_share <= 0.0;
        let shortcut = eq::shortcut_share(sp, team.quality, feature_factory);
        let debt_pts = if w == 0 {
            0.0
        } else {
            team.debt_capacity + idle + paydown_items
        };
        let d_debt = if w == 0 {
            0.0
        } else {
            eq::debt_change(shortcut, used, debt_pts, team.codebase, &p)
        };
        let Some(mut t) = world.get_mut::<Team>(te) else {
            continue;
        };
        if w > 0 {
            let shortcut_part =
                100.0 * p.debt_shortcut_gain * shortcut * used / t.codebase.max(50.0);
            let pay_part = -100.0 * p.debt_paydown_gain * debt_pts / t.codebase.max(50.0);
            let before = t.debt;
            t.debt = (t.debt + d_debt).clamp(0.0, 100.0);
            let drv = if sp > 0.2 {
                Driver::Pressure
            } else {
                Driver::Debt
            };
            t.debt_ledger.add(drv, shortcut_part + p.debt_entropy);
            t.debt_ledger.add(Driver::DebtPaydown, pay_part);
            let after = t.debt;
            t.debt_ledger.reconcile(after, 0.0);
            let _ = before;
        }
        t.detected_total += detected;
        t.good_output_total += used * (1.0 - eps);
        t.idle_capacity = idle;
        t.mean_exhaustion = mean_x;
    }
    if w == 0 {
        return;
    }
    {
        let mut org = world.resource_mut::<Org>();
        org.throughput.push_back(total_progress);
        while org.throughput.len() > 26 {
            org.throughput.pop_front();
        }
    }
    for (id, product, escaped, tid) in shipped {
        if let Some(mut pr) = lookup::get_mut::<Product>(world, product) {
            pr.escaped_stock += escaped;
        }
        let kind = lookup::get::<Initiative>(world, id).map(|i| i.kind);
        if let Some(mut t) = lookup::get_mut::<Team>(world, tid) {
            t.escaped_total += escaped;
            t.shipped_points += 1.0;
            // A shipped platform capability makes the platform more self-service (§8.3 XaaS).
            if kind == Some(InitiativeKind::PlatformCapability) {
                t.platform_maturity = (t.platform_maturity + 0.2).min(1.0);
            }
        }
        let name = lookup::get::<Initiative>(world, id)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        world.resource_mut::<Org>().shipped.push(id);
        world.resource_mut::<WeekLog>().record(
            w,
            "shipped",
            Happened::Shipped,
            vec![Subject::Initiative(id), Subject::Team(tid)],
            format!("Shipped \"{name}\""),
        );
    }
    for (id, sponsor, tid) in missed {
        if let Some(mut t) = lookup::get_mut::<Team>(world, tid) {
            t.failures_recent += 1.0;
            t.broken_promises.push(w);
        }
        for (_, se) in entities(&world.resource::<Index>().stakeholders) {
            if let Some(mut s) = world.get_mut::<Stakeholder>(se)
                && sponsor.is_none_or(|x| x == s.id)
            {
                s.missed.push(w);
                s.broken_promises.push(w);
                s.waterfall = (s.waterfall + 0.03).min(1.0);
            }
        }
        let name = lookup::get::<Initiative>(world, id)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        world.resource_mut::<WeekLog>().record(
            w,
            "missed",
            Happened::MissedDate,
            vec![Subject::Initiative(id), Subject::Team(tid)],
            format!("Missed the committed date for \"{name}\""),
        );
    }
    for (id, sponsor, tid) in reveals {
        if let Some(mut t) = lookup::get_mut::<Team>(world, tid) {
            t.failures_recent += 1.0;
        }
        for (_, se) in entities(&world.resource::<Index>().stakeholders) {
            if let Some(mut s) = world.get_mut::<Stakeholder>(se)
                && (sponsor.is_none_or(|x| x == s.id) || s.power >= 0.8)
            {
                s.watermelons.push(w);
                s.waterfall = (s.waterfall + 0.03).min(1.0);
            }
        }
        let name = lookup::get::<Initiative>(world, id)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        world.resource_mut::<WeekLog>().record(
            w,
            "watermelon",
            Happened::Watermelon,
            vec![Subject::Initiative(id), Subject::Team(tid)],
            format!("Watermelon reveal: \"{name}\" was green outside, red inside"),
        );
    }
}

// ---------------------------------------------------------------- Discovery

/// Runs one experiment on an idea: a keyed signal draw and a Bayes update (§4.7).
pub fn run_experiment(world: &mut World, id: InitiativeId, w: u32, salt: u32) {
    let p = params(world);
    let seed = seed(world);
    let Some(ie) = world.resource::<Index>().initiatives.get(&id).copied() else {
        return;
    };
    let Some(it) = world.get::<Initiative>(ie).cloned() else {
        return;
    };
    let qd = lookup::get::<Team>(world, it.team).map_or(0.4, discovery_quality_of);
    let (p_hit, p_miss) = eq::signal_probabilities(qd);
    let pos = Stream::new(
        seed,
        Purpose::ExperimentSignal,
        u64::from(id.0),
        w,
        salt + it.experiments_run,
    )
    .bernoulli(if it.hit { p_hit } else { p_miss });
    let Some(mut it) = world.get_mut::<Initiative>(ie) else {
        return;
    };
    it.belief = eq::bayes_update(it.belief, pos, qd);
    it.experiments_run += 1;
    if it.state == InitiativeState::Backlog {
        it.state = InitiativeState::Discovery;
    }
    let killed = it.belief < p.kill_threshold && !it.fixed_scope;
    let ready = it.belief >= p.discovery_confident || it.experiments_run >= p.max_experiments;
    if killed {
        it.state = InitiativeState::Killed;
    } else if ready {
        it.state = InitiativeState::Backlog;
    }
    let name = it.name.clone();
    let belief = it.belief;
    if killed {
        let about = vec![Subject::Initiative(it.id), Subject::Team(it.team)];
        world.resource_mut::<WeekLog>().record(
            w,
            "discovery",
            Happened::Killed,
            about,
            format!("Discovery killed \"{name}\" (P(hit) {belief:.2})"),
        );
    }
    if let Some(mut t) = world
        .resource::<Index>()
        .teams
        .get(&it_team(world, ie))
        .copied()
        .and_then(|e| world.get_mut::<Team>(e))
        && let Some(last) = t.experiments_4w.back_mut()
    {
        *last += 1.0;
    }
}

fn it_team(world: &World, ie: Entity) -> TeamId {
    world
        .get::<Initiative>(ie)
        .map_or(TeamId(u32::MAX), |i| i.team)
}

/// Discovery quality of a team from its people's mean domain and UX skill (computed once per
/// turn in the capacity phase) and its practices.
pub fn discovery_quality_of(t: &Team) -> f64 {
    eq::discovery_quality(
        t.mean_domain,
        t.mean_ux,
        t.psych_safety,
        t.analytics,
        t.empowerment,
    )
}

/// Discovery capacity runs experiments and produces new ideas (§17.2).
pub fn discovery(world: &mut World) {
    let w = week(world);
    if w == 0 {
        return;
    }
    let p = params(world);
    let seed = seed(world);
    let items = team_items(world);
    for (tid, te) in entities(&world.resource::<Index>().teams) {
        let Some(mut t) = world.get_mut::<Team>(te) else {
            continue;
        };
        t.experiments_4w.push_back(0.0);
        while t.experiments_4w.len() > 4 {
            t.experiments_4w.pop_front();
        }
        t.discovery_progress += t.discovery_capacity;
        let mut budget = t.discovery_progress;
        let team = t.clone();
        for &ie in items.get(&tid).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(it) = world.get::<Initiative>(ie) else {
                continue;
            };
            if !(it.state == InitiativeState::Discovery && needs_discovery(it, &team, &p)) {
                continue;
            }
            let id = it.id;
            while budget >= p.experiment_cost {
                let still = world.get::<Initiative>(ie).is_some_and(|it| {
                    it.state == InitiativeState::Discovery && needs_discovery(it, &team, &p)
                });
                if !still {
                    break;
                }
                budget -= p.experiment_cost;
                run_experiment(world, id, w, 0);
            }
        }
        // New ideas: one per points_per_idea of discovery, up to a small open-idea backlog.
        let open_ideas = items.get(&tid).map_or(0, |v| {
            v.iter()
                .filter(|e| {
                    world.get::<Initiative>(**e).is_some_and(|i| {
                        matches!(
                            i.state,
                            InitiativeState::Discovery | InitiativeState::Backlog
                        )
                    })
                })
                .count()
        });
        let Some(mut t) = world.get_mut::<Team>(te) else {
            continue;
        };
        t.discovery_progress = budget.min(p.points_per_idea * 2.0);
        let mut new_ideas = 0;
        if team.discovery_share > 0.0
            && open_ideas < 4
            && t.discovery_progress >= p.points_per_idea * 0.5
        {
            t.discovery_progress -= p.points_per_idea * 0.5;
            new_ideas = 1;
        }
        for _ in 0..new_ideas {
            let informed = discovery_quality_of(&team) >= 0.6;
            let prior = if informed {
                p.idea_prior_informed
            } else {
                p.idea_prior
            };
            let next = {
                let mut org = world.resource_mut::<Org>();
                let n = org.next_initiative;
                org.next_initiative += 1;
                n
            };
            let mut s = Stream::new(seed, Purpose::IdeaCreation, u64::from(next), w, 0);
            let hit = s.bernoulli(prior);
            let effect = draw_effect(&mut s, hit, &p);
            let size = s.range(4.0, 10.0);
            let order = 1000 + next;
            let it = Initiative {
                id: InitiativeId(next),
                name: format!("Team idea #{next}"),
                team: tid,
                product: ProductId(0),
                kind: InitiativeKind::OutcomeBet,
                sponsor: None,
                size,
                good_done: 0.0,
                hidden_rework: 0.0,
                max_parallel: 3,
                hit,
                effect,
                belief: prior,
                experiments_run: 0,
                deadline: None,
                fixed_scope: false,
                cost_of_delay: 0.0,
                market_window: None,
                deps: Vec::new(),
                state: InitiativeState::Discovery,
                ship_week: None,
                escaped: 0.0,
                quality_at_ship: 1.0,
                late_at_ship: 1.0,
                imposed: false,
                no_discovery: false,
                planned_start: w,
                planned_weeks: 0.0,
                perceived: 0.0,
                revealed: false,
                disclosed: false,
                core_fraction: 0.6,
                descoped: false,
                blocked_weeks: 0,
                backlog_order: order,
                plan_base: 0.0,
                created_week: w,
                behind_experiment: true,
                counted_missed: false,
                weekly_cost: 0.0,
            };
            let e = world.spawn((Name::new(it.name.clone()), it)).id();
            world
                .resource_mut::<Index>()
                .initiatives
                .insert(InitiativeId(next), e);
        }
    }
}

// ---------------------------------------------------------------- Market

/// Per product: Σ activation, Π churn multiplier, Π acquisition, Σ ARPU, Σ value fit, and the
/// value-fit level of each shipped initiative.
type ShippedEffects = (f64, f64, f64, f64, f64, Vec<(InitiativeId, f64)>);

/// Product metrics from shipped effects, value fit, incidents (§4.8, §17.2).
pub fn market(world: &mut World) {
    let w = week(world);
    let p = params(world);
    let seed = seed(world);
    // Shipped effects per product.
    let mut effects: BTreeMap<ProductId, ShippedEffects> = BTreeMap::new();
    for (_, ie) in entities(&world.resource::<Index>().initiatives) {
        let Some(it) = world.get::<Initiative>(ie) else {
            continue;
        };
        let Some(sw) = it.ship_week else { continue };
        let level =
            eq::adoption(f64::from(w) - f64::from(sw), &p) * it.quality_at_ship * it.late_at_ship;
        let e = effects
            .entry(it.product)
            .or_insert((0.0, 1.0, 1.0, 0.0, 0.0, Vec::new()));
        e.0 += it.effect.activation * level;
        if it.effect.churn_mult > 0.0 {
            e.1 *= it.effect.churn_mult.powf(level);
        }
        e.2 *= 1.0 + it.effect.acquisition * level;
        e.3 += it.effect.arpu * level;
        e.4 += it.effect.value_fit * level;
        e.5.push((it.id, it.effect.value_fit * level));
    }
    let analytics = {
        let v: Vec<f64> = entities(&world.resource::<Index>().teams)
            .into_iter()
            .filter_map(|(_, e)| world.get::<Team>(e).map(|t| t.analytics))
            .collect();
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let mean_debt = {
        let v: Vec<f64> = entities(&world.resource::<Index>().teams)
            .into_iter()
            .filter_map(|(_, e)| world.get::<Team>(e).map(|t| t.debt))
            .collect();
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let mut incident_counts: BTreeMap<ProductId, u32> = BTreeMap::new();
    for (pid, pe) in entities(&world.resource::<Index>().products) {
        let Some(mut pr) = world.get_mut::<Product>(pe) else {
            continue;
        };
        let (act, churn_mult, acq, arpu, vf_level, _) =
            effects
                .remove(&pid)
                .unwrap_or((0.0, 1.0, 1.0, 0.0, 0.0, Vec::new()));
        if w > 0 {
            let lam = p.incident_per_escaped * pr.escaped_stock + p.incident_per_debt * mean_debt;
            let n = Stream::new(seed, Purpose::Incidents, u64::from(pid.0), w, 0).poisson(lam);
            for _ in 0..n {
                pr.incidents.push_back(w);
            }
            incident_counts.insert(pid, n);
            pr.escaped_stock *= 1.0 - p.escaped_drain;
            // VF adds the change in shipped effect levels, minus drift, plus shocks (§17.2).
            let dvf = vf_level - pr.vf_effect_prev;
            pr.value_fit = (pr.value_fit + dvf - p.value_fit_drift + pr.shocks).clamp(0.0, 100.0);
            pr.vf_ledger.add(Driver::Shipped, dvf);
            let shocks = pr.shocks;
            pr.vf_ledger.add(Driver::Drift, -p.value_fit_drift + shocks);
            let vf_now = pr.value_fit;
            let vf0 = pr.vf0;
            pr.vf_ledger.reconcile(vf_now, vf0);
            pr.shocks = 0.0;
            pr.vf_effect_prev = vf_level;
        }
        while pr
            .incidents
            .front()
            .is_some_and(|&x| w.saturating_sub(x) >= 4)
        {
            pr.incidents.pop_front();
        }
        let inc4 = pr.incidents.len() as f64;
        let inc_norm = (inc4 / 4.0).min(1.0);
        pr.activation = eq::activation(pr.a_base, pr.value_fit, pr.vf0, act, inc_norm);
        pr.monthly_churn = eq::monthly_churn(pr.c_base, pr.value_fit, pr.vf0, churn_mult, inc_norm);
        pr.pmf = eq::pmf(pr.value_fit);
        let pmf0 = eq::pmf(pr.vf0);
        if w > 0 {
            // Word of mouth relative to the starting PMF, so the scenario's start is steady (§17.4).
            let wom = (1.0 + p.word_of_mouth * (pr.pmf - 0.25).max(0.0))
                / (1.0 + p.word_of_mouth * (pmf0 - 0.25).max(0.0));
            let signups = pr.signups_base * acq * wom;
            let cw = eq::weekly_churn(pr.monthly_churn);
            pr.users = (pr.users * (1.0 - cw) + signups * pr.activation).max(0.0);
            let cohort = signups * pr.activation;
            pr.cohorts.push_back(cohort);
            while pr.cohorts.len() > 52 {
                pr.cohorts.pop_front();
            }
            pr.reliability = eq::smooth(
                pr.reliability,
                (100.0 - 8.0 * inc4 - 0.3 * mean_debt).clamp(0.0, 100.0),
                3.0,
            );
        }
        pr.nps = eq::nps(pr.value_fit, pr.reliability);
        pr.revenue_w = pr.users * pr.paying_share * pr.arpu_month * (1.0 + arpu) / (52.0 / 12.0);
        if w == 0 {
            pr.revenue0 = pr.revenue_w;
        }
        // Dashboard: noisy, lagged by nothing but noise (σ_m = σ₀(1 − 0.7·M_a)); NPS survey noise.
        let mut s = Stream::new(seed, Purpose::DashboardNoise, u64::from(pid.0), w, 0);
        let sigma = p.dashboard_noise * (1.0 - 0.7 * analytics);
        let truth = pr.dashboard.true_values_week == Some(w);
        let noisy = |v: f64, s: &mut Stream| {
            if truth {
                v
            } else {
                v * (1.0 + sigma * s.normal())
            }
        };
        pr.dashboard.activation = noisy(pr.activation, &mut s);
        pr.dashboard.monthly_churn = noisy(pr.monthly_churn, &mut s);
        pr.dashboard.users = noisy(pr.users, &mut s);
        pr.dashboard.revenue_w = noisy(pr.revenue_w, &mut s);
        let nps_noise = Stream::new(seed, Purpose::NpsNoise, u64::from(pid.0), w, 0).normal() * 3.0;
        pr.dashboard.nps = if truth {
            pr.nps
        } else {
            (pr.nps + nps_noise + 100.0 * sigma * s.normal()).clamp(-100.0, 100.0)
        };
    }
    // Incidents load the teams that build the product and count as failures.
    let team_products: BTreeMap<TeamId, ProductId> =
        entities(&world.resource::<Index>().initiatives)
            .into_iter()
            .filter_map(|(_, e)| world.get::<Initiative>(e).map(|i| (i.team, i.product)))
            .collect();
    for (tid, te) in entities(&world.resource::<Index>().teams) {
        let prod = team_products.get(&tid).copied().unwrap_or(ProductId(0));
        let n = f64::from(incident_counts.get(&prod).copied().unwrap_or(0));
        let Some(mut t) = world.get_mut::<Team>(te) else {
            continue;
        };
        t.incident_load = (0.1 * n).min(0.5);
        if n > 0.0 {
            t.failures_recent += 0.5 * n;
        }
    }
    // Objective values.
    let products: BTreeMap<ProductId, (f64, f64, f64, f64, f64, f64)> =
        entities(&world.resource::<Index>().products)
            .into_iter()
            .filter_map(|(id, e)| {
                world.get::<Product>(e).map(|p| {
                    (
                        id,
                        (
                            p.activation,
                            p.monthly_churn,
                            p.revenue_w,
                            p.nps,
                            p.pmf,
                            p.users,
                        ),
                    )
                })
            })
            .collect();
    let mut obj = world.resource_mut::<Objectives>();
    for o in &mut obj.0 {
        let Some(v) = products.get(&o.product) else {
            continue;
        };
        o.value = metric_value(o.metric, v);
        if w == 0 && o.baseline.is_nan() {
            o.baseline = o.value;
        }
    }
}

fn metric_value(m: Metric, v: &(f64, f64, f64, f64, f64, f64)) -> f64 {
    match m {
        Metric::Activation => v.0,
        Metric::MonthlyChurn => v.1,
        Metric::Retention6m => (1.0 - v.1).powi(6),
        Metric::Revenue => v.2,
        Metric::Nps => v.3,
        Metric::Pmf => v.4,
        Metric::Users => v.5,
    }
}

// ---------------------------------------------------------------- People

fn window_sum(events: &[(u32, f64)], w: u32, window: u32) -> f64 {
    events
        .iter()
        .filter(|(x, _)| w.saturating_sub(*x) < window)
        .map(|(_, v)| v)
        .sum()
}

/// Skills, exhaustion and trust in the leader per person (§4.9, §17.2 order: Skills → X → TL).
pub fn people_skills_exhaustion_trust(world: &mut World) {
    let w = week(world);
    let p = params(world);
    let init = w == 0;
    let skills_by_id: BTreeMap<PersonId, f64> = entities(&world.resource::<Index>().people)
        .into_iter()
        .filter_map(|(id, e)| {
            world
                .get::<Person>(e)
                .map(|x| (id, x.skills[Pillar::Craft as usize]))
        })
        .collect();
    let teams: BTreeMap<TeamId, TeamView> = entities(&world.resource::<Index>().teams)
        .into_iter()
        .filter_map(|(id, e)| world.get::<Team>(e).map(|t| (id, TeamView::of(t, w))))
        .collect();
    for (_, e) in entities(&world.resource::<Index>().people) {
        let Some(mut x) = world.get_mut::<Person>(e) else {
            continue;
        };
        let team = teams.get(&x.team);
        // Skills: learning by doing plus vesting of pending growth.
        if !init {
            let uses = use_shares(x.role);
            let mentor_boost = x.mentor.and_then(|m| skills_by_id.get(&m).copied());
            let mut vested = 0.0;
            #[expect(
                clippy::needless_range_loop,
                reason = "k indexes four parallel pillar arrays"
            )]
            for k in 0..4 {
                if let Some(mc) = mentor_boost
                    && (k == Pillar::Craft as usize || k == Pillar::Domain as usize)
                {
                    x.pending[k] += 0.3 * (mc / 100.0) * (1.0 - x.skills[k] / 100.0);
                }
                let v = x.pending[k] / p.vest_tau * if mentor_boost.is_some() { 1.5 } else { 1.0 };
                let v = v.min(x.pending[k]);
                x.pending[k] -= v;
                let s = x.skills[k];
                x.skills[k] = (s + p.skill_use_rate * uses[k] * (100.0 - s) + v).min(100.0);
                vested += v;
            }
            x.vested_log.push_back(vested);
            while x.vested_log.len() > 52 {
                x.vested_log.pop_front();
            }
            x.vested_total += vested;
            x.growth_accum += vested;
            if x.growth_accum >= 1.0 {
                x.growth_accum = 0.0;
                x.weeks_since_growth = 0.0;
            }
        }
        // Exhaustion with its ledger: increments by driver; recovery shrinks all lines in proportion.
        let cl = team.map_or(1.0, |t| t.cognitive_load);
        let churn = team.map_or(0.0, |t| t.churn_events.min(3.0));
        if !init {
            let overwork = (x.hours / 40.0 - 1.0).max(0.0);
            let before = x.exhaustion;
            let gain = p.exhaustion_gain * overwork * (1.0 - before / 100.0);
            let load = 10.0 * (cl - 1.0).max(0.0);
            let churn_inc = 3.0 * churn * 0.25;
            let after = eq::exhaustion_step(
                before,
                x.hours,
                (cl - 1.0).max(0.0),
                churn * 0.25,
                x.chronic,
                &p,
            );
            let rec = (before + gain + load + churn_inc - after).max(0.0);
            let keep = if before > 0.0 {
                (1.0 - rec / (before + gain + load + churn_inc).max(1e-9)).clamp(0.0, 1.0)
            } else {
                0.0
            };
            for c in &mut x.exhaustion_ledger.0 {
                *c *= keep;
            }
            x.exhaustion_ledger.add(Driver::Overtime, gain * keep);
            x.exhaustion_ledger.add(Driver::CognitiveLoad, load * keep);
            x.exhaustion_ledger
                .add(Driver::PriorityChurn, churn_inc * keep);
            x.exhaustion = after;
            x.exhaustion_ledger.reconcile(after, 0.0);
            x.chronic = eq::chronic_step(x.chronic, after, &p);
        }
        // Trust in the leader (§17.2).
        let rc = recognition(&x);
        let (defend, credit, resp, broken) = team.map_or((0.0, 0.0, 0.0, 0.0), |t| {
            (t.defend, t.credit, t.resp, t.broken)
        });
        let terms = [
            (Driver::OneOnOnes, 20.0 * rc),
            (Driver::Defended, 15.0 * defend),
            (Driver::Credit, 10.0 * credit),
            (Driver::Responsibility, 10.0 * resp),
            (Driver::BrokenPromises, -15.0 * broken),
        ];
        if init || x.tl_terms0.0.iter().all(|v| *v == 0.0) && x.tl0 == 0.0 {
            let mut t0 = Contribs::default();
            for (d, v) in terms {
                t0.add(d, v);
            }
            x.tl_terms0 = t0;
            x.tl0 = x.trust_in_leader;
            if init {
                continue;
            }
        }
        let rel: Vec<(Driver, f64)> = terms
            .iter()
            .map(|(d, v)| (*d, v - x.tl_terms0.get(*d)))
            .collect();
        let target = (x.tl0 + rel.iter().map(|t| t.1).sum::<f64>()).clamp(0.0, 100.0);
        let (next, tau) = eq::smooth_asym(x.trust_in_leader, target, p.tl_tau_up, p.tl_tau_down);
        x.trust_in_leader = next;
        x.tl_ledger.smooth(1.0 / tau, &rel);
        let tl0 = x.tl0;
        x.tl_ledger.reconcile(next, tl0);
    }
}

/// Team psychological safety, autonomy and empowerment (§4.9, §17.2).
pub fn team_safety(world: &mut World) {
    let w = week(world);
    let p = params(world);
    let init = w == 0;
    let members = members(world);
    let leader_td = world.resource::<Leader>().skills[Pillar::TeamDev as usize];
    for (tid, te) in entities(&world.resource::<Index>().teams) {
        let ppl: Vec<(f64, bool, f64, Role, bool)> = members
            .get(&tid)
            .map(|v| {
                v.iter()
                    .filter_map(|e| world.get::<Person>(*e))
                    .map(|x| {
                        (
                            x.trust_in_leader,
                            x.weeks_since_1on1 <= 4.0,
                            x.skills[Pillar::TeamDev as usize],
                            x.role,
                            x.brilliant_jerk,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let n = ppl.len().max(1) as f64;
        let tl_mean = ppl.iter().map(|x| x.0).sum::<f64>() / n;
        let lead_td = ppl
            .iter()
            .filter(|x| x.3 == Role::Em)
            .map(|x| x.2)
            .fold(leader_td, f64::max);
        let coach = ppl.iter().filter(|x| x.1).count() as f64 / n * (0.5 + 0.5 * lead_td / 100.0);
        let jerk = ppl.iter().any(|x| x.4);
        let Some(mut t) = world.get_mut::<Team>(te) else {
            continue;
        };
        let handled = t.shielded + t.exposed;
        let shielded_fraction = if handled > 0.0 {
            t.shielded / handled
        } else {
            1.0
        };
        let support = 0.5 * (t.quality / 0.6).min(1.0) + 0.5 * shielded_fraction;
        let inquiry = if t.failures_recent > 0.05 {
            (t.inquiries_recent / t.failures_recent).min(1.0)
        } else {
            0.5
        };
        let terms = [
            (Driver::Coaching, 25.0 * coach),
            (Driver::Support, 15.0 * support),
            (Driver::Inquiry, 15.0 * inquiry),
            (Driver::Blame, -25.0 * t.blame_recent),
            (Driver::Pressure, -10.0 * t.pressure / 100.0),
            (Driver::Layoff, -15.0 * t.layoff_recent),
            (Driver::TrustInLeader, 10.0 * (tl_mean - 50.0) / 50.0),
            (Driver::BrilliantJerk, if jerk { -10.0 } else { 0.0 }),
            (Driver::TeamSize, -2.0 * (n - 9.0).max(0.0)),
        ];
        // Autonomy (§17.2): A* = 1 − imposed share − 0.3·P/100, smoothed τ = 4, relative to start.
        let a_target = 1.0 - t.imposed_share - 0.3 * t.pressure / 100.0;
        if init {
            let mut t0 = Contribs::default();
            for (d, v) in terms {
                t0.add(d, v);
            }
            t.ps_terms0 = t0;
            t.ps0 = t.psych_safety;
            t.autonomy0 = t.autonomy - a_target;
        } else {
            let rel: Vec<(Driver, f64)> = terms
                .iter()
                .map(|(d, v)| (*d, v - t.ps_terms0.get(*d)))
                .collect();
            let target = (t.ps0 + rel.iter().map(|x| x.1).sum::<f64>()).clamp(0.0, 100.0);
            let (next, tau) = eq::smooth_asym(t.psych_safety, target, p.ps_tau_up, p.ps_tau_down);
            t.psych_safety = next;
            t.ps_ledger.smooth(1.0 / tau, &rel);
            let ps0 = t.ps0;
            t.ps_ledger.reconcile(next, ps0);
            let a0 = t.autonomy0;
            t.autonomy = eq::smooth(t.autonomy, (a0 + a_target).clamp(0.0, 1.0), 4.0);
            // Decays of recent-event stocks.
            t.pressure *= 1.0 - p.pressure_decay;
            t.churn_events *= 0.75;
            t.blame_recent *= 0.8;
            t.layoff_recent *= 0.92;
            t.failures_recent *= 0.85;
            t.inquiries_recent *= 0.85;
            t.responsibility_recent *= 0.85;
            t.shielded *= 0.9;
            t.exposed *= 0.9;
            t.metric_reviews *= 0.8;
            // Vision fades 2 %/week after the session (§6.2).
            t.vision = (t.vision * 0.98).max(0.3);
        }
        t.empowerment = eq::empowerment(t.autonomy, t.outcome_mission, t.discovery_share);
    }
}

/// The few team facts the person-level systems read (cheaper than cloning whole teams).
struct TeamView {
    cognitive_load: f64,
    churn_events: f64,
    defend: f64,
    credit: f64,
    resp: f64,
    broken: f64,
    autonomy: f64,
    psych_safety: f64,
    vision: f64,
    empowerment: f64,
    status: f64,
    blocked_frac: f64,
    layoff_recent: f64,
    blame_recent: f64,
}

impl TeamView {
    fn of(t: &Team, w: u32) -> Self {
        let open = t.active_items + t.blocked_items;
        TeamView {
            cognitive_load: t.cognitive_load,
            churn_events: t.churn_events,
            defend: (window_sum(&t.defend_events, w, 8) / 2.0).clamp(-1.0, 1.0),
            credit: (window_sum(&t.credit_events, w, 8) / 2.0).clamp(-1.0, 1.0),
            resp: (count_recent(&t.responsibility_events, w, 8) / 2.0).min(1.0),
            broken: (count_recent(&t.broken_promises, w, 8) / 2.0).min(1.0),
            autonomy: t.autonomy,
            psych_safety: t.psych_safety,
            vision: t.vision,
            empowerment: t.empowerment,
            status: t.status_obligations.iter().sum(),
            blocked_frac: if open > 0 {
                t.blocked_items as f64 / open as f64
            } else {
                0.0
            },
            layoff_recent: t.layoff_recent,
            blame_recent: t.blame_recent,
        }
    }
}

/// Engagement and the attrition hazard per person (§4.9, §4.3).
pub fn people_engagement_hazard(world: &mut World) {
    let w = week(world);
    let p = params(world);
    let init = w == 0;
    let heat = world.resource::<Market>().heat;
    let teams: BTreeMap<TeamId, TeamView> = entities(&world.resource::<Index>().teams)
        .into_iter()
        .filter_map(|(id, e)| world.get::<Team>(e).map(|t| (id, TeamView::of(t, w))))
        .collect();
    for (_, e) in entities(&world.resource::<Index>().people) {
        let Some(mut x) = world.get_mut::<Person>(e) else {
            continue;
        };
        let Some(t) = teams.get(&x.team) else {
            continue;
        };
        let rc = recognition(&x);
        let vested8: f64 = x.vested_log.iter().rev().take(8).sum();
        let g = (vested8 / 4.0).min(1.0);
        let blocked_frac = t.blocked_frac;
        let status = t.status;
        let terms = [
            (Driver::Autonomy, 12.0 * (t.autonomy - 0.5) * 2.0),
            (Driver::OneOnOnes, 8.0 * rc),
            (Driver::Growth, 8.0 * g),
            (Driver::Safety, 10.0 * (t.psych_safety - 50.0) / 50.0),
            (Driver::Vision, 6.0 * (t.vision - 0.5) * 2.0),
            (Driver::Empowerment, 6.0 * t.empowerment),
            (
                Driver::Exhaustion,
                -20.0 * (x.exhaustion - 40.0).max(0.0) / 60.0,
            ),
            (Driver::PriorityChurn, -10.0 * t.churn_events.min(1.0)),
            (Driver::StatusOverhead, -8.0 * status / 0.15),
            (Driver::Blocked, -8.0 * blocked_frac),
            (Driver::Layoff, -15.0 * t.layoff_recent),
            (Driver::Credit, x.e_pulse),
        ];
        if init {
            let mut t0 = Contribs::default();
            for (d, v) in terms {
                t0.add(d, v);
            }
            x.e_terms0 = t0;
            x.e0 = x.engagement;
        } else if !x.engagement_ledger.0.is_empty() {
            if x.e_terms0.sum() == 0.0 && x.e0 == 65.0 && x.tenure_w <= 1.0 {
                // A new hire: their starting terms are today's.
                let mut t0 = Contribs::default();
                for (d, v) in terms {
                    t0.add(d, v);
                }
                x.e_terms0 = t0;
            }
            let rel: Vec<(Driver, f64)> = terms
                .iter()
                .map(|(d, v)| (*d, v - x.e_terms0.get(*d)))
                .collect();
            let target = (x.e0 + rel.iter().map(|t| t.1).sum::<f64>()).clamp(0.0, 100.0);
            x.engagement = eq::smooth(x.engagement, target, p.engagement_tau);
            x.engagement_ledger.smooth(1.0 / p.engagement_tau, &rel);
            let (e_now, e0) = (x.engagement, x.e0);
            x.engagement_ledger.reconcile(e_now, e0);
            x.e_pulse *= 0.75;
        }
        let extra = if t.layoff_recent > 0.1 {
            p.hazard_layoff_survivor
        } else {
            1.0
        } * if t.blame_recent > 0.3 { 1.15 } else { 1.0 };
        x.hazard = eq::hazard(
            &eq::HazardInputs {
                engagement: x.engagement,
                exhaustion: x.exhaustion,
                chronic: x.chronic,
                weeks_since_growth: x.weeks_since_growth,
                weeks_since_one_on_one: x.weeks_since_1on1,
                tenure_weeks: x.tenure_w,
                market_heat: heat,
                retention_bonus: x.retention_until > w,
                extra: extra * if x.flight_risk { 2.0 } else { 1.0 },
            },
            &p,
        );
    }
    // Brilliant jerks raise their peers' hazard (§11 scenario 7).
    let jerk_teams: Vec<TeamId> = entities(&world.resource::<Index>().people)
        .into_iter()
        .filter_map(|(_, e)| {
            world
                .get::<Person>(e)
                .filter(|x| x.brilliant_jerk)
                .map(|x| x.team)
        })
        .collect();
    for (_, e) in entities(&world.resource::<Index>().people) {
        let Some(mut x) = world.get_mut::<Person>(e) else {
            continue;
        };
        if jerk_teams.contains(&x.team) && !x.brilliant_jerk {
            x.hazard *= 1.3;
        }
    }
}

// ---------------------------------------------------------------- Culture

/// The six Westrum items per team (§9.1) and status honesty h.
pub fn culture(world: &mut World) {
    let w = week(world);
    let relations = world.resource::<Org>().relations.clone();
    let rel_by_team = relations_by_team(&relations);
    let demos = world.resource::<Org>().demos.clone();
    let demo_cadence = (count_recent(&demos, w, 4) / 4.0 * 4.0 / 4.0).min(1.0);
    for (tid, te) in entities(&world.resource::<Index>().teams) {
        let rels: Vec<&Relation> = rel_by_team
            .get(&tid)
            .map_or(Vec::new(), |v| v.iter().collect());
        // No relation = the default relation: ad hoc, neutral alignment, no congruence.
        let (kappa, alpha, healthy) = if rels.is_empty() {
            (0.0, 0.5, 0.0)
        } else {
            let n = rels.len() as f64;
            let healthy = rels
                .iter()
                .filter(|r| match r.mode {
                    InteractionMode::XaaS | InteractionMode::Facilitating => true,
                    InteractionMode::Collaboration => w.saturating_sub(r.mode_since) <= 10,
                    InteractionMode::AdHoc => false,
                })
                .count() as f64
                / n;
            let alpha = rels
                .iter()
                .map(|r| {
                    if r.aligned_until >= w {
                        0.9
                    } else {
                        r.alignment
                    }
                })
                .sum::<f64>()
                / n;
            (
                rels.iter().map(|r| r.congruence).sum::<f64>() / n,
                alpha,
                healthy,
            )
        };
        let Some(mut t) = world.get_mut::<Team>(te) else {
            continue;
        };
        let ps = t.psych_safety / 100.0;
        let info = (t.metric_reviews / 2.0 + t.experiments_4w.iter().sum::<f64>() / 4.0).min(1.0);
        let resp_rate = if t.failures_recent > 0.05 {
            (t.responsibility_recent / t.failures_recent).min(1.0)
        } else {
            0.5
        };
        let inquiry = if t.failures_recent > 0.05 {
            (t.inquiries_recent / t.failures_recent).min(1.0)
        } else {
            0.5
        };
        let drivers = [
            0.4 * info + 0.3 * (t.discovery_share / 0.25).min(1.0) + 0.3 * ps,
            0.6 * ps + 0.4 * (1.0 - t.blame_recent),
            0.5 * resp_rate + 0.5 * t.autonomy,
            0.5 * kappa + 0.3 * alpha + 0.2 * healthy,
            0.5 * inquiry + 0.5 * ps,
            0.5 * t.autonomy + 0.3 * t.empowerment + 0.2 * ps,
        ];
        for (k, d) in drivers.iter().enumerate() {
            t.westrum[k] = eq::westrum_item(*d);
        }
        t.honesty = eq::honesty((t.westrum[1] - 1.0) / 6.0, demo_cadence);
        // Connecting lapses: congruence decays when the leader stops investing (§6.5).
    }
    let mut org = world.resource_mut::<Org>();
    for r in org.relations.values_mut() {
        if w > r.connecting_until {
            r.congruence = (r.congruence - 0.05).max(0.0);
        }
        if r.mode == InteractionMode::Collaboration && w.saturating_sub(r.mode_since) > 10 {
            r.alignment = (r.alignment - 0.02).max(0.0);
        }
    }
}

// ---------------------------------------------------------------- Stakeholders

/// Stakeholder trust, anxiety and political capital (§4.10, §17.2).
pub fn stakeholders(world: &mut World) {
    let w = week(world);
    let p = params(world);
    let init = w == 0;
    let (demos, disclosures) = {
        let org = world.resource::<Org>();
        (org.demos.clone(), org.disclosures.clone())
    };
    let objectives = world.resource::<Objectives>().clone();
    let outcome = {
        let total: f64 = objectives.0.iter().map(|o| o.weight).sum();
        if total > 0.0 {
            objectives
                .0
                .iter()
                .map(|o| o.weight * actions::attainment(o).clamp(0.0, 1.0))
                .sum::<f64>()
                / total
        } else {
            0.0
        }
    };
    let deadline_near = deadline_proximity(world, w);
    let no_visibility = !demos
        .iter()
        .chain(disclosures.iter())
        .any(|&d| w.saturating_sub(d) < 4)
        && w >= 4;
    let mut pw_trust = 0.0;
    let mut pw = 0.0;
    for (_, se) in entities(&world.resource::<Index>().stakeholders) {
        let Some(mut s) = world.get_mut::<Stakeholder>(se) else {
            continue;
        };
        let goal_addressed = if s.goals.is_empty() {
            outcome
        } else {
            let tw: f64 = s.goals.values().sum();
            let mut acc = 0.0;
            for (m, wt) in &s.goals {
                let att: Vec<f64> = objectives
                    .0
                    .iter()
                    .filter(|o| o.metric == *m)
                    .map(|o| actions::attainment(o).clamp(0.0, 1.0))
                    .collect();
                let a = if att.is_empty() {
                    outcome
                } else {
                    att.iter().sum::<f64>() / att.len() as f64
                };
                acc += wt * a;
            }
            if tw > 0.0 { acc / tw } else { outcome }
        };
        let missed8 = count_recent(&s.missed, w, 8);
        let meetings4 = count_recent(&s.meetings, w, 4).min(3.0);
        let declined8 = count_recent(&s.declined, w, 8);
        let water8 = count_recent(&s.watermelons, w, 8);
        let broken8 = count_recent(&s.broken_promises, w, 8);
        let transparency = (count_recent(&s.transparency, w, 4) / 2.0).min(1.0);
        let pulse = |stock: PulseStock, s: &Stakeholder| -> f64 {
            s.pulses
                .iter()
                .filter(|x| x.stock == stock)
                .map(|x| x.value(w))
                .sum()
        };
        let a_terms = [
            (Driver::Outcomes, 100.0 * 0.5 * outcome),
            (Driver::MissedCommitments, -100.0 * 0.25 * missed8),
            (Driver::Forecasts, 100.0 * 0.1 * s.forecast_hits.min(3.0)),
            (Driver::Transparency, pulse(PulseStock::Ability, &s)),
        ];
        let b_terms = [
            (Driver::Meetings, 100.0 * 0.15 * meetings4),
            (Driver::GoalsAddressed, 100.0 * 0.30 * goal_addressed),
            (Driver::Declined, -100.0 * 0.20 * declined8),
            (Driver::Defended, pulse(PulseStock::Benevolence, &s)),
        ];
        let i_terms = [
            (
                Driver::Transparency,
                100.0 * 0.20 * transparency + pulse(PulseStock::Integrity, &s),
            ),
            (Driver::Watermelon, -100.0 * 0.50 * water8),
            (Driver::BrokenPromises, -100.0 * 0.20 * broken8),
        ];
        if init {
            s.a0 = s.ability;
            s.b0 = s.benevolence;
            s.i0 = s.integrity;
            s.anxiety0 = s.anxiety - (100.0 - s.trust()) * (0.6 + 0.4 * s.waterfall);
        } else {
            let step = |x: f64, x0: f64, terms: &[(Driver, f64)], ledger: &mut Contribs| -> f64 {
                let target = (x0 + terms.iter().map(|t| t.1).sum::<f64>()).clamp(0.0, 100.0);
                let (next, tau) = eq::smooth_asym(x, target, p.trust_tau_up, p.trust_tau_down);
                ledger.smooth(1.0 / tau, terms);
                ledger.reconcile(next, x0);
                next
            };
            let (a0, b0, i0) = (s.a0, s.b0, s.i0);
            let mut la = std::mem::take(&mut s.ability_ledger);
            let mut lb = std::mem::take(&mut s.benevolence_ledger);
            let mut li = std::mem::take(&mut s.integrity_ledger);
            s.ability = step(s.ability, a0, &a_terms, &mut la);
            s.benevolence = step(s.benevolence, b0, &b_terms, &mut lb);
            s.integrity = step(s.integrity, i0, &i_terms, &mut li);
            s.ability_ledger = la;
            s.benevolence_ledger = lb;
            s.integrity_ledger = li;
            let anx_target = (s.anxiety0
                + (100.0 - s.trust()) * (0.6 + 0.4 * s.waterfall)
                + 20.0 * deadline_near
                + if no_visibility { 15.0 } else { 0.0 }
                + pulse(PulseStock::Anxiety, &s))
            .clamp(0.0, 100.0);
            s.anxiety =
                eq::smooth_asym(s.anxiety, anx_target, p.anxiety_tau_up, p.anxiety_tau_down).0;
            s.pulses.retain(|x| x.value(w).abs() > 0.05);
            s.alignment = (s.alignment - 0.005).max(0.0);
        }
        let st = s.trust();
        pw_trust += s.power * st;
        pw += s.power;
    }
    if init {
        return;
    }
    let target = if pw > 0.0 { pw_trust / pw } else { 50.0 };
    let mut l = world.resource_mut::<Leader>();
    l.political_capital =
        (l.political_capital + p.pc_regen * (target - l.political_capital)).clamp(0.0, 100.0);
}

// ---------------------------------------------------------------- Budget

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

/// Scripted events of the scenario (resource so the Events system can read them).
#[derive(Resource, Clone, Debug, Default)]
pub struct ScriptedEvents(pub Vec<crate::scenario::ScriptedEvent>);

/// End of the epilogue (§17.5): every progress gap is revealed and open deadlines count as missed.
pub fn close_out(world: &mut World) {
    let w = week(world);
    let mut missed = Vec::new();
    for (_, ie) in entities(&world.resource::<Index>().initiatives) {
        let Some(mut it) = world.get_mut::<Initiative>(ie) else {
            continue;
        };
        if !it.is_open() {
            continue;
        }
        if it.deadline.is_some() && !it.counted_missed {
            it.counted_missed = true;
            missed.push(it.sponsor);
        }
        it.revealed = true;
        it.perceived = it.true_frac();
    }
    for sponsor in missed {
        for (_, se) in entities(&world.resource::<Index>().stakeholders) {
            if let Some(mut s) = world.get_mut::<Stakeholder>(se)
                && sponsor.is_none_or(|x| x == s.id)
            {
                s.missed.push(w);
            }
        }
    }
}

/// Recency of recognition (§17.2): max over the last 4 weeks of (1 − age/4), from weeks since
/// the last 1:1 (so the spawn state, "2 weeks since the last 1:1", is consistent).
pub fn recognition(x: &Person) -> f64 {
    (1.0 - x.weeks_since_1on1 / 4.0).clamp(0.0, 1.0)
}

/// Each team's relations (both directions), so per-team lookups do not scan every pair.
fn relations_by_team(
    relations: &BTreeMap<(TeamId, TeamId), Relation>,
) -> BTreeMap<TeamId, Vec<Relation>> {
    let mut out: BTreeMap<TeamId, Vec<Relation>> = BTreeMap::new();
    for ((a, b), r) in relations {
        out.entry(*a).or_default().push(r.clone());
        if a != b {
            out.entry(*b).or_default().push(r.clone());
        }
    }
    out
}

/// A team's display name for logs (its id if it is gone).
pub fn team_name(world: &World, id: TeamId) -> String {
    lookup::get::<Team>(world, id).map_or_else(|| format!("#{}", id.0), |t| t.name.clone())
}
