//! Staffing: requisitions filled, people joining and leaving, resignations, sick leave, assimilation.

use super::*;

/// A first name for person `id` joining during the game, not held by anyone in the organisation
/// now or before, nor by a stakeholder (`model::naming`; "Hire #31" made every newcomer the
/// same).
fn newcomer_name(world: &World, id: PersonId) -> String {
    let index = world.resource::<Index>();
    let mut taken: std::collections::BTreeSet<&str> = index
        .people
        .values()
        .filter_map(|e| world.get::<Person>(*e))
        .map(|x| x.name.as_str())
        .collect();
    taken.extend(
        index
            .stakeholders
            .values()
            .filter_map(|e| world.get::<Stakeholder>(*e))
            .map(|s| s.name.as_str()),
    );
    if let Some(f) = world.get_resource::<crate::sim::FormerNames>() {
        taken.extend(f.0.values().map(String::as_str));
    }
    crate::model::naming::pick(crate::model::naming::FIRST_NAMES, id.0, &|n| {
        taken.contains(n)
    })
}

/// Removes a person (resignation, layoff, contract end) and updates the team.
pub fn remove_person(world: &mut World, id: PersonId, w: u32, voluntary: bool) {
    let Some(e) = world.resource_mut::<Index>().people.remove(&id) else {
        return;
    };
    let (team, owns) = world
        .get::<Person>(e)
        .map_or((TeamId(0), false), |p| (p.team, p.owns_components));
    if let Some(name) = world.get::<Person>(e).map(|p| p.name.clone())
        && let Some(mut former) = world.get_resource_mut::<FormerNames>()
    {
        former.0.insert(id, name);
    }
    world.despawn(e);
    let p = params(world);
    if owns && let Some(mut t) = lookup::get_mut::<Team>(world, team) {
        t.debt = (t.debt + p.departure_debt).min(100.0);
    }
    // Mentees lose their mentor.
    let mentees: Vec<Entity> = world
        .resource::<Index>()
        .people
        .values()
        .copied()
        .filter(|pe| {
            world
                .get::<Person>(*pe)
                .is_some_and(|x| x.mentor == Some(id))
        })
        .collect();
    for pe in mentees {
        if let Some(mut x) = world.get_mut::<Person>(pe) {
            x.mentor = None;
        }
    }
    let mut org = world.resource_mut::<Org>();
    org.exits.push((w, id, voluntary));
    if voluntary {
        org.voluntary_exits += 1;
    }
}

/// Removes open dependencies where `consumer` waits on `provider` (re-team, inverse Conway).
pub fn remove_dependencies_between(world: &mut World, consumer: TeamId, provider: TeamId) {
    for (id, e) in entities(&world.resource::<Index>().dependencies) {
        let Some(d) = world.get::<Dependency>(e) else {
            continue;
        };
        if d.consumer == consumer && d.provider == provider && d.done_at.is_none() {
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
        }
    }
}

/// Rebuilds the `Roster` once staffing is done: no later phase moves people between teams.
pub fn refresh_roster(index: Res<Index>, people: Query<&Person>, mut roster: ResMut<Roster>) {
    roster.0 = members_by_team(&index, |e| people.get(e).ok().map(|x| x.team));
}

