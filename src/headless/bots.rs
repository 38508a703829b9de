//! Bot policies for headless play: passive, yes-man, crunch, hire-fast, servant, random, and the
//! caretaker that plays the scoring epilogue.
//!
//! Bots read the world like a player reads the screen and answer with `Action`s only.

use bevy::prelude::*;

use crate::model::eq::{self, OvertimePolicy};
use crate::model::rng::{Purpose, Stream};
use crate::model::{InitiativeId, PersonId, TeamId};
use crate::scenario::{DemandKind, Role, TeamKind};
use crate::sim::actions::price;
use crate::sim::{
    Action, Demand, Index, Initiative, Leader, Org, Person, Pillar, Response, RunInfo, Stakeholder,
    Team,
};

/// A decision maker: looks at the world, returns this week's actions.
pub trait Policy {
    fn decide(&mut self, world: &World) -> Vec<Action>;
}

/// The names `--policy` accepts (and a scenario's plans may name).
pub use crate::scenario::POLICY_NAMES;

/// Builds a policy by name.
pub fn policy_by_name(name: &str) -> Option<Box<dyn Policy>> {
    Some(match name {
        "passive" => Box::new(Passive),
        "yes-man" => Box::new(YesMan),
        "crunch" => Box::new(Crunch),
        "hire-fast" => Box::new(HireFast),
        "servant" => Box::new(Servant::default()),
        "random" => Box::new(RandomBot),
        "caretaker" => Box::new(Caretaker),
        _ => return None,
    })
}

fn week(world: &World) -> u32 {
    world.resource::<crate::sim::Clock>().week + 1
}

fn people(world: &World) -> Vec<&Person> {
    world
        .resource::<Index>()
        .people
        .values()
        .filter_map(|e| world.get::<Person>(*e))
        .collect()
}

fn teams(world: &World) -> Vec<&Team> {
    world
        .resource::<Index>()
        .teams
        .values()
        .filter_map(|e| world.get::<Team>(*e))
        .collect()
}

fn initiatives(world: &World) -> Vec<&Initiative> {
    world
        .resource::<Index>()
        .initiatives
        .values()
        .filter_map(|e| world.get::<Initiative>(*e))
        .collect()
}

fn stakeholder<'a>(world: &'a World, d: &Demand) -> Option<&'a Stakeholder> {
    world
        .resource::<Index>()
        .stakeholders
        .get(&d.from)
        .and_then(|e| world.get::<Stakeholder>(*e))
}

/// Tracks attention points while a bot plans its week, so it never overdraws.
struct Plan<'w> {
    world: &'w World,
    ap: f64,
    pc: f64,
    out: Vec<Action>,
}

impl<'w> Plan<'w> {
    fn new(world: &'w World) -> Self {
        let l = world.resource::<Leader>();
        Plan {
            world,
            ap: l.ap_left.min(l.ap_per_week - l.overdraft_debt).max(0.0),
            pc: l.political_capital,
            out: Vec::new(),
        }
    }
    /// Adds the action if it is priced within what is left; returns whether it was added.
    fn add(&mut self, a: Action) -> bool {
        let Ok(c) = price(self.world, &a) else {
            return false;
        };
        if c.ap > self.ap + 1e-9 || c.pc > self.pc + 1e-9 {
            return false;
        }
        self.ap -= c.ap;
        self.pc -= c.pc;
        self.out.push(a);
        true
    }
}

/// 1:1s with whoever has waited longest, down to `keep` AP.
fn one_on_ones(plan: &mut Plan, min_wait: f64, keep: f64) {
    let mut ppl: Vec<&Person> = people(plan.world)
        .into_iter()
        .filter(|p| p.weeks_since_1on1 >= min_wait)
        .collect();
    ppl.sort_by(|a, b| {
        b.weeks_since_1on1
            .total_cmp(&a.weeks_since_1on1)
            .then(a.engagement.total_cmp(&b.engagement))
            .then(a.id.cmp(&b.id))
    });
    for p in ppl {
        if plan.ap - 0.5 < keep - 1e-9 {
            break;
        }
        plan.add(Action::OneOnOne { person: p.id });
    }
}

fn comply_all(plan: &mut Plan) {
    let demands = plan.world.resource::<Org>().demands.clone();
    for d in demands {
        plan.add(Action::Respond {
            demand: d.id,
            response: Response::Comply,
        });
    }
}

