//! The defend actions (MODEL.md §6.3, §7: handle waterfall pressure): answering a demand
//! (comply, shield, reframe, escalate), demo days and disclosing a slip; each action's price
//! and effects side by side, then what complying with a demand does.

use super::people::open_requisition;
use super::*;
use crate::sim::describe;

/// Prices a defend action and checks its targets (see `super::price`).
pub(super) fn price(world: &World, a: &Action) -> Result<Cost, Refusal> {
    use Action::*;
    let prm = &world.resource::<SimParams>().0;
    match a {
        Respond { demand, response } => {
            let org = world.resource::<Org>();
            let Some(d) = org.demands.iter().find(|d| d.id == *demand) else {
                return refuse(a, format!("no open demand {}", demand.0));
            };
            let s = stakeholder(world, d.from)
                .map_or_else(|| refuse(a, "the demand's stakeholder is gone"), Ok)?;
            match response {
                Response::Comply => cost(0.0, 0.0, 0.0),
                // A no that the team's PM and EM explain well costs less capital (soft skill).
                Response::Shield => cost(
                    prm.shield_ap,
                    eq::shield_cost_told(
                        s.power,
                        d.intensity,
                        s.trust(),
                        super::team(world, d.team).map_or(50.0, |t| t.leads_soft),
                        prm,
                    ),
                    0.0,
                ),
                Response::Reframe => {
                    if d.reframe_failed {
                        return refuse(a, "a reframe already failed: comply or shield");
                    }
                    cost(prm.reframe_ap, prm.reframe_pc, 0.0)
                }
                Response::Escalate if d.escalated => refuse(
                    a,
                    "this demand was escalated and upheld: comply, shield or reframe it",
                ),
                Response::Escalate => cost(
                    prm.escalate_ap,
                    prm.escalate_pc_base + prm.escalate_pc_per_power * s.power,
                    0.0,
                ),
            }
        }
        DemoDay { team: t } => {
            need_team(world, a, *t)?;
            cost(prm.demo_day_ap, 0.0, 0.0)
        }
        DiscloseSlip { initiative: i } => {
            let it = need_init(world, a, *i)?;
            if !it.is_open() || it.disclosed {
                return refuse(a, "only an open initiative not yet disclosed");
            }
            cost(prm.disclose_slip_ap, prm.disclose_slip_pc, 0.0)
        }
        _ => unreachable!("{} is not a defend action", a.kind()),
    }
}

/// Applies an already-paid defend action (see `super::apply`).
pub(super) fn apply(world: &mut World, a: &Action, w: u32) {
    use Action::*;
    let p = world.resource::<SimParams>().0.clone();
    let seed = world.resource::<RunInfo>().seed;
    match a {
        Respond { demand, response } => respond(world, *demand, *response, w, seed, &p),
        DemoDay { team } => {
            let moved = !world.resource::<Org>().shipped.is_empty();
            // Demo after demo shows stakeholders less that is new; each costs the team its
            // preparation time.
            let keep = ritual_keep(world, w, p.demo_window_weeks, |x| {
                matches!(x, DemoDay { .. })
            });
            with_team(world, *team, |tm| {
                // A demo at the usual cadence is inside the routine meeting time (`f_base`); an
                // extra one soon after takes the team's time.
                tm.modifiers.push(CapacityModifier {
                    multiplier: 1.0 - (1.0 - keep) * p.demo_day_capacity,
                    until_week: w,
                    cause: "demo day".into(),
                })
            });
            world.resource_mut::<Org>().demos.push(w);
            // How much stakeholders take from it depends on how well the team's PM and EM tell
            // the story (soft skill: stakeholder communication).
            let told = super::team(world, *team).map_or(1.0, |t| {
                eq::skill_effect(t.leads_soft, p.soft_communication_gain)
            });
            // A demo shows true progress: perceived snaps to the truth (honestly, no penalty).
            let weekly = team_weekly(world, *team);
            lookup::for_each(world, |it: &mut Initiative| {
                if it.team == *team && it.is_open() {
                    crate::sim::systems::rebaseline(it, w, weekly);
                    it.disclosed = true;
                }
            });
            all_stakeholders(world, |s| {
                s.transparency.push(w);
                s.pulses.push(pulse(
                    PulseStock::Anxiety,
                    -keep * p.demo_anxiety_relief,
                    w,
                    3.0,
                    Driver::Transparency,
                ));
                s.pulses.push(pulse(
                    PulseStock::Ability,
                    told * keep
                        * if moved {
                            p.demo_ability
                        } else {
                            p.demo_ability_nothing_shipped
                        },
                    w,
                    6.0,
                    Driver::Transparency,
                ));
                if moved {
                    s.waterfall = (s.waterfall - keep * p.demo_waterfall_relief).max(0.0);
                }
            });
            if moved {
                let mut l = world.resource_mut::<Leader>();
                l.political_capital = (l.political_capital + keep * p.demo_pc).min(100.0);
            }
        }
        DiscloseSlip { initiative } => {
            let owner = initiative_team(world, *initiative);
            let weekly = owner.map_or(1.0, |t| team_weekly(world, t));
            // Bad news told well (soft skill of the team's PM and EM) keeps more integrity.
            let told = owner.and_then(|t| team(world, t)).map_or(1.0, |t| {
                eq::skill_effect(t.leads_soft, p.soft_communication_gain)
            });
            with_initiative(world, *initiative, |it| {
                it.disclosed = true;
                crate::sim::systems::rebaseline(it, w, weekly);
            });
            world.resource_mut::<Org>().disclosures.push(w);
            all_stakeholders(world, |s| {
                s.transparency.push(w);
                s.pulses.push(pulse(
                    PulseStock::Integrity,
                    told * p.disclose_integrity,
                    w,
                    8.0,
                    Driver::Transparency,
                ));
            });
        }
        _ => unreachable!("{} is not a defend action", a.kind()),
    }
}

