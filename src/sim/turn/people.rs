//! People: skills, exhaustion, trust, psychological safety, engagement and the resignation hazard.

use super::*;

pub(crate) fn window_sum(events: &[(u32, f64)], w: u32, window: u32) -> f64 {
    events
        .iter()
        .filter(|(x, _)| w.saturating_sub(*x) < window)
        .map(|(_, v)| v)
        .sum()
}

/// Skills, exhaustion and trust in the leader per person (§4.9, §17.2 order: Skills → X → TL).
pub fn people_skills_exhaustion_trust(
    clock: Res<Clock>,
    params: Res<SimParams>,
    index: Res<Index>,
    mut people: Query<(&mut Person, &mut PersonDrivers)>,
    temperaments: Query<&Temperament>,
    teams: Query<&Team>,
    org: Res<Org>,
) {
    let w = clock.week;
    let p = &params.0;
    let init = w == 0;
    // Teams in a facilitation still running: their people learn (one teaches, one learns).
    let facilitated: std::collections::BTreeSet<TeamId> = org
        .relations
        .iter()
        .filter(|(_, r)| {
            r.mode == InteractionMode::Facilitating && w < r.mode_since + p.facilitating_weeks
        })
        .flat_map(|((a, b), _)| [*a, *b])
        .collect();
    let skills_by_id: BTreeMap<PersonId, f64> = index
        .people
        .iter()
        .filter_map(|(id, e)| {
            people
                .get(*e)
                .ok()
                .map(|(x, _)| (*id, x.skills[Pillar::Craft as usize]))
        })
        .collect();
    let teams = team_views(&index, &teams, w);
    for e in index.people.values() {
        let Ok((mut x, mut dr)) = people.get_mut(*e) else {
            continue;
        };
        let team = teams.get(&x.team);
        // Skills: learning by doing plus vesting of pending growth.
        if !init {
            let uses = use_shares(x.role);
            let mentor_boost = x.mentor.and_then(|m| skills_by_id.get(&m).copied());
            if facilitated.contains(&x.team) {
                let k = Pillar::Craft as usize;
                x.pending[k] += p.facilitating_growth * (1.0 - x.skills[k] / 100.0);
            }
            // Coaching: the team's coach grows the others in the pillar their work uses most
            // (team-development skill; the coach is the one whose skill sets the team's).
            if let Some(t) = team {
                let td = x.skills[Pillar::TeamDev as usize];
                if td != t.coach_td {
                    let k = (0..4).fold(0, |b, k| if uses[k] > uses[b] { k } else { b });
                    x.pending[k] +=
                        eq::coaching_growth(t.coach_td, p) * (1.0 - x.skills[k] / 100.0);
                }
            }
            let mut vested = 0.0;
            #[expect(
                clippy::needless_range_loop,
                reason = "k indexes four parallel pillar arrays"
            )]
            for k in 0..4 {
                if let Some(mc) = mentor_boost
                    && (k == Pillar::Craft as usize || k == Pillar::Domain as usize)
                {
                    x.pending[k] +=
                        p.mentor_skill_transfer * (mc / 100.0) * (1.0 - x.skills[k] / 100.0);
                }
                let v = x.pending[k] / p.vest_tau
                    * if mentor_boost.is_some() {
                        p.mentor_vest_speedup
                    } else {
                        1.0
                    };
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
            dr.growth_accum += vested;
            if dr.growth_accum >= p.growth_event_points {
                dr.growth_accum = 0.0;
                x.weeks_since_growth = 0.0;
            }
        }
        // Exhaustion with its ledger: increments by driver; recovery shrinks all lines in proportion.
        let cl = team.map_or(1.0, |t| t.cognitive_load);
        // How this person reacts: crunch tires some more than others, churn unsettles some
        // more, recognition lands harder with some (issue 13, traits).
        let temper = temperaments
            .get(*e)
            .copied()
            .unwrap_or(Temperament::NEUTRAL);
        // A move to another team unsettles the person moved as churn does (issue 13: a
        // reaction to a reorg).
        let churn = (team.map_or(0.0, |t| t.churn_events) + x.unsettled).min(3.0) * temper.change;
        let felt = eq::felt_hours(x.hours, temper.crunch);
        if !init {
            let overwork = (felt / 40.0 - 1.0).max(0.0);
            let before = x.exhaustion;
            let gain = p.exhaustion_gain * overwork * (1.0 - before / 100.0);
            let load = p.exhaustion_load_gain * (cl - 1.0).max(0.0);
            let churn_inc = p.exhaustion_churn_gain * churn * 0.25;
            let after = eq::exhaustion_step(
                before,
                felt,
                (cl - 1.0).max(0.0),
                churn * 0.25,
                x.chronic,
                p,
            );
            let rec = (before + gain + load + churn_inc - after).max(0.0);
            let keep = if before > 0.0 {
                (1.0 - rec / (before + gain + load + churn_inc).max(1e-9)).clamp(0.0, 1.0)
            } else {
                0.0
            };
            for c in &mut dr.exhaustion_ledger.0 {
                *c *= keep;
            }
            dr.exhaustion_ledger.add(Driver::Overtime, gain * keep);
            dr.exhaustion_ledger.add(Driver::CognitiveLoad, load * keep);
            dr.exhaustion_ledger
                .add(Driver::PriorityChurn, churn_inc * keep);
            x.exhaustion = after;
            dr.exhaustion_ledger.reconcile(after, 0.0);
            x.chronic = eq::chronic_step(x.chronic, after, p);
        }
        // Trust in the leader (§17.2).
        let rc = recognition(&x) * temper.recognition;
        let (defend, credit, resp, broken) = team.map_or((0.0, 0.0, 0.0, 0.0), |t| {
            (t.defend, t.credit * temper.recognition, t.resp, t.broken)
        });
        let terms = [
            (Driver::OneOnOnes, p.tl_one_on_ones * rc),
            (Driver::Defended, p.tl_defended * defend),
            (Driver::Credit, p.tl_credit * credit),
            (Driver::Responsibility, p.tl_responsibility * resp),
            (Driver::BrokenPromises, -p.tl_broken_promises * broken),
        ];
        if init || dr.tl_terms0.0.iter().all(|v| *v == 0.0) && dr.tl0 == 0.0 {
            let mut t0 = Contribs::default();
            for (d, v) in terms {
                t0.add(d, v);
            }
            dr.tl_terms0 = t0;
            dr.tl0 = x.trust_in_leader;
            if init {
                continue;
            }
        }
        let rel: Vec<(Driver, f64)> = terms
            .iter()
            .map(|(d, v)| (*d, v - dr.tl_terms0.get(*d)))
            .collect();
        let target = (dr.tl0 + rel.iter().map(|t| t.1).sum::<f64>()).clamp(0.0, 100.0);
        let (next, tau) = eq::smooth_asym(x.trust_in_leader, target, p.tl_tau_up, p.tl_tau_down);
        x.trust_in_leader = next;
        dr.tl_ledger.smooth(1.0 / tau, &rel);
        let tl0 = dr.tl0;
        dr.tl_ledger.reconcile(next, tl0);
    }
}

