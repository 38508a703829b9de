//! Spawns a resolved scenario into a Bevy world and runs the week-0 pass.

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::actions::ActionQueue;
use super::state::*;
use super::systems::{ScriptedEvents, draw_effect};
use crate::model::eq;
use crate::model::rng::{Purpose, Stream};
use crate::model::{Contribs, DependencyId, ProductId, StakeholderId};
use crate::scenario::{InitiativeKind, Scenario, Segment, StartState, Trait, ValueDraw};

fn segment_churn(s: Segment) -> f64 {
    match s {
        Segment::Smb => 0.05,
        Segment::MidMarket => 0.025,
        Segment::Enterprise => 0.01,
        Segment::Consumer => 0.08,
    }
}

/// Empties a world that holds a game: despawns every simulation entity (all of them are in the
/// `Index`). The resources stay until `spawn` overwrites each of them, and the built turn
/// schedule stays, which is what makes a reused world cheaper than a new one.
pub fn despawn_all(world: &mut World) {
    let Some(index) = world.remove_resource::<Index>() else {
        return;
    };
    let entities = index
        .teams
        .values()
        .chain(index.people.values())
        .chain(index.initiatives.values())
        .chain(index.dependencies.values())
        .chain(index.stakeholders.values())
        .chain(index.products.values());
    for e in entities {
        world.despawn(*e);
    }
}

