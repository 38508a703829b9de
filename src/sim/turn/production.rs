//! Production and quality: work done, errors and rework, shipping, missed dates and watermelon reveals.

use super::*;

/// Re-plans an item honestly from today (after a demo or a disclosure).
pub fn rebaseline(it: &mut Initiative, w: u32, weekly: f64) {
    it.plan_base = it.true_frac();
    it.perceived = it.true_frac();
    it.planned_start = w;
    it.planned_weeks = (it.remaining() / weekly.max(0.3)).max(1.0);
}

/// Delivery progress, errors, rework discovery, tech debt, shipping and perceived progress (§4.6).
#[expect(
    clippy::too_many_arguments,
    reason = "a system names every resource it touches"
)]
pub fn production(
    clock: Res<Clock>,
    params: Res<SimParams>,
    index: Res<Index>,
    roster: Res<Roster>,
    mut org: ResMut<Org>,
    mut log: ResMut<WeekLog>,
    mut teams: Query<&mut Team>,
    people: Query<&Person>,
    mut initiatives: Query<&mut Initiative>,
    mut stakeholders: Query<&mut Stakeholder>,
    mut products: Query<&mut Product>,
    dependencies: Query<&Dependency>,
) {
    let w = clock.week;
    let p = &params.0;
    // Capacity lent to providers' lanes by teams swarming on what blocks them (next week).
    let mut swarm_to: Vec<(TeamId, f64)> = Vec::new();
    let members = roster_members(&roster, &index, |e| people.get(e).ok().map(|x| x.team));
    let items = items_by_team(&index, |e| initiatives.get(e).ok().and_then(open_slot));
    let mut total_progress = 0.0;
    let mut shipped: Vec<(InitiativeId, ProductId, f64, TeamId)> = Vec::new();
    let mut missed: Vec<(InitiativeId, Option<crate::model::StakeholderId>, TeamId)> = Vec::new();
    // Forecasts that came true (shipped by the 85 % week) or broke (that week passed).
    let mut forecasts: Vec<(
        InitiativeId,
        Option<crate::model::StakeholderId>,
        TeamId,
        bool,
    )> = Vec::new();
    let mut reveals: Vec<(InitiativeId, Option<crate::model::StakeholderId>, TeamId)> = Vec::new();
    for (&tid, &te) in &index.teams {
        let Ok(team) = teams.get(te) else {
            continue;
        };
        let fit = eq::skill_effect(team.product_domain, p.domain_fit_gain);
        let ppl: Vec<(f64, f64)> = members
            .get(&tid)
            .map(|v| {
                v.iter()
                    .filter_map(|e| people.get(*e).ok())
                    .map(|x| (x.exhaustion, x.assimilation))
                    .collect()
            })
            .unwrap_or_default();
        let n = ppl.len().max(1) as f64;
        let mean_x = ppl.iter().map(|x| x.0).sum::<f64>() / n;
        let unassim = ppl.iter().filter(|x| x.1 < p.new_hire_assimilation).count() as f64 / n;
        let sp = team.schedule_pressure;
        let v_d = eq::debt_velocity(team.debt, p);
        let g = eq::pressure_boost(sp, team.weeks_under_pressure, p);
        let honesty = team.honesty;
        let mut budget = if w == 0 {
            0.0
        } else {
            team.delivery_capacity * v_d * g
        };
        let eps = eq::error_fraction(sp, mean_x, unassim, team.debt, team.quality, p);
        let delta = eq::detection_rate(team.quality, team.psych_safety, honesty, p);
        // Walk the items: activate, distribute progress, detect rework.
        let mut used = 0.0;
        let mut paydown_items = 0.0;
        let mut detected = 0.0;
        let mut active_ents = Vec::new();
        let mut active_count = 0u32;
        // Work in progress the WIP limit counts: items in delivery and started items blocked on
        // a dependency (Kanban: blocked work holds its slot, so a limit stops a team from
        // starting more work, and raising more requests, while it waits; the team swarms on
        // the blocker instead, below).
        let mut in_progress = items
            .get(&tid)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|e| initiatives.get(*e).ok())
            .filter(|i| {
                matches!(
                    i.state,
                    InitiativeState::Delivery | InitiativeState::Blocked
                )
            })
            .count() as u32;
        // Ready work the limit held back this week: the team cannot start more, so it swarms.
        let mut held_back = false;
        for &ie in items.get(&tid).map(Vec::as_slice).unwrap_or(&[]) {
            let Ok(mut it) = initiatives.get_mut(ie) else {
                continue;
            };
            if needs_discovery(&it, team, p) {
                if it.state == InitiativeState::Backlog {
                    it.state = InitiativeState::Discovery;
                }
                continue;
            }
            if matches!(
                it.state,
                InitiativeState::Backlog | InitiativeState::Discovery
            ) && in_progress >= team.wip_limit
            {
                held_back = true;
            }
            if matches!(
                it.state,
                InitiativeState::Backlog | InitiativeState::Discovery
            ) && in_progress < team.wip_limit
                && w > 0
            {
                in_progress += 1;
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
        for _round in 0..3 {
            if budget <= 1e-9 || active_ents.is_empty() {
                break;
            }
            let weights: Vec<f64> = active_ents
                .iter()
                .map(|e| {
                    initiatives.get(*e).map_or(0.0, |it| {
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
                let Ok(mut it) = initiatives.get_mut(*ie) else {
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
        }
        total_progress += used;
        // Idle delivery capacity goes to debt paydown (§8.2).
        let idle = if w == 0 || team.delivery_capacity <= 0.0 {
            0.0
        } else {
            budget / (v_d * g).max(0.1)
        };
        // A team whose WIP limit holds ready work back while its started work is blocked swarms
        // on its blockers: a share of its idle capacity goes to the lanes of the teams it waits
        // for, split evenly. (A team with nothing else to start simply waits, as before.)
        let mut blockers: Vec<TeamId> = items
            .get(&tid)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|e| initiatives.get(*e).ok())
            .filter(|i| i.state == InitiativeState::Blocked)
            .flat_map(|i| i.deps.iter())
            .filter_map(|d| {
                index
                    .dependencies
                    .get(d)
                    .and_then(|e| dependencies.get(*e).ok())
            })
            .filter(|d| d.done_at.is_none() && d.provider != tid)
            .map(|d| d.provider)
            .collect();
        blockers.sort();
        blockers.dedup();
        let swarmed = if w > 0 && held_back && idle > 0.0 && !blockers.is_empty() {
            idle * p.swarm_share
        } else {
            0.0
        };
        for b in &blockers {
            swarm_to.push((*b, swarmed / blockers.len() as f64));
        }
        let idle = idle - swarmed;
        // Ship, miss, perceive.
        for &ie in items.get(&tid).map(Vec::as_slice).unwrap_or(&[]) {
            let Ok(mut it) = initiatives.get_mut(ie) else {
                continue;
            };
            if w > 0 && it.state == InitiativeState::Delivery && it.remaining() <= 1e-9 {
                it.state = InitiativeState::Shipped;
                it.ship_week = Some(w);
                it.escaped += it.hidden_rework;
                it.hidden_rework = 0.0;
                it.quality_at_ship = 1.0 - (p.ship_quality_per_escaped * it.escaped).min(0.8);
                it.fit_at_ship = fit;
                it.late_at_ship = eq::lateness_factor(
                    f64::from(w),
                    it.market_window.map(f64::from),
                    p.late_decay_weeks,
                );
                if let Some(f) = it.forecast
                    && !f.broken
                    && w <= f.p85
                {
                    forecasts.push((it.id, it.sponsor, tid, true));
                }
                shipped.push((it.id, it.product, it.escaped, tid));
                continue;
            }
            let open = it.is_open();
            if let Some(f) = it.forecast.as_mut()
                && !f.broken
                && w > f.p85
                && open
            {
                f.broken = true;
                let (id, sponsor) = (it.id, it.sponsor);
                forecasts.push((id, sponsor, tid, false));
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
                if !it.revealed
                    && (tf >= p.truth_surfaces_at || (missed_now && gap >= p.watermelon_gap))
                {
                    it.revealed = true;
                    it.perceived = tf;
                    if gap >= p.watermelon_gap && !it.disclosed {
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
            eq::debt_change(shortcut, used, debt_pts, team.codebase, p)
        };
        let Ok(mut t) = teams.get_mut(te) else {
            continue;
        };
        if w > 0 {
            let shortcut_part =
                100.0 * p.debt_shortcut_gain * shortcut * used / t.codebase.max(50.0);
            let pay_part = -100.0 * p.debt_paydown_gain * debt_pts / t.codebase.max(50.0);
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
        }
        t.detected_total += detected;
        t.good_output_total += used * (1.0 - eps);
        t.idle_capacity = idle;
        t.mean_exhaustion = mean_x;
    }
    for (provider, help) in swarm_to {
        if let Some(mut t) = index
            .teams
            .get(&provider)
            .and_then(|e| teams.get_mut(*e).ok())
        {
            t.swarm_help += help;
        }
    }
    if w == 0 {
        return;
    }
    org.throughput.push_back(total_progress);
    while org.throughput.len() > 26 {
        org.throughput.pop_front();
    }
    let initiative = |id: InitiativeId| {
        index
            .initiatives
            .get(&id)
            .and_then(|e| initiatives.get(*e).ok())
    };
    let name_of = |id: InitiativeId| initiative(id).map(|i| i.name.clone()).unwrap_or_default();
    for (id, product, escaped, tid) in shipped {
        if let Some(mut pr) = index
            .products
            .get(&product)
            .and_then(|e| products.get_mut(*e).ok())
        {
            pr.escaped_stock += escaped;
        }
        let kind = initiative(id).map(|i| i.kind);
        if let Some(mut t) = index.teams.get(&tid).and_then(|e| teams.get_mut(*e).ok()) {
            t.escaped_total += escaped;
            t.shipped_points += 1.0;
            // A shipped platform capability makes the platform more self-service (§8.3 XaaS).
            if kind == Some(InitiativeKind::PlatformCapability) {
                t.platform_maturity = (t.platform_maturity + p.platform_capability_gain).min(1.0);
            }
        }
        let name = name_of(id);
        org.shipped.push(id);
        log.record(
            w,
            "shipped",
            Happened::Shipped,
            vec![Subject::Initiative(id), Subject::Team(tid)],
            format!("Shipped \"{name}\""),
        );
    }
    for (id, sponsor, tid) in missed {
        if let Some(mut t) = index.teams.get(&tid).and_then(|e| teams.get_mut(*e).ok()) {
            t.failures_recent += 1.0;
            t.broken_promises.push(w);
        }
        for se in index.stakeholders.values() {
            if let Ok(mut s) = stakeholders.get_mut(*se)
                && sponsor.is_none_or(|x| x == s.id)
            {
                s.missed.push(w);
                s.broken_promises.push(w);
                s.waterfall = (s.waterfall + p.waterfall_per_failure).min(1.0);
            }
        }
        let name = name_of(id);
        log.record(
            w,
            "missed",
            Happened::MissedDate,
            vec![Subject::Initiative(id), Subject::Team(tid)],
            format!("Missed the committed date for \"{name}\""),
        );
    }
    for (id, sponsor, _tid, kept) in forecasts {
        for se in index.stakeholders.values() {
            if let Ok(mut s) = stakeholders.get_mut(*se)
                && sponsor.is_none_or(|x| x == s.id)
            {
                s.forecast_hits = if kept {
                    s.forecast_hits + 1.0
                } else {
                    (s.forecast_hits - 1.0).max(0.0)
                };
            }
        }
        let name = name_of(id);
        log.record(
            w,
            "forecast",
            Happened::Forecast,
            vec![Subject::Initiative(id)],
            if kept {
                format!(
                    "\"{name}\" shipped within its forecast: stakeholders trust your dates more"
                )
            } else {
                format!(
                    "\"{name}\" missed its forecast (85 % week passed): your dates count for less"
                )
            },
        );
    }
    for (id, sponsor, tid) in reveals {
        if let Some(mut t) = index.teams.get(&tid).and_then(|e| teams.get_mut(*e).ok()) {
            t.failures_recent += 1.0;
        }
        for se in index.stakeholders.values() {
            if let Ok(mut s) = stakeholders.get_mut(*se)
                && (sponsor.is_none_or(|x| x == s.id) || s.power >= 0.8)
            {
                s.watermelons.push(w);
                s.waterfall = (s.waterfall + p.waterfall_per_failure).min(1.0);
            }
        }
        let name = name_of(id);
        log.record(
            w,
            "watermelon",
            Happened::Watermelon,
            vec![Subject::Initiative(id), Subject::Team(tid)],
            format!("Watermelon reveal: \"{name}\" was green outside, red inside"),
        );
    }
}