/// A team's nominal weekly delivery, for honest re-plans.
fn team_weekly(world: &World, t: TeamId) -> f64 {
    team(world, t).map_or(1.0, |t| t.nominal_delivery.max(0.3))
}

fn respond(
    world: &mut World,
    id: DemandId,
    response: Response,
    w: u32,
    seed: u64,
    p: &crate::model::Params,
) {
    let Some(pos) = world
        .resource::<Org>()
        .demands
        .iter()
        .position(|d| d.id == id)
    else {
        return;
    };
    let d = world.resource::<Org>().demands[pos].clone();
    match response {
        Response::Comply => {
            world.resource_mut::<Org>().demands.remove(pos);
            comply_effects(world, &d, 1.0, w, p);
            with_stakeholder(world, d.from, |s| {
                s.pulses.push(pulse(
                    PulseStock::Benevolence,
                    5.0,
                    w,
                    6.0,
                    Driver::Defended,
                ));
                s.pulses
                    .push(pulse(PulseStock::Anxiety, -10.0, w, 3.0, Driver::Defended));
            });
            add_defend(world, d.team, -0.5, w);
            log(
                world,
                w,
                "demand",
                Happened::Complied,
                demand_subjects(&d),
                format!("Complied with {}", describe::demand_of(world, &d)),
            );
        }
        Response::Shield => {
            world.resource_mut::<Org>().demands.remove(pos);
            let transparent = {
                let org = world.resource::<Org>();
                org.demos
                    .iter()
                    .chain(org.disclosures.iter())
                    .any(|&x| w.saturating_sub(x) < 4)
            };
            with_stakeholder(world, d.from, |s| {
                s.pulses.push(pulse(
                    PulseStock::Benevolence,
                    -5.0,
                    w,
                    6.0,
                    Driver::Declined,
                ));
                if !transparent {
                    s.declined.push(w);
                    s.pulses
                        .push(pulse(PulseStock::Anxiety, 10.0, w, 4.0, Driver::Declined));
                }
            });
            add_defend(world, d.team, 1.0, w);
            log(
                world,
                w,
                "demand",
                Happened::Shielded,
                demand_subjects(&d),
                format!(
                    "Shielded {} from {}",
                    describe::name_of::<Team>(world, d.team),
                    describe::demand_from(world, &d)
                ),
            );
        }
        Response::Reframe => {
            let soft = world.resource::<Leader>().skills[Pillar::Soft as usize];
            let has_forecast = world
                .resource::<Leader>()
                .forecast_week
                .is_some_and(|f| w.saturating_sub(f) <= 8);
            let (analytics, team_soft) =
                team(world, d.team).map_or((0.0, 50.0), |t| (t.analytics, t.leads_soft));
            let (trust, wf) =
                stakeholder(world, d.from).map_or((50.0, 0.5), |s| (s.trust(), s.waterfall));
            let tired = if world.resource::<Leader>().exhaustion > 60.0 {
                0.85
            } else {
                1.0
            };
            let pr = tired
                * eq::reframe_success(
                    soft,
                    team_soft,
                    p.reframe_team_soft_weight,
                    trust,
                    analytics,
                    has_forecast,
                    wf,
                );
            let ok = Stream::new(seed, Purpose::ActionRoll, u64::from(id.0), w, 2).bernoulli(pr);
            if ok {
                world.resource_mut::<Org>().demands.remove(pos);
                light_alternative(world, &d, w, p);
                with_stakeholder(world, d.from, |s| {
                    s.waterfall = (s.waterfall - 0.02).max(0.0);
                    s.pulses.push(pulse(
                        PulseStock::Integrity,
                        5.0,
                        w,
                        8.0,
                        Driver::Transparency,
                    ));
                    s.pulses.push(pulse(
                        PulseStock::Benevolence,
                        3.0,
                        w,
                        8.0,
                        Driver::Meetings,
                    ));
                    s.transparency.push(w);
                });
                add_defend(world, d.team, 1.0, w);
                log(
                    world,
                    w,
                    "demand",
                    Happened::Reframed,
                    demand_subjects(&d),
                    format!(
                        "Reframed {}: a lighter alternative was accepted",
                        describe::demand_of(world, &d)
                    ),
                );
            } else {
                let mut org = world.resource_mut::<Org>();
                let dm = &mut org.demands[pos];
                dm.reframe_failed = true;
                dm.respond_by = dm.respond_by.max(w + 1);
                with_stakeholder(world, d.from, |s| {
                    s.pulses
                        .push(pulse(PulseStock::Anxiety, 5.0, w, 3.0, Driver::Declined))
                });
                log(
                    world,
                    w,
                    "demand",
                    Happened::ReframeFailed,
                    demand_subjects(&d),
                    format!(
                        "Your reframe of {} was turned down: comply or shield next week",
                        describe::demand_of(world, &d)
                    ),
                );
            }
        }
        Response::Escalate => {
            // Whoever is escalated to rules on it after a while; a powerful stakeholder usually
            // wins, and the one escalated over remembers either way (§6.3).
            let power = stakeholder(world, d.from).map_or(0.5, |s| s.power);
            let pr = eq::escalation_upheld(power, p);
            let upheld =
                Stream::new(seed, Purpose::ActionRoll, u64::from(id.0), w, 3).bernoulli(pr);
            let ruling = w + p.escalate_ruling_weeks.round().max(0.0) as u32;
            with_stakeholder(world, d.from, |s| {
                s.escalated_until = w + p.escalate_quiet_weeks.round().max(0.0) as u32;
                s.pulses.push(pulse(
                    PulseStock::Benevolence,
                    -p.escalate_benevolence_loss,
                    w,
                    10.0,
                    Driver::Declined,
                ));
            });
            if upheld {
                let mut org = world.resource_mut::<Org>();
                let dm = &mut org.demands[pos];
                dm.escalated = true;
                dm.respond_by = dm.respond_by.max(ruling);
                log(
                    world,
                    w,
                    "demand",
                    Happened::Escalated,
                    demand_subjects(&d),
                    format!(
                        "You escalated {}; it was upheld: answer it another way by week {ruling}",
                        describe::demand_of(world, &d)
                    ),
                );
            } else {
                world.resource_mut::<Org>().demands.remove(pos);
                add_defend(world, d.team, 1.0, w);
                log(
                    world,
                    w,
                    "demand",
                    Happened::Escalated,
                    demand_subjects(&d),
                    format!(
                        "You escalated {} and it was dropped",
                        describe::demand_of(world, &d)
                    ),
                );
            }
        }
    }
}