/// Team psychological safety, autonomy and empowerment (§4.9, §17.2).
pub fn team_safety(
    clock: Res<Clock>,
    params: Res<SimParams>,
    index: Res<Index>,
    roster: Res<Roster>,
    leader: Res<Leader>,
    people: Query<&Person>,
    mut teams: Query<&mut Team>,
) {
    let w = clock.week;
    let p = &params.0;
    let init = w == 0;
    let members = roster_members(&roster, &index, |e| people.get(e).ok().map(|x| x.team));
    let leader_td = leader.skills[Pillar::TeamDev as usize];
    for (tid, te) in &index.teams {
        let ppl: Vec<(f64, bool, f64, Role, bool)> = members
            .get(tid)
            .map(|v| {
                v.iter()
                    .filter_map(|e| people.get(*e).ok())
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
        let Ok(mut t) = teams.get_mut(*te) else {
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
            (Driver::Coaching, p.ps_coaching * coach),
            (Driver::Support, p.ps_support * support),
            (Driver::Inquiry, p.ps_inquiry * inquiry),
            (Driver::Blame, -p.ps_blame * t.blame_recent),
            (Driver::Pressure, -p.ps_pressure * t.pressure / 100.0),
            (Driver::Layoff, -p.ps_layoff * t.layoff_recent),
            (
                Driver::TrustInLeader,
                p.ps_trust_in_leader * (tl_mean - 50.0) / 50.0,
            ),
            (
                Driver::BrilliantJerk,
                if jerk { -p.ps_brilliant_jerk } else { 0.0 },
            ),
            (
                Driver::TeamSize,
                -p.ps_per_extra_member * (n - p.comfortable_team_size).max(0.0),
            ),
        ];
        // Autonomy (§17.2): A* = 1 − imposed share − 0.3·P/100, smoothed τ = 4, relative to start.
        let a_target = 1.0 - t.imposed_share - p.autonomy_pressure * t.pressure / 100.0;
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
            t.autonomy = eq::smooth(t.autonomy, (a0 + a_target).clamp(0.0, 1.0), p.autonomy_tau);
            // Decays of recent-event stocks.
            t.pressure *= 1.0 - p.pressure_decay;
            t.churn_events *= p.carry_priority_churn;
            t.blame_recent *= p.carry_blame;
            t.layoff_recent *= p.carry_layoff;
            t.failures_recent *= p.carry_failures;
            t.inquiries_recent *= p.carry_failures;
            t.responsibility_recent *= p.carry_failures;
            t.shielded *= p.carry_shielding;
            t.exposed *= p.carry_shielding;
            t.metric_reviews *= p.carry_metric_reviews;
            // Vision fades 2 %/week after the session (§6.2).
            t.vision = (t.vision * p.vision_carry).max(p.vision_floor);
        }
        t.empowerment = eq::empowerment(t.autonomy, t.outcome_mission, t.discovery_share);
    }
}

/// The few team facts the person-level systems read (cheaper than cloning whole teams).
pub(crate) struct TeamView {
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
    /// Share of the team's capacity idle last production phase for want of ready work.
    idle_frac: f64,
    layoff_recent: f64,
    blame_recent: f64,
    /// Team-development skill of the team's coach (`Team::coach_td`).
    coach_td: f64,
}

/// Every team's view this week, by team id.
fn team_views(index: &Index, teams: &Query<&Team>, w: u32) -> PerTeam<TeamView> {
    index
        .teams
        .iter()
        .filter_map(|(id, e)| teams.get(*e).ok().map(|t| (*id, TeamView::of(t, w))))
        .collect()
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
            idle_frac: if t.capacity > 1e-9 {
                (t.idle_capacity / t.capacity).clamp(0.0, 1.0)
            } else {
                0.0
            },
            layoff_recent: t.layoff_recent,
            blame_recent: t.blame_recent,
            coach_td: t.coach_td,
        }
    }
}