/// Fills `world` with the scenario's entities and resources for `seed`, then runs week 0.
pub fn spawn(world: &mut World, sc: &Scenario, seed: u64) {
    let p = sc.raw.params.clone();
    let mut index = Index::default();
    let mut salaries = 0.0;

    for t in &sc.teams {
        let r = &t.raw;
        let team = Team {
            id: t.id,
            name: if r.name.is_empty() {
                r.id.clone()
            } else {
                r.name.clone()
            },
            kind: r.kind,
            codebase: r.codebase_size,
            debt: r.tech_debt,
            psych_safety: r.psych_safety,
            autonomy: r.autonomy,
            discovery_share: r.discovery_share,
            debt_share: r.debt_share,
            service_share: t.service_share,
            wip_limit: r.wip_limit,
            quality: r.quality_practice,
            analytics: r.analytics,
            platform_maturity: r.platform_maturity,
            outcome_mission: r.outcome_mission,
            vision: r.vision,
            assimilation_tau: t.assimilation_tau,
            status_obligations: Vec::new(),
            status_sources: Vec::new(),
            pressure: 0.0,
            churn_events: 0.0,
            blame_recent: 0.0,
            failures_recent: 0.0,
            inquiries_recent: 0.0,
            responsibility_recent: 0.0,
            layoff_recent: 0.0,
            modifiers: Vec::new(),
            lane: Default::default(),
            lane_inflow: 0.0,
            incident_load: 0.0,
            imposed_share: 0.0,
            headcount: 0.0,
            capacity: 0.0,
            delivery_capacity: 0.0,
            discovery_capacity: 0.0,
            debt_capacity: 0.0,
            service_capacity: 0.0,
            utilisation: 0.0,
            cognitive_load: 0.0,
            schedule_pressure: 0.0,
            weeks_under_pressure: 0.0,
            westrum: [4.0; 6],
            empowerment: 0.0,
            honesty: 0.5,
            detected_total: 0.0,
            escaped_total: 0.0,
            shipped_points: 0.0,
            good_output_total: 0.0,
            discovery_progress: 0.0,
            metric_reviews: 0.0,
            ps_ledger: Contribs::default(),
            debt_ledger: Contribs::initial(r.tech_debt),
            customer_contact: r.discovery_share > 0.0,
            forming_until: 0,
            ps0: r.psych_safety,
            ps_terms0: Contribs::default(),
            autonomy0: 0.0,
            nominal_delivery: 1.0,
            active_items: 0,
            blocked_items: 0,
            experiments_4w: Default::default(),
            defend_events: Vec::new(),
            credit_events: Vec::new(),
            responsibility_events: Vec::new(),
            broken_promises: Vec::new(),
            shielded: 0.0,
            exposed: 0.0,
            idle_capacity: 0.0,
            mean_exhaustion: 0.0,
            mean_domain: 0.0,
            mean_ux: 0.0,
            swarm_help: 0.0,
            leads_soft: 50.0,
            coach_td: 50.0,
            product_domain: 50.0,
        };
        let e = world
            .spawn((Name::new(format!("Team {}", team.name)), team))
            .id();
        index.teams.insert(t.id, e);
    }

    for pd in &sc.people {
        let r = &pd.raw;
        let tau = sc
            .teams
            .get(pd.team.0 as usize)
            .map_or(p.assimilation_tau, |t| t.assimilation_tau);
        let s = pd.skills;
        salaries += pd.salary_week;
        let x0 = r.exhaustion;
        let person = Person {
            id: pd.id,
            name: r.name.clone(),
            team: pd.team,
            role: r.role,
            level: r.level,
            skills: [s.soft, s.team_dev, s.domain, s.craft],
            pending: [0.0; 4],
            tenure_w: f64::from(r.tenure_weeks),
            assimilation: eq::assimilation_from_tenure(
                p.assimilation_a0,
                tau,
                f64::from(r.tenure_weeks),
            ),
            a_max: 1.0,
            onboarding: 1.0,
            hours: 40.0,
            exhaustion: x0,
            chronic: 0.0,
            engagement: r.engagement,
            trust_in_leader: r.trust_in_leader,
            weeks_since_1on1: 2.0,
            weeks_since_growth: f64::from(r.weeks_since_growth),
            notice: None,
            salary_w: pd.salary_week,
            contract: Contract::Employee,
            mentor: None,
            brilliant_jerk: r.traits.contains(&Trait::BrilliantJerk),
            flight_risk: r.traits.contains(&Trait::FlightRisk),
            owns_components: r.traits.contains(&Trait::OwnsComponents) || r.tenure_weeks > 150,
            retention_until: 0,
            stay_until: 0,
            away_until: 0,
            lent_until: 0,
            weeks_x_high: 0,
            vested_log: Default::default(),
            vested_total: 0.0,
            flight_risk_revealed: false,
            drivers_revealed: false,
            hazard: p.hazard_base,
            raw: 0.0,
            unsettled: 0.0,
        };
        let drivers = PersonDrivers::arriving(r.engagement, r.trust_in_leader, x0);
        let temperament = crate::sim::Temperament::of(&r.traits, seed, pd.id, &p);
        let e = world
            .spawn((Name::new(person.name.clone()), person, drivers, temperament))
            .id();
        index.people.insert(pd.id, e);
    }

    // Hidden truth of ideas: explicit in the file, or drawn (independently or from a shuffle bag).
    let undrawn: Vec<usize> = sc
        .initiatives
        .iter()
        .enumerate()
        .filter(|(_, i)| i.raw.hidden.is_none())
        .map(|(k, _)| k)
        .collect();
    let mut bag_hits: BTreeMap<usize, bool> = BTreeMap::new();
    if sc.raw.value_draw == ValueDraw::ShuffleBag && !undrawn.is_empty() {
        let hits = (p.idea_prior * undrawn.len() as f64).round() as usize;
        let mut keyed: Vec<(u64, usize)> = undrawn
            .iter()
            .map(|&k| {
                (
                    (Stream::new(seed, Purpose::IdeaValue, k as u64, 0, 1).uniform() * 1e15) as u64,
                    k,
                )
            })
            .collect();
        keyed.sort_unstable();
        for (rank, (_, k)) in keyed.iter().enumerate() {
            bag_hits.insert(*k, rank < hits);
        }
    }
    let mut next_dep = 0u32;
    for (k, d) in sc.initiatives.iter().enumerate() {
        let r = &d.raw;
        let mut s = Stream::new(seed, Purpose::IdeaValue, u64::from(d.id.0), 0, 0);
        let (hit, effect) = match &r.hidden {
            Some(h) => {
                let eff = h.effect.map_or_else(
                    || draw_effect(&mut s, h.hit, &p),
                    |e| Effect {
                        activation: e.activation,
                        churn_mult: if e.churn_mult > 0.0 {
                            e.churn_mult
                        } else {
                            1.0
                        },
                        acquisition: e.acquisition,
                        arpu: e.arpu,
                        value_fit: e.value_fit,
                    },
                );
                (h.hit, eff)
            }
            None => {
                let hit = bag_hits
                    .get(&k)
                    .copied()
                    .unwrap_or_else(|| s.bernoulli(p.idea_prior));
                let mut eff = draw_effect(&mut s, hit, &p);
                if let Some(scale) = &r.effect_scale {
                    // Effect vector = scenario unit vector × the drawn magnitude (§17.2).
                    let m = eff.value_fit / 2.5;
                    eff = Effect {
                        activation: scale.activation * m,
                        churn_mult: if scale.churn_mult > 0.0 {
                            scale.churn_mult.powf(m)
                        } else {
                            1.0
                        },
                        acquisition: scale.acquisition * m,
                        arpu: scale.arpu * m,
                        value_fit: scale.value_fit * m,
                    };
                }
                (hit, eff)
            }
        };
        let mut deps = Vec::new();
        for dep in &d.deps {
            let id = DependencyId(next_dep);
            next_dep += 1;
            let de = world
                .spawn((
                    Name::new(format!("Dependency {}", id.0)),
                    Dependency {
                        id,
                        consumer: d.team,
                        provider: dep.provider,
                        initiative: d.id,
                        work: dep.work,
                        remaining: dep.work,
                        distributed: dep.distributed,
                        requested_week: None,
                        requested_at: 0.0,
                        done_at: None,
                        eta_estimate: 0.0,
                        blocked_weeks: 0,
                    },
                ))
                .id();
            index.dependencies.insert(id, de);
            deps.push(id);
        }
        let state = match r.state {
            StartState::Backlog => InitiativeState::Backlog,
            StartState::Discovery => InitiativeState::Discovery,
            StartState::Delivery => {
                if deps.is_empty() {
                    InitiativeState::Delivery
                } else {
                    InitiativeState::Blocked
                }
            }
        };
        let planned = r
            .planned_weeks
            .map(f64::from)
            .or(r.deadline_week.map(f64::from))
            .unwrap_or(0.0);
        let plan_base = r
            .reported_done
            .unwrap_or(r.done / r.size.max(1e-9))
            .max(r.done / r.size.max(1e-9));
        let it = Initiative {
            id: d.id,
            name: if r.name.is_empty() {
                r.id.clone()
            } else {
                r.name.clone()
            },
            team: d.team,
            product: d.product,
            kind: r.kind,
            sponsor: d.sponsor,
            size: r.size,
            good_done: r.done,
            hidden_rework: 0.0,
            max_parallel: r.max_parallel,
            hit,
            effect,
            belief: p.idea_prior,
            experiments_run: 0,
            deadline: r.deadline_week,
            fixed_scope: r.fixed_scope,
            cost_of_delay: r.cost_of_delay,
            market_window: r.market_window,
            deps,
            state,
            ship_week: None,
            escaped: 0.0,
            quality_at_ship: 1.0,
            fit_at_ship: 1.0,
            late_at_ship: 1.0,
            imposed: r.fixed_scope && d.sponsor.is_some(),
            no_discovery: r.kind == InitiativeKind::DebtPaydown,
            planned_start: 0,
            planned_weeks: planned,
            perceived: plan_base,
            revealed: false,
            disclosed: false,
            core_fraction: r.core_fraction,
            descoped: false,
            blocked_weeks: 0,
            backlog_order: k as u32,
            plan_base,
            created_week: 0,
            behind_experiment: false,
            counted_missed: false,
            weekly_cost: r.weekly_cost,
            credited: false,
            forecast: None,
        };
        let e = world.spawn((Name::new(it.name.clone()), it)).id();
        index.initiatives.insert(d.id, e);
    }

    for (k, r) in sc.raw.stakeholders.iter().enumerate() {
        let id = StakeholderId(k as u32);
        let st = Stakeholder {
            id,
            name: if r.name.is_empty() {
                r.id.clone()
            } else {
                r.name.clone()
            },
            role: r.role,
            power: r.power,
            waterfall: r.waterfall,
            ability: r.trust.ability,
            benevolence: r.trust.benevolence,
            integrity: r.trust.integrity,
            anxiety: r.anxiety,
            alignment: r.alignment,
            goals: r.goals.clone(),
            demand_kinds: r.demands.clone(),
            meetings: Vec::new(),
            missed: Vec::new(),
            declined: Vec::new(),
            watermelons: Vec::new(),
            broken_promises: Vec::new(),
            transparency: Vec::new(),
            forecast_hits: 0.0,
            escalated_until: 0,
            last_crunch_pc: None,
            pulses: Vec::new(),
            a0: r.trust.ability,
            b0: r.trust.benevolence,
            i0: r.trust.integrity,
            anxiety0: 0.0,
            ability_ledger: Contribs::default(),
            benevolence_ledger: Contribs::default(),
            integrity_ledger: Contribs::default(),
        };
        let e = world.spawn((Name::new(st.name.clone()), st)).id();
        index.stakeholders.insert(id, e);
    }

    for (k, r) in sc.raw.products.iter().enumerate() {
        let id = ProductId(k as u32);
        let churn = r.monthly_churn.unwrap_or_else(|| segment_churn(r.segment));
        let pr = Product {
            id,
            name: if r.name.is_empty() {
                r.id.clone()
            } else {
                r.name.clone()
            },
            segment: r.segment,
            users: r.users,
            signups_base: r.signups_base,
            activation: r.activation,
            a_base: r.activation,
            monthly_churn: churn,
            c_base: churn,
            paying_share: r.paying_share,
            arpu_month: r.arpu_month,
            value_fit: r.value_fit,
            vf0: r.value_fit,
            reliability: r.reliability,
            nps: 0.0,
            pmf: 0.0,
            escaped_stock: 0.0,
            incidents: Default::default(),
            revenue_w: 0.0,
            revenue0: 0.0,
            vf_effect_prev: 0.0,
            vf_ledger: Contribs::default(),
            dashboard: Dashboard::default(),
            cohorts: Default::default(),
            shocks: 0.0,
        };
        let e = world.spawn((Name::new(pr.name.clone()), pr)).id();
        index.products.insert(id, e);
    }

    let b = &sc.raw.budget;
    let running: f64 = sc.initiatives.iter().map(|i| i.raw.weekly_cost).sum();
    let quarter = if b.quarter_total > 0.0 {
        b.quarter_total
    } else {
        f64::from(p.quarter_weeks) * (salaries + running)
    };
    let quarters = f64::from(sc.raw.weeks.div_ceil(p.quarter_weeks.max(1)).max(1));
    let org = Org {
        next_person: sc.people.len() as u32,
        next_initiative: sc.initiatives.len() as u32,
        ..Default::default()
    };
    let objectives = Objectives(
        sc.objectives
            .iter()
            .map(|o| ObjectiveState {
                metric: o.metric,
                product: o.product,
                baseline: o.baseline.unwrap_or(f64::NAN),
                target: o.target,
                weight: o.weight,
                value: 0.0,
            })
            .collect(),
    );
    let ap = sc.raw.leader.ap_per_week.unwrap_or(p.ap_per_week);
    let ls = sc.raw.leader.skills;
    world.insert_resource(Leader {
        ap_per_week: ap,
        ap_left: ap,
        overdraft_debt: 0.0,
        political_capital: sc.raw.leader.political_capital,
        exhaustion: 20.0,
        skills: [ls.soft, ls.team_dev, ls.domain, ls.craft],
        forecast_week: None,
    });
    world.insert_resource(Budget {
        quarter_total: quarter,
        next_quarter_total: quarter,
        allowance_to_date: 0.0,
        last_quarter_spent: 0.0,
        last_quarter_allowance: 0.0,
        quarter_spent: 0.0,
        total_spent: 0.0,
        total_budget: quarter * quarters,
        tooling_weekly: 0.0,
        freeze: false,
        revenue_plan_week: b.revenue_plan_week,
        cut_fraction: 0.0,
    });
    world.insert_resource(Market {
        heat: sc.raw.market.heat,
        shock_rate: sc.raw.market.shock_rate,
    });
    world.insert_resource(Clock {
        week: 0,
        weeks: sc.raw.weeks,
        epilogue: false,
    });
    world.insert_resource(SimParams(p));
    world.insert_resource(RunInfo {
        seed,
        scenario_id: sc.raw.id.clone(),
        scenario_hash: sc.content_hash,
    });
    world.insert_resource(org);
    world.insert_resource(DelayedEffects::default());
    world.insert_resource(WeekLog::default());
    world.insert_resource(index);
    world.insert_resource(Roster::default());
    world.insert_resource(FormerNames::default());
    world.insert_resource(DemandVoices(
        sc.raw
            .stakeholders
            .iter()
            .enumerate()
            .flat_map(|(k, r)| {
                r.says
                    .iter()
                    .map(move |(kind, text)| ((StakeholderId(k as u32), *kind), text.clone()))
            })
            .collect(),
    ));
    world.insert_resource(objectives);
    world.insert_resource(Revealed::default());
    world.insert_resource(ActionQueue::default());
    world.insert_resource(ScriptedEvents(sc.events.clone()));
    // Week 0: derive every value, record starting terms and the week-0 scores.
    world.run_schedule(super::Turn);
}