/// Records that the leader defended (+) or exposed (−) a team, for trust in the leader.
pub fn add_defend(world: &mut World, t: TeamId, v: f64, w: u32) {
    with_team(world, t, |tm| {
        tm.defend_events.push((w, v));
        tm.defend_events.retain(|(x, _)| w.saturating_sub(*x) < 8);
        if v > 0.0 {
            tm.shielded += 1.0;
        } else {
            tm.exposed += 1.0;
        }
    });
}

/// What complying with a demand does to the team (§7.1). `scale` is 1.5 when it went around the leader.
pub fn comply_effects(world: &mut World, d: &Demand, scale: f64, w: u32, p: &crate::model::Params) {
    let intensity = d.intensity;
    // §17.2: comply adds pressure P; 1.5× scales continuous effects only.
    with_team(world, d.team, |t| {
        t.pressure = (t.pressure + p.pressure_per_demand * intensity * scale).min(100.0)
    });
    match d.kind {
        DemandKind::FixedPlan => {
            let cap = team(world, d.team).map_or(1.0, |t| t.delivery_capacity.max(0.5));
            let mut promised = 0;
            lookup::for_each(world, |it: &mut Initiative| {
                if it.team == d.team && it.is_open() && it.kind != InitiativeKind::DebtPaydown {
                    it.fixed_scope = true;
                    it.sponsor = it.sponsor.or(Some(d.from));
                    if it.deadline.is_none() {
                        // The plan promises a date with little slack: 90 % of the honest estimate.
                        let est = (it.remaining() / cap * 0.9).ceil().max(2.0) as u32;
                        it.deadline = Some(w + est);
                        it.planned_start = w;
                        it.planned_weeks = f64::from(est);
                        promised += 1;
                    }
                }
            });
            with_team(world, d.team, |t| {
                t.modifiers.push(CapacityModifier {
                    multiplier: 0.97,
                    until_week: w,
                    cause: "planning".into(),
                })
            });
            log(
                world,
                w,
                "event",
                Happened::DatesCommitted,
                demand_subjects(d),
                format!("A fixed-scope plan now commits {promised} initiative(s) to dates"),
            );
        }
        DemandKind::StatusReport => with_team(world, d.team, |t| {
            // One reporting obligation per stakeholder: a repeat demand adds no new report.
            if !t.status_sources.contains(&d.from) && t.status_obligations.len() < 4 {
                t.status_obligations.push(p.status_per_obligation);
                t.status_sources.push(d.from);
            }
        }),
        DemandKind::FeatureInjection => {
            inject_feature(world, d, w, true, p);
            with_team(world, d.team, |t| {
                t.churn_events += 1.0 * scale;
            });
            for id in team_people(world, d.team) {
                with_drivers(world, id, |d| d.e_pulse -= 2.0 * scale);
            }
        }
        DemandKind::ResourceGrab => {
            let mut lent = 0;
            for id in team_people(world, d.team).into_iter().rev() {
                if lent >= 2 {
                    break;
                }
                let ok = person(world, id)
                    .is_some_and(|x| x.is_available(w) && x.role == Role::Engineer);
                if ok {
                    with_person(world, id, |x| {
                        x.lent_until = w + 6;
                        x.assimilation *= 0.7;
                    });
                    lent += 1;
                }
            }
        }
        DemandKind::DeadlinePullIn => {
            let mut any = false;
            lookup::for_each(world, |it: &mut Initiative| {
                if it.team == d.team
                    && it.is_open()
                    && let Some(dl) = it.deadline
                {
                    it.deadline = Some(dl.saturating_sub(3).max(w + 1));
                    it.planned_weeks = (it.planned_weeks - 3.0).max(1.0);
                    any = true;
                }
            });
            if !any {
                let fp = Demand {
                    kind: DemandKind::FixedPlan,
                    ..d.clone()
                };
                comply_effects(world, &fp, 1.0, w, p);
            }
        }
        DemandKind::StaffingSolution => {
            for _ in 0..6 {
                open_requisition(world, d.team, Role::Engineer, 3, true, 12, w);
            }
            log(
                world,
                w,
                "event",
                Happened::ContractorsSent,
                demand_subjects(d),
                "Six contractors are on their way (about 2 weeks)".into(),
            );
        }
    }
}