/// Does nothing at all: demands go around the leader.
pub struct Passive;
impl Policy for Passive {
    fn decide(&mut self, _: &World) -> Vec<Action> {
        Vec::new()
    }
}

/// The epilogue's fixed bot: monthly 1:1s and compliance (A13's "neutral org").
pub struct Caretaker;
impl Policy for Caretaker {
    fn decide(&mut self, world: &World) -> Vec<Action> {
        let mut plan = Plan::new(world);
        comply_all(&mut plan);
        one_on_ones(&mut plan, 4.0, 0.0);
        plan.out
    }
}

/// Complies with every demand and never develops anyone.
pub struct YesMan;
impl Policy for YesMan {
    fn decide(&mut self, world: &World) -> Vec<Action> {
        let mut plan = Plan::new(world);
        comply_all(&mut plan);
        plan.out
    }
}

/// Mandates overtime from the first week; otherwise a caretaker.
pub struct Crunch;
impl Policy for Crunch {
    fn decide(&mut self, world: &World) -> Vec<Action> {
        let mut plan = Plan::new(world);
        if world.resource::<Org>().overtime_policy.0 != OvertimePolicy::Crunch {
            plan.add(Action::SetOvertimePolicy {
                policy: OvertimePolicy::Crunch,
            });
        }
        comply_all(&mut plan);
        one_on_ones(&mut plan, 4.0, 0.0);
        plan.out
    }
}

/// Opens requisitions whenever a team is behind; takes every staffing offer.
pub struct HireFast;
impl Policy for HireFast {
    fn decide(&mut self, world: &World) -> Vec<Action> {
        let mut plan = Plan::new(world);
        comply_all(&mut plan);
        let open = world.resource::<Org>().requisitions.clone();
        for t in teams(world) {
            let behind = t.schedule_pressure > 0.0 || t.blocked_items > 0 || t.utilisation > 0.8;
            let pending = open.iter().filter(|r| r.team == t.id).count();
            if behind && pending < 3 {
                plan.add(Action::OpenRequisition {
                    team: t.id,
                    role: Role::Engineer,
                    level: 3,
                });
            }
        }
        one_on_ones(&mut plan, 4.0, 0.0);
        plan.out
    }
}

/// Picks random affordable actions (seeded by the run's seed and the week).
pub struct RandomBot;
impl Policy for RandomBot {
    fn decide(&mut self, world: &World) -> Vec<Action> {
        let w = week(world);
        let seed = world.resource::<RunInfo>().seed;
        let mut s = Stream::new(seed, Purpose::BotChoice, 0, w, 0);
        let mut plan = Plan::new(world);
        let demands = world.resource::<Org>().demands.clone();
        for d in demands {
            let r = [
                Response::Comply,
                Response::Shield,
                Response::Reframe,
                Response::Escalate,
            ][s.below(4)];
            plan.add(Action::Respond {
                demand: d.id,
                response: r,
            });
        }
        let ppl: Vec<PersonId> = people(world).iter().map(|p| p.id).collect();
        let tms: Vec<TeamId> = teams(world).iter().map(|t| t.id).collect();
        let its: Vec<InitiativeId> = initiatives(world)
            .iter()
            .filter(|i| i.is_open())
            .map(|i| i.id)
            .collect();
        for _ in 0..12 {
            if ppl.is_empty() || tms.is_empty() {
                break;
            }
            let p = ppl[s.below(ppl.len())];
            let t = tms[s.below(tms.len())];
            let t2 = tms[s.below(tms.len())];
            let pillar = [Pillar::Soft, Pillar::TeamDev, Pillar::Domain, Pillar::Craft][s.below(4)];
            let a = match s.below(16) {
                0..=3 => Action::OneOnOne { person: p },
                4 => Action::Mentor { person: p, pillar },
                5 => Action::Training { person: p, pillar },
                6 => Action::SetDiscoveryShare {
                    team: t,
                    share: (s.below(5) as f64) * 0.05,
                },
                7 => Action::SetDebtShare {
                    team: t,
                    share: (s.below(5) as f64) * 0.05,
                },
                8 => Action::DemoDay { team: t },
                9 => Action::ConnectTeams { a: t, b: t2 },
                10 => Action::VisionSession,
                11 => Action::OpenRequisition {
                    team: t,
                    role: Role::Engineer,
                    level: 3,
                },
                12 => Action::SetOvertimePolicy {
                    policy: [
                        OvertimePolicy::Default,
                        OvertimePolicy::SustainablePace,
                        OvertimePolicy::Crunch,
                    ][s.below(3)],
                },
                13 => Action::RecoveryWeek { person: p },
                14 if !its.is_empty() => Action::Descope {
                    initiative: its[s.below(its.len())],
                },
                _ => Action::Tooling { team: t },
            };
            plan.add(a);
        }
        plan.out
    }
}

