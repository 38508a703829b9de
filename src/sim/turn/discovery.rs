//! Discovery: experiments that update the belief in an initiative, and the kills they lead to.

use super::*;

/// Runs one experiment on an idea: a keyed signal draw and a Bayes update (§4.7).
pub fn run_experiment(world: &mut World, id: InitiativeId, w: u32, salt: u32) {
    // The three thresholds this needs, not a copy of every parameter per experiment.
    let (kill_threshold, discovery_confident, max_experiments) = {
        let p = &world.resource::<SimParams>().0;
        (p.kill_threshold, p.discovery_confident, p.max_experiments)
    };
    let seed = seed(world);
    let Some(ie) = world.resource::<Index>().initiatives.get(&id).copied() else {
        return;
    };
    let Some((team, hit, experiments_run)) = world
        .get::<Initiative>(ie)
        .map(|it| (it.team, it.hit, it.experiments_run))
    else {
        return;
    };
    let qd = lookup::get::<Team>(world, team).map_or(0.4, discovery_quality_of);
    let (p_hit, p_miss) = eq::signal_probabilities(qd);
    let pos = Stream::new(
        seed,
        Purpose::ExperimentSignal,
        u64::from(id.0),
        w,
        salt + experiments_run,
    )
    .bernoulli(if hit { p_hit } else { p_miss });
    let Some(mut it) = world.get_mut::<Initiative>(ie) else {
        return;
    };
    it.belief = eq::bayes_update(it.belief, pos, qd);
    it.experiments_run += 1;
    if it.state == InitiativeState::Backlog {
        it.state = InitiativeState::Discovery;
    }
    let killed = it.belief < kill_threshold && !it.fixed_scope;
    let ready = it.belief >= discovery_confident || it.experiments_run >= max_experiments;
    if killed {
        it.state = InitiativeState::Killed;
    } else if ready {
        it.state = InitiativeState::Backlog;
    }
    let name = it.name.clone();
    let belief = it.belief;
    let team = it.team;
    if killed {
        let about = vec![Subject::Initiative(it.id), Subject::Team(it.team)];
        let text = format!(
            "Experiments stopped \"{name}\": the evidence says it is {} to pay off, and {} is \
             free for other work",
            crate::sim::describe::chance_words(belief),
            crate::sim::describe::name_of::<Team>(world, team)
        );
        world
            .resource_mut::<WeekLog>()
            .record(w, "discovery", Happened::Killed, about, text);
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

pub(crate) fn it_team(world: &World, ie: Entity) -> TeamId {
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

/// A name for the idea with id `next` that a team's discovery came up with, not the name of any
/// initiative in the game (`model::naming`; every idea used to be "Team idea #N").
fn idea_name(world: &World, next: u32) -> String {
    let taken: std::collections::BTreeSet<&str> = world
        .resource::<Index>()
        .initiatives
        .values()
        .filter_map(|e| world.get::<Initiative>(*e))
        .map(|i| i.name.as_str())
        .collect();
    crate::model::naming::pick(crate::model::naming::IDEA_NAMES, next, &|n| {
        taken.contains(n)
    })
}

/// Discovery capacity runs experiments and produces new ideas (§17.2).
pub fn discovery(world: &mut World) {
    let w = week(world);
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
        // What this loop reads of the team; experiments below do not change it.
        let discovery_share = t.discovery_share;
        let quality = discovery_quality_of(&t);
        for &ie in items.get(&tid).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(it) = world.get::<Initiative>(ie) else {
                continue;
            };
            if !(it.state == InitiativeState::Discovery
                && needs_discovery_at(it, discovery_share, &p))
            {
                continue;
            }
            let id = it.id;
            while budget >= p.experiment_cost {
                let still = world.get::<Initiative>(ie).is_some_and(|it| {
                    it.state == InitiativeState::Discovery
                        && needs_discovery_at(it, discovery_share, &p)
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
        if discovery_share > 0.0
            && open_ideas < p.max_open_ideas as usize
            && t.discovery_progress >= p.points_per_idea * 0.5
        {
            t.discovery_progress -= p.points_per_idea * 0.5;
            new_ideas = 1;
        }
        for _ in 0..new_ideas {
            let informed = quality >= p.informed_discovery_quality;
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
                name: idea_name(world, next),
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
                fit_at_ship: 1.0,
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
                credited: false,
                forecast: None,
            };
            let announced = format!(
                "{} came up with a new idea to explore, \"{}\": experiments will show whether \
                 it is worth building",
                crate::sim::describe::name_of::<Team>(world, tid),
                it.name
            );
            let e = world.spawn((Name::new(it.name.clone()), it)).id();
            world
                .resource_mut::<Index>()
                .initiatives
                .insert(InitiativeId(next), e);
            world
                .resource_mut::<WeekLog>()
                .push(w, "discovery", announced);
        }
    }
}