fn light_alternative(world: &mut World, d: &Demand, w: u32, p: &crate::model::Params) {
    match d.kind {
        // Outcome roadmap + forecast + demo cadence: light reporting, no fixed dates.
        DemandKind::FixedPlan | DemandKind::StatusReport => with_team(world, d.team, |t| {
            if !t.status_sources.contains(&d.from) && t.status_obligations.len() < 4 {
                t.status_obligations.push(p.status_light);
                t.status_sources.push(d.from);
            }
        }),
        // A 2-week discovery spike instead of a blind build.
        DemandKind::FeatureInjection => inject_feature(world, d, w, false, p),
        // Time-boxed facilitation instead of lending people.
        DemandKind::ResourceGrab => with_team(world, d.team, |t| {
            t.modifiers.push(CapacityModifier {
                multiplier: 0.95,
                until_week: w + 3,
                cause: "facilitating another team".into(),
            })
        }),
        // Descoping keeps the date.
        DemandKind::DeadlinePullIn => {
            lookup::for_each(world, |it: &mut Initiative| {
                if it.team == d.team && it.is_open() && it.deadline.is_some() && !it.descoped {
                    let done = it.good_done + it.hidden_rework;
                    it.size = done + (0.5 + 0.5 * it.core_fraction) * (it.size - done).max(0.0);
                    it.descoped = true;
                }
            });
        }
        DemandKind::StaffingSolution => {}
    }
}