/// The well-led strategy: support (1:1s, growth, sustainable pace), defend with transparency,
/// inspire, connect teams, protect discovery and pay down debt.
#[derive(Default)]
pub struct Servant {
    credited: Vec<InitiativeId>,
}

impl Policy for Servant {
    fn decide(&mut self, world: &World) -> Vec<Action> {
        let w = week(world);
        let mut plan = Plan::new(world);
        let org = world.resource::<Org>();
        let leader = world.resource::<Leader>();
        let all_teams = teams(world);
        let items = initiatives(world);
        // Defend: reframe with evidence when it is likely to work, shield when affordable,
        // otherwise comply. Transparency (demos, disclosures) keeps shielding cheap.
        let mut demands = org.demands.clone();
        demands.sort_by_key(|d| d.id);
        for d in &demands {
            let Some(s) = stakeholder(world, d) else {
                continue;
            };
            let (analytics, team_soft) = all_teams
                .iter()
                .find(|t| t.id == d.team)
                .map_or((0.0, 50.0), |t| (t.analytics, t.leads_soft));
            let has_forecast = leader
                .forecast_week
                .is_some_and(|f| w.saturating_sub(f) <= 8);
            let p_reframe = eq::reframe_success(
                leader.skills[0],
                team_soft,
                world
                    .resource::<crate::sim::SimParams>()
                    .0
                    .reframe_team_soft_weight,
                s.trust(),
                analytics,
                has_forecast,
                s.waterfall,
            );
            let shield_pc = eq::shield_cost_told(
                s.power,
                d.intensity,
                s.trust(),
                team_soft,
                &world.resource::<crate::sim::SimParams>().0,
            );
            let r = if !d.reframe_failed && p_reframe >= 0.45 && plan.ap >= 2.0 {
                Response::Reframe
            } else if plan.pc - shield_pc >= 8.0 && plan.ap >= 1.0 {
                Response::Shield
            } else if d.kind == DemandKind::StatusReport || plan.ap < 1.0 {
                Response::Comply
            } else if !d.reframe_failed && plan.ap >= 2.0 && plan.pc >= 1.0 {
                Response::Reframe
            } else {
                Response::Comply
            };
            if !plan.add(Action::Respond {
                demand: d.id,
                response: r,
            }) {
                plan.add(Action::Respond {
                    demand: d.id,
                    response: Response::Comply,
                });
            }
        }
        if w == 1 {
            plan.add(Action::SetOvertimePolicy {
                policy: OvertimePolicy::SustainablePace,
            });
            plan.add(Action::VisionSession);
        }
        // Protect discovery on product teams; pay down heavy debt.
        for t in &all_teams {
            if t.kind != TeamKind::Platform
                && t.discovery_share < 0.15
                && t.debt_share + t.service_share + 0.15 <= 0.7
            {
                plan.add(Action::SetDiscoveryShare {
                    team: t.id,
                    share: 0.15,
                });
            }
            if t.debt > 45.0
                && t.debt_share < 0.2
                && t.discovery_share.max(0.15) + t.service_share + 0.2 <= 0.7
            {
                plan.add(Action::SetDebtShare {
                    team: t.id,
                    share: 0.2,
                });
            }
        }
        // Transparency: disclose slipping commitments; descope when a date is out of reach.
        let team_by_id: std::collections::BTreeMap<TeamId, &&Team> =
            all_teams.iter().map(|t| (t.id, t)).collect();
        for it in &items {
            if !it.is_open() {
                continue;
            }
            if let Some(d) = it.deadline {
                let team = team_by_id.get(&it.team);
                let cap = team.map_or(1.0, |t| t.nominal_delivery.max(0.3));
                let left = f64::from(d.saturating_sub(w)) + 1.0;
                if it.remaining() > cap * left * 1.05 && !it.descoped {
                    plan.add(Action::Descope { initiative: it.id });
                }
                if it.perceived - it.true_frac() >= 0.08 && !it.disclosed {
                    plan.add(Action::DiscloseSlip { initiative: it.id });
                }
            }
        }
        // Demo every third week on the team with the most open work.
        if w.is_multiple_of(3)
            && let Some(t) = all_teams.iter().max_by(|a, b| {
                a.delivery_capacity
                    .total_cmp(&b.delivery_capacity)
                    .then(b.id.cmp(&a.id))
            })
        {
            plan.add(Action::DemoDay { team: t.id });
        }
        // Own failures: blameless review (and responsibility) after incidents and misses.
        for t in &all_teams {
            if t.failures_recent > 0.6 && t.inquiries_recent < t.failures_recent * 0.5 {
                plan.add(Action::BlamelessReview { team: t.id });
                plan.add(Action::TakeResponsibility { team: t.id });
            }
        }
        // Share credit for what shipped.
        for it in &items {
            if it.ship_week.is_some_and(|s| w.saturating_sub(s) <= 3)
                && !self.credited.contains(&it.id)
                && plan.add(Action::ShareCredit { initiative: it.id })
            {
                self.credited.push(it.id);
            }
        }
        // Connect teams that wait on each other.
        let mut blocked_pairs: Vec<(TeamId, TeamId)> = Vec::new();
        for dep in world
            .resource::<Index>()
            .dependencies
            .values()
            .filter_map(|e| world.get::<crate::sim::Dependency>(*e))
        {
            if dep.done_at.is_none() {
                blocked_pairs.push((dep.consumer, dep.provider));
            }
        }
        blocked_pairs.sort();
        blocked_pairs.dedup();
        for (c, p) in blocked_pairs.iter().take(2) {
            let rel = org.relation(*c, *p);
            if rel.congruence < 0.8 {
                plan.add(Action::ConnectTeams { a: *c, b: *p });
            }
            if rel.aligned_until < w && plan.pc > 15.0 {
                plan.add(Action::BrokerAlignment { a: *c, b: *p });
            }
        }
        // Stop work, not people: over budget, kill the open work with running costs and the
        // weakest evidence first (never a layoff).
        let b = world.resource::<crate::sim::Budget>();
        let p = world.resource::<crate::sim::SimParams>();
        let allowance = b.next_quarter_total / f64::from(p.quarter_weeks);
        let weekly_spend = people(world).iter().map(|x| x.salary_w).sum::<f64>()
            + b.tooling_weekly
            + items
                .iter()
                .filter(|i| i.is_open())
                .map(|i| i.weekly_cost)
                .sum::<f64>();
        if weekly_spend > allowance {
            let mut costly: Vec<&&Initiative> = items
                .iter()
                .filter(|i| i.is_open() && i.weekly_cost > 0.0 && i.deadline.is_none())
                .collect();
            costly.sort_by(|a, b| {
                a.belief
                    .total_cmp(&b.belief)
                    .then(b.weekly_cost.total_cmp(&a.weekly_cost))
                    .then(a.id.cmp(&b.id))
            });
            if let Some(it) = costly.first() {
                plan.add(Action::KillInitiative { initiative: it.id });
            }
        }
        // Recovery for the exhausted.
        for p in people(world) {
            if p.exhaustion >= 65.0 && p.away_until <= w {
                plan.add(Action::RecoveryWeek { person: p.id });
            }
        }
        // Communicate up: a strategy session with the most plan-driven stakeholder monthly.
        if w % 4 == 2 {
            let mut sts: Vec<&Stakeholder> = world
                .resource::<Index>()
                .stakeholders
                .values()
                .filter_map(|e| world.get::<Stakeholder>(*e))
                .collect();
            sts.sort_by(|a, b| {
                (b.waterfall * b.power)
                    .total_cmp(&(a.waterfall * a.power))
                    .then(a.id.cmp(&b.id))
            });
            if let Some(s) = sts.first() {
                plan.add(Action::StrategySession { stakeholder: s.id });
            }
        }
        // Support: 1:1s for everyone at least every 3 weeks, then mentoring with what is left.
        one_on_ones(&mut plan, 3.0, 1.0);
        let mut ppl = people(world);
        ppl.sort_by(|a, b| a.skills[3].total_cmp(&b.skills[3]).then(a.id.cmp(&b.id)));
        for p in ppl.iter().take(2) {
            if p.role != Role::Em {
                plan.add(Action::Mentor {
                    person: p.id,
                    pillar: Pillar::Craft,
                });
            }
        }
        one_on_ones(&mut plan, 2.0, 0.0);
        plan.out
    }
}