/// Hiring pipeline, contracts, notices, resignations, sick leave, assimilation (§4.3).
pub fn staffing(world: &mut World) {
    let w = week(world);
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
        let q = Stream::new(seed, Purpose::CandidateQuality, u64::from(r.seq), 0, 0).beta(4.0, 4.0);
        let base = p.hire_skill_base + p.hire_skill_per_level * f64::from(r.level);
        let skill = (base + p.hire_skill_spread * (q - 0.5)).clamp(5.0, 95.0);
        let salary = p.hire_salary_base + p.hire_salary_per_level * f64::from(r.level);
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
            name: newcomer_name(world, id),
            team: r.team,
            role: r.role,
            level: r.level,
            skills: [
                skill,
                skill,
                if r.contractor {
                    skill * p.contractor_domain_share
                } else {
                    skill
                },
                skill,
            ],
            pending: [0.0; 4],
            tenure_w: 0.0,
            assimilation: p.assimilation_a0,
            a_max,
            onboarding: 1.0,
            hours: 40.0,
            exhaustion: p.hire_exhaustion,
            chronic: 0.0,
            engagement: p.hire_engagement,
            trust_in_leader: p.hire_trust,
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
        let drivers = PersonDrivers::arriving(p.hire_engagement, p.hire_trust, p.hire_exhaustion);
        if !r.contractor {
            let fee = p.recruiting_fee * salary * 52.0;
            let mut b = world.resource_mut::<Budget>();
            b.quarter_spent += fee;
            b.total_spent += fee;
        }
        let name = person.name.clone();
        let temperament = crate::sim::Temperament::of(&[], seed, id, &p);
        let e = world
            .spawn((Name::new(name.clone()), person, drivers, temperament))
            .id();
        world.resource_mut::<Index>().people.insert(id, e);
        let text = format!(
            "{name}{} joined team {}",
            if r.contractor { ", a contractor," } else { "" },
            team_name(world, r.team)
        );
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
                format!("{name} resigned and leaves in {} weeks", p.notice_weeks),
            );
            continue;
        }
        if x.exhaustion >= p.sick_exhaustion {
            x.weeks_x_high += 1;
        } else {
            x.weeks_x_high = 0;
        }
        if x.weeks_x_high >= p.sick_after_weeks && x.away_until <= w {
            let mut s = Stream::new(seed, Purpose::SickLeave, u64::from(id.0), w, 0);
            if s.bernoulli(p.sick_chance) {
                let days = 1 + s.below(3) as u32;
                x.away_until = w + days;
                x.exhaustion = (x.exhaustion - p.sick_relief_per_week * f64::from(days)).max(0.0);
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
    let teams: PerTeam<(f64, f64, bool)> = entities(&world.resource::<Index>().teams)
        .into_iter()
        .filter_map(|(id, e)| {
            world.get::<Team>(e).map(|t| {
                // A team with a good coach (team-development skill) ramps new hires up
                // faster: the time constant shrinks as the coach's skill grows.
                let coached = eq::skill_effect(t.coach_td, p.coaching_ramp_gain).max(0.1);
                (id, (t.assimilation_tau / coached, t.psych_safety, false))
            })
        })
        .collect();
    // Leads with team_dev ≥ 60 run effective 1:1s for their team (§4.9), saving the player AP.
    let mut best_lead: BTreeMap<TeamId, f64> = BTreeMap::new();
    for x in world
        .resource::<Index>()
        .people
        .values()
        .filter_map(|e| world.get::<Person>(*e))
        .filter(|x| {
            x.role == Role::Em && x.skills[Pillar::TeamDev as usize] >= p.lead_one_on_one_skill
        })
    {
        let td = x.skills[Pillar::TeamDev as usize];
        let best = best_lead.entry(x.team).or_insert(td);
        *best = best.max(td);
    }
    let lead_1on1: PerTeam<f64> = best_lead.into_iter().collect();
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
        if let Some(&lead_td) = lead_1on1.get(&x.team)
            && x.role != Role::Em
            && x.weeks_since_1on1 >= 2.0
        {
            x.weeks_since_1on1 = 0.0;
            // The lead's 1:1s grow soft and team-development skills as the leader's do, scaled
            // by the lead's coaching skill (so a lead's 1:1s replace the leader's, growth too).
            let q = p.lead_one_on_one_growth_share * (0.5 + 0.5 * lead_td / 100.0);
            x.pending[Pillar::Soft as usize] += p.one_on_one_growth * q;
            x.pending[Pillar::TeamDev as usize] += p.one_on_one_growth * q;
        }
    }
}