/// Engagement and the attrition hazard per person (§4.9, §4.3).
pub fn people_engagement_hazard(
    clock: Res<Clock>,
    params: Res<SimParams>,
    index: Res<Index>,
    market: Res<Market>,
    mut people: Query<(&mut Person, &mut PersonDrivers)>,
    temperaments: Query<&Temperament>,
    teams: Query<&Team>,
) {
    let w = clock.week;
    let p = &params.0;
    let init = w == 0;
    let heat = market.heat;
    let teams = team_views(&index, &teams, w);
    for e in index.people.values() {
        let Ok((mut x, mut dr)) = people.get_mut(*e) else {
            continue;
        };
        let Some(t) = teams.get(&x.team) else {
            continue;
        };
        let temper = temperaments
            .get(*e)
            .copied()
            .unwrap_or(Temperament::NEUTRAL);
        let rc = recognition(&x) * temper.recognition;
        let vested8: f64 = x.vested_log.iter().rev().take(8).sum();
        let g = (vested8 / 4.0).min(1.0);
        let blocked_frac = t.blocked_frac;
        let status = t.status;
        let terms = [
            (Driver::Autonomy, p.e_autonomy * (t.autonomy - 0.5) * 2.0),
            (Driver::OneOnOnes, p.e_one_on_ones * rc),
            (Driver::Growth, p.e_growth * g),
            (Driver::Safety, p.e_safety * (t.psych_safety - 50.0) / 50.0),
            (Driver::Vision, p.e_vision * (t.vision - 0.5) * 2.0),
            (Driver::Empowerment, p.e_empowerment * t.empowerment),
            (
                Driver::Exhaustion,
                -p.e_exhaustion * (x.exhaustion - 40.0).max(0.0) / 60.0,
            ),
            (
                Driver::PriorityChurn,
                -p.e_priority_churn * (t.churn_events + x.unsettled).min(1.0) * temper.change,
            ),
            (Driver::StatusOverhead, -p.e_status * status / 0.15),
            (Driver::Blocked, -p.e_blocked * blocked_frac),
            (Driver::Idle, -p.e_idle * t.idle_frac),
            (Driver::Layoff, -p.e_layoff * t.layoff_recent),
            (Driver::Credit, dr.e_pulse * temper.recognition),
        ];
        if init {
            let mut t0 = Contribs::default();
            for (d, v) in terms {
                t0.add(d, v);
            }
            dr.e_terms0 = t0;
            dr.e0 = x.engagement;
        } else if !dr.engagement_ledger.0.is_empty() {
            if x.tenure_w <= 1.0 && dr.e0 == p.hire_engagement && dr.e_terms0.sum() == 0.0 {
                // A new hire: their starting terms are today's.
                let mut t0 = Contribs::default();
                for (d, v) in terms {
                    t0.add(d, v);
                }
                dr.e_terms0 = t0;
            }
            let rel: Vec<(Driver, f64)> = terms
                .iter()
                .map(|(d, v)| (*d, v - dr.e_terms0.get(*d)))
                .collect();
            let target = (dr.e0 + rel.iter().map(|t| t.1).sum::<f64>()).clamp(0.0, 100.0);
            x.engagement = eq::smooth(x.engagement, target, p.engagement_tau);
            dr.engagement_ledger.smooth(1.0 / p.engagement_tau, &rel);
            let (e_now, e0) = (x.engagement, dr.e0);
            dr.engagement_ledger.reconcile(e_now, e0);
            dr.e_pulse *= p.carry_engagement_pulse;
        }
        // The unsettlement of a move fades as a team's churn does (read by both people phases
        // this week, so it fades here, in the later one).
        x.unsettled *= p.carry_priority_churn;
        let extra = if t.layoff_recent > 0.1 {
            p.hazard_layoff_survivor
        } else {
            1.0
        } * if t.blame_recent > 0.3 {
            p.hazard_blame
        } else {
            1.0
        };
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
                heard: x.stay_until > w,
                extra: extra
                    * if x.flight_risk {
                        p.hazard_flight_risk
                    } else {
                        1.0
                    },
            },
            p,
        );
    }
    // Brilliant jerks raise their peers' hazard (§11 scenario 7).
    let jerk_teams: std::collections::BTreeSet<TeamId> = index
        .people
        .values()
        .filter_map(|e| {
            people
                .get(*e)
                .ok()
                .filter(|(x, _)| x.brilliant_jerk)
                .map(|(x, _)| x.team)
        })
        .collect();
    for e in index.people.values() {
        let Ok((mut x, _)) = people.get_mut(*e) else {
            continue;
        };
        if jerk_teams.contains(&x.team) && !x.brilliant_jerk {
            x.hazard *= p.hazard_jerk_peers;
        }
    }
}
