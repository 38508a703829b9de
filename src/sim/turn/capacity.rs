//! Capacity: each team's effective points this week after overhead, switching, status work and time away.

use super::*;

/// Per-person raw capacity and team capacity with all overheads (§4.4, §17.1–§17.2).
pub fn capacity(
    clock: Res<Clock>,
    params: Res<SimParams>,
    index: Res<Index>,
    roster: Res<Roster>,
    org: Res<Org>,
    mut teams: Query<&mut Team>,
    mut people: Query<&mut Person>,
    initiatives: Query<&Initiative>,
) {
    let w = clock.week;
    let p = &params.0;
    let members = roster_members(&roster, &index, |e| people.get(e).ok().map(|x| x.team));
    let items = items_by_team(&index, |e| initiatives.get(e).ok().and_then(open_slot));
    let reqs: BTreeMap<TeamId, f64> =
        org.requisitions
            .iter()
            .filter(|r| !r.contractor)
            .fold(BTreeMap::new(), |mut m, r| {
                *m.entry(r.team).or_insert(0.0) += 1.0;
                m
            });
    let rel_by_team = relations_by_team(&org.relations);
    let mentors: std::collections::BTreeSet<PersonId> = index
        .people
        .values()
        .filter_map(|e| people.get(*e).ok().and_then(|x| x.mentor))
        .collect();
    for (&tid, &te) in &index.teams {
        // People.
        let mut raws: Vec<(f64, f64)> = Vec::new(); // (delivery raw, raw at 40 h)
        let mut train_fte = 0.0;
        let mut assimilated_raw = Vec::new();
        let (mut domain, mut ux, mut heads) = (0.0, 0.0, 0.0);
        let (mut soft_all, mut soft_leads, mut leads) = (0.0, 0.0, 0.0);
        let mut td_em = None::<f64>;
        let (mut domain_product, mut product_people) = (0.0, 0.0);
        for &pe in members.get(&tid).map(Vec::as_slice).unwrap_or(&[]) {
            let Ok(mut x) = people.get_mut(pe) else {
                continue;
            };
            domain += x.skills[Pillar::Domain as usize];
            ux += if x.role == Role::Designer {
                x.skills[Pillar::Craft as usize]
            } else {
                x.skills[Pillar::Domain as usize] * 0.8
            };
            heads += 1.0;
            let (soft, td) = (
                x.skills[Pillar::Soft as usize],
                x.skills[Pillar::TeamDev as usize],
            );
            soft_all += soft;
            if matches!(x.role, Role::Pm | Role::Analyst | Role::Designer) {
                domain_product += x.skills[Pillar::Domain as usize];
                product_people += 1.0;
            }
            if matches!(x.role, Role::Pm | Role::Em) {
                soft_leads += soft;
                leads += 1.0;
            }
            if x.role == Role::Em {
                td_em = Some(td_em.map_or(td, |m: f64| m.max(td)));
            }
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
            let mut raw = eq::person_raw(&c, p);
            if mentors.contains(&x.id) {
                raw *= p.mentor_capacity;
            }
            c.hours = 40.0;
            let nominal = eq::person_raw(&c, p);
            x.raw = raw;
            let wgt = role_weight(x.role);
            raws.push((raw * wgt, nominal * wgt));
            if x.assimilation < x.a_max - 0.05 && x.tenure_w < 52.0 {
                train_fte += eq::training_load(x.assimilation, x.a_max, p.assimilation_a0, p);
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
        let Ok(team) = teams.get(te) else {
            continue;
        };
        let mut slots = 0u32;
        let mut active = 0usize;
        let mut blocked = 0usize;
        let mut started_blocked = 0usize;
        let mut imposed_active = 0.0;
        let mut all_active = 0.0;
        for &ie in items.get(&tid).map(Vec::as_slice).unwrap_or(&[]) {
            let Ok(it) = initiatives.get(ie) else {
                continue;
            };
            if needs_discovery(it, team, p) {
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
        let mut sorted = raws;
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
        let comm = eq::comm_overhead(n as f64, p);
        let switch = eq::switch_overhead(k, n, p);
        let status = team
            .status_obligations
            .iter()
            .sum::<f64>()
            .min(p.status_cap);
        let collabs: Vec<&&Relation> = rel_by_team.get(&tid).map_or(Vec::new(), |v| {
            v.iter()
                .filter(|r| r.mode == InteractionMode::Collaboration)
                .collect()
        });
        let collab_rel = collabs.len() as f64;
        let leads_soft = if leads > 0.0 {
            soft_leads / leads
        } else if heads > 0.0 {
            soft_all / heads
        } else {
            50.0
        };
        // Working closely with another team costs less when the people who speak for the team
        // collaborate well (soft skill).
        let collab = collabs
            .iter()
            .map(|r| eq::collaboration_cost(f64::from(w.saturating_sub(r.mode_since)), p))
            .sum::<f64>()
            .min(p.collab_cap)
            * eq::skill_effect(leads_soft, -p.soft_collaboration_gain);
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
        let ops = eq::ops_share(team.debt, team.incident_load, p);
        let avail = net * (1.0 - ops);
        let avail_nominal = net_nominal * (1.0 - ops);
        let headcount = members.get(&tid).map_or(0, Vec::len) as f64;
        let cl = eq::cognitive_load(
            &eq::LoadSources {
                obligations: team.status_obligations.len() as f64,
                waiting_requests: team.lane.len() as f64,
                collaborations: collab_rel,
                headcount,
                open_items: items.get(&tid).map_or(0.0, |v| v.len() as f64),
            },
            p,
        );
        let Ok(mut t) = teams.get_mut(te) else {
            continue;
        };
        t.modifiers.retain(|m| m.until_week >= w);
        t.headcount = headcount;
        t.mean_domain = if heads > 0.0 { domain / heads } else { 0.0 };
        t.mean_ux = if heads > 0.0 { ux / heads } else { 0.0 };
        t.leads_soft = leads_soft;
        // Coaching is an EM's job: a team without one has an average coach (50), whoever
        // steps in, and so the plain assimilation time constant (A17 is measured there).
        t.coach_td = td_em.unwrap_or(50.0);
        t.product_domain = if product_people > 0.0 {
            domain_product / product_people
        } else if heads > 0.0 {
            domain / heads
        } else {
            50.0
        };
        t.capacity = avail;
        let shares = (t.discovery_share + t.debt_share + t.service_share).min(0.9);
        t.discovery_capacity = t.discovery_share * avail;
        t.debt_capacity = t.debt_share * avail;
        t.service_capacity = t.service_share * avail;
        t.delivery_capacity = (1.0 - shares) * avail;
        t.nominal_delivery = (1.0 - t.discovery_share - t.debt_share - t.service_share).max(0.1)
            * avail_nominal
            * eq::debt_velocity(t.debt, p);
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
