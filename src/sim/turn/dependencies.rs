//! Dependencies: requests between teams, the provider queues and the weeks items wait.

use super::*;

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