fn inject_feature(world: &mut World, d: &Demand, w: u32, imposed: bool, p: &crate::model::Params) {
    let seed = world.resource::<RunInfo>().seed;
    let (next, product) = {
        let mut org = world.resource_mut::<Org>();
        let n = org.next_initiative;
        org.next_initiative += 1;
        (n, ProductId(0))
    };
    let mut s = Stream::new(seed, Purpose::IdeaCreation, u64::from(next), w, 0);
    let size = s.range(5.0, 10.0);
    let hit = s.bernoulli(p.idea_prior);
    let effect = crate::sim::systems::draw_effect(&mut s, hit, p);
    let it = Initiative {
        id: InitiativeId(next),
        name: format!("Injected feature #{next}"),
        team: d.team,
        product,
        kind: InitiativeKind::Feature,
        sponsor: Some(d.from),
        size,
        good_done: 0.0,
        hidden_rework: 0.0,
        max_parallel: 3,
        hit,
        effect,
        belief: p.idea_prior,
        experiments_run: 0,
        deadline: None,
        fixed_scope: imposed,
        cost_of_delay: 0.0,
        market_window: None,
        deps: Vec::new(),
        state: if imposed {
            InitiativeState::Backlog
        } else {
            InitiativeState::Discovery
        },
        ship_week: None,
        escaped: 0.0,
        quality_at_ship: 1.0,
        fit_at_ship: 1.0,
        late_at_ship: 1.0,
        imposed,
        no_discovery: imposed,
        planned_start: w,
        planned_weeks: 6.0,
        perceived: 0.0,
        revealed: false,
        disclosed: false,
        core_fraction: 0.6,
        descoped: false,
        blocked_weeks: 0,
        // Injected work jumps the queue.
        backlog_order: 0,
        plan_base: 0.0,
        created_week: w,
        behind_experiment: false,
        counted_missed: false,
        weekly_cost: 0.0,
        credited: false,
        forecast: None,
    };
    let e = world.spawn((Name::new(it.name.clone()), it)).id();
    world
        .resource_mut::<Index>()
        .initiatives
        .insert(InitiativeId(next), e);
    // Lost re-immersion (§7.1): 10 % of this week's in-progress work, as a one-week capacity dip.
    if imposed {
        with_team(world, d.team, |t| {
            t.modifiers.push(CapacityModifier {
                multiplier: 0.9,
                until_week: w,
                cause: "re-immersion after a priority change".into(),
            })
        });
    }
}

/// Who a demand concerns: the team, the stakeholder who made it, and its kind.
fn demand_subjects(d: &Demand) -> Vec<Subject> {
    vec![
        Subject::Team(d.team),
        Subject::Stakeholder(d.from),
        Subject::Demand(d.kind),
    ]
}
