//! Dependencies: requests between teams, the provider queues and the weeks items wait.

use super::*;

/// Service lanes: requests enter the provider's FIFO lane and wait there (§8, §17.4).
#[expect(
    clippy::too_many_arguments,
    reason = "a system names every resource it touches"
)]
pub fn dependencies(
    clock: Res<Clock>,
    params: Res<SimParams>,
    run: Res<RunInfo>,
    index: Res<Index>,
    mut org: ResMut<Org>,
    mut teams: Query<&mut Team>,
    mut initiatives: Query<&mut Initiative>,
    mut dependencies: Query<&mut Dependency>,
) {
    let w = clock.week;
    let p = &params.0;
    let seed = run.seed;
    let t0 = f64::from(w - 1);
    let t1 = f64::from(w);
    let team_ents = &index.teams;
    // New requests: delivery-ready items with unrequested dependencies.
    for (&did, &de) in &index.dependencies {
        let Some(d) = dependencies.get(de).ok().cloned() else {
            continue;
        };
        if d.requested_week.is_some() || d.done_at.is_some() {
            continue;
        }
        let ready = index
            .initiatives
            .get(&d.initiative)
            .and_then(|e| initiatives.get(*e).ok())
            .is_some_and(|it| matches!(it.state, InitiativeState::Blocked));
        if !ready {
            continue;
        }
        let rel = org.relation(d.consumer, d.provider);
        let Some(mp) = team_ents
            .get(&d.provider)
            .and_then(|e| teams.get(*e).ok())
            .map(|t| t.platform_maturity)
        else {
            continue;
        };
        let mut work = d.work * (1.0 - p.platform_effect * mp);
        if rel.mode == InteractionMode::Facilitating && w >= rel.mode_since + p.facilitating_weeks {
            work *= p.facilitating_work_cut;
        }
        let handoff = eq::handoff(2.0, rel.congruence, d.distributed, p);
        let mut s = Stream::new(seed, Purpose::DependencyJitter, u64::from(did.0), 0, 0);
        let sigma = if rel.mode == InteractionMode::XaaS {
            p.dependency_jitter * p.xaas_jitter_share
        } else {
            p.dependency_jitter
        };
        let jitter = s.lognormal(0.0, sigma);
        let arrival = t0 + s.uniform();
        let w_eff = work * handoff * jitter;
        if let Ok(mut dm) = dependencies.get_mut(de) {
            dm.requested_week = Some(w);
            dm.requested_at = arrival;
            dm.remaining = w_eff;
        }
        if rel.mode != InteractionMode::Collaboration
            && let Some(mut t) = team_ents
                .get(&d.provider)
                .and_then(|e| teams.get_mut(*e).ok())
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
    // Collaboration-mode dependencies: no queue, joint capacity T = w/(s_B·C_B + 0.25·C_A).
    // Pairing is synchronous: it draws the provider's service capacity first, and the
    // provider's lane serves every other consumer with what is left (before model version 7
    // each collaboration got the provider's whole service capacity on top of the lane).
    let mut completed: Vec<(DependencyId, f64)> = Vec::new();
    for &de in index.dependencies.values() {
        let Some(d) = dependencies.get(de).ok().cloned() else {
            continue;
        };
        if d.requested_week.is_none() || d.done_at.is_some() {
            continue;
        }
        let rel = org.relation(d.consumer, d.provider);
        if rel.mode != InteractionMode::Collaboration {
            continue;
        }
        let cb = team_ents
            .get(&d.provider)
            .and_then(|e| teams.get(*e).ok())
            .map_or(0.0, |t| t.service_capacity);
        let ca = team_ents
            .get(&d.consumer)
            .and_then(|e| teams.get(*e).ok())
            .map_or(0.0, |t| t.capacity);
        // The consumer's people work in the provider's code at `collab_consumer_efficiency`
        // (they do not know it): the capacity they spend is `from_consumer`, the work it does
        // is that times the efficiency.
        let need = d.remaining.max(0.0);
        let eff = p.collab_consumer_efficiency.clamp(0.01, 1.0);
        let from_consumer = (p.collab_consumer_share * ca).min(need / eff);
        let from_provider = cb.min(need - from_consumer * eff);
        if let Some(mut t) = team_ents
            .get(&d.consumer)
            .and_then(|e| teams.get_mut(*e).ok())
        {
            t.delivery_capacity = (t.delivery_capacity - from_consumer).max(0.0);
        }
        if let Some(mut t) = team_ents
            .get(&d.provider)
            .and_then(|e| teams.get_mut(*e).ok())
        {
            t.service_capacity = (t.service_capacity - from_provider).max(0.0);
        }
        if let Ok(mut dm) = dependencies.get_mut(de) {
            dm.remaining -= from_consumer * eff + from_provider;
            if dm.remaining <= 1e-9 {
                completed.push((dm.id, t1));
            }
        }
    }
    // Serve lanes.
    let rel_by_team = relations_by_team(&org.relations);
    for (tid, te) in team_ents.iter().map(|(k, v)| (*k, *v)) {
        let Ok(mut t) = teams.get_mut(te) else {
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
        // Consumers swarming on their blockers lend the lane capacity (last week's idle).
        let help = std::mem::take(&mut t.swarm_help) * p.swarm_efficiency;
        let rate = t.service_capacity * (0.5 + 0.5 * alpha) + help;
        let served = t.lane.serve(t0, t1, rate);
        let unused = (t.service_capacity - served.used).max(0.0);
        // Unused service capacity returns to delivery (§17.1).
        t.delivery_capacity += unused;
        t.lane_inflow *= p.carry_lane_inflow;
        t.utilisation = if rate > 0.0 {
            (t.lane_inflow / rate).min(0.99)
        } else {
            0.0
        };
        for (rid, at) in served.completed {
            completed.push((DependencyId(rid as u32), at));
        }
    }
    for (id, at) in completed {
        if let Some(e) = index.dependencies.get(&id).copied()
            && let Ok(mut d) = dependencies.get_mut(e)
        {
            d.done_at = Some(at);
            d.remaining = 0.0;
        }
    }
    // Unblock items whose dependencies are all done; count blocked weeks and cost of delay.
    let deps_done: BTreeMap<DependencyId, bool> = index
        .dependencies
        .iter()
        .filter_map(|(id, e)| {
            dependencies
                .get(*e)
                .ok()
                .map(|d| (*id, d.done_at.is_some()))
        })
        .collect();
    let mut cod = 0.0;
    for &ie in index.initiatives.values() {
        let Ok(mut it) = initiatives.get_mut(ie) else {
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
    org.cost_of_delay_lost += cod;
    // Kingman estimate (displayed) for open dependencies.
    for &de in index.dependencies.values() {
        let Some(d) = dependencies.get(de).ok().cloned() else {
            continue;
        };
        if d.done_at.is_some() {
            continue;
        }
        let rel = org.relation(d.consumer, d.provider);
        let Some(t) = team_ents.get(&d.provider).and_then(|e| teams.get(*e).ok()) else {
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
            eq::handoff(2.0, rel.congruence, d.distributed, p),
        );
        if let Ok(mut dm) = dependencies.get_mut(de) {
            dm.eta_estimate = est;
            if dm.requested_week.is_some() {
                dm.blocked_weeks += 1;
            }
        }
    }
}
