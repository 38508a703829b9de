//! The people actions (MODEL.md §6.1: hire, develop, retain): requisitions, onboarding,
//! contractors, 1:1s, mentoring, training, stay interviews, retention raises, recovery weeks,
//! layoffs and developing a manager; each action's price and effects side by side.

use super::*;

/// Prices a people action and checks its targets (see `super::price`).
pub(super) fn price(world: &World, a: &Action) -> Result<Cost, Refusal> {
    use Action::*;
    let prm = &world.resource::<SimParams>().0;
    let w = week(world);
    match a {
        OpenRequisition { team: t, level, .. } => {
            need_team(world, a, *t)?;
            if !(1..=5).contains(level) {
                return refuse(a, "level must be 1–5");
            }
            let b = world.resource::<Budget>();
            if b.freeze {
                return refuse(
                    a,
                    format!(
                        "a hiring freeze is in force (spend went above {:.0} % of budget)",
                        prm.budget_freeze_ratio * 100.0
                    ),
                );
            }
            // Over plan: more PC needed to justify the headcount.
            let pc = if b.quarter_spent > b.quarter_total * prm.requisition_plan_share {
                prm.open_requisition_pc
            } else {
                0.0
            };
            cost(prm.open_requisition_ap, pc, 0.0)
        }
        StructuredOnboarding { person: p } => {
            let p = need_person(world, a, *p)?;
            if p.tenure_w >= 12.0 || p.onboarding > 1.0 {
                return refuse(
                    a,
                    "onboarding is for new hires (tenure < 12 weeks) not already onboarded",
                );
            }
            cost(
                prm.structured_onboarding_ap,
                0.0,
                prm.structured_onboarding_money,
            )
        }
        HireContractors { team: t, count } => {
            need_team(world, a, *t)?;
            if *count == 0 || *count > 10 {
                return refuse(a, "count must be 1–10");
            }
            if world.resource::<Budget>().freeze {
                return refuse(a, "a hiring freeze is in force");
            }
            cost(prm.hire_contractors_ap, prm.hire_contractors_pc, 0.0)
        }
        OneOnOne { person: p } => {
            need_person(world, a, *p)?;
            // One 1:1 per person per week: a second one queued for the coming week, or (while
            // the queue is applied) one already held in the current week.
            let q = world.resource::<ActionQueue>();
            let queued = q
                .pending
                .iter()
                .any(|x| matches!(x, OneOnOne { person } if person == p));
            let held = q.applying
                && lookup::get::<PersonDrivers>(world, *p).is_some_and(|d| d.last_1on1 == Some(w));
            if queued || held {
                return refuse(a, "already had a 1:1 this week");
            }
            cost(prm.one_on_one_ap, 0.0, 0.0)
        }
        Mentor { person: p, .. } => {
            need_person(world, a, *p)?;
            cost(prm.mentor_ap, 0.0, 0.0)
        }
        PairMentor { mentee, mentor } => {
            let me = need_person(world, a, *mentee)?;
            let mo = need_person(world, a, *mentor)?;
            if mentee == mentor {
                return refuse(a, "a person cannot mentor themselves");
            }
            if mo.level <= me.level {
                return refuse(a, "the mentor must be more senior than the mentee");
            }
            cost(prm.pair_mentor_ap, 0.0, 0.0)
        }
        Training { person: p, .. } => {
            need_person(world, a, *p)?;
            cost(prm.training_ap, 0.0, prm.training_money)
        }
        StayInterview { person: p } => {
            need_person(world, a, *p)?;
            cost(prm.stay_interview_ap, 0.0, 0.0)
        }
        RetentionRaise { person: p } => {
            let p = need_person(world, a, *p)?;
            if p.retention_until > w {
                return refuse(a, "a retention raise is already active");
            }
            if matches!(p.contract, Contract::Contractor { .. }) {
                return refuse(a, "contractors do not get retention raises");
            }
            cost(
                prm.retention_raise_ap,
                prm.retention_raise_pc,
                p.salary_w * prm.retention_raise_share * prm.retention_raise_weeks,
            )
        }
        RecoveryWeek { person: p } => {
            let p = need_person(world, a, *p)?;
            if p.away_until > w {
                return refuse(a, "already away");
            }
            cost(prm.recovery_week_ap, 0.0, 0.0)
        }
        Layoff { people } => {
            if people.is_empty() {
                return refuse(a, "name at least one person");
            }
            // Severance is paid (see `apply`), but it is mandatory, so it does not need
            // discretionary room: the price only checks that everyone named exists.
            for id in people {
                need_person(world, a, *id)?;
            }
            cost(prm.layoff_ap, prm.layoff_pc, 0.0)
        }
        DevelopManager { person: p } => {
            let p = need_person(world, a, *p)?;
            if p.role != Role::Em && p.level < 3 {
                return refuse(a, "develop a lead: an EM or someone at level 3+");
            }
            cost(prm.develop_manager_ap, 0.0, 0.0)
        }
        _ => unreachable!("{} is not a people action", a.kind()),
    }
}

/// Applies an already-paid people action (see `super::apply`).
pub(super) fn apply(world: &mut World, a: &Action, w: u32) {
    use Action::*;
    let p = world.resource::<SimParams>().0.clone();
    let seed = world.resource::<RunInfo>().seed;
    match a {
        OpenRequisition { team, role, level } => {
            open_requisition(world, *team, *role, *level, false, 0, w);
            let text = format!(
                "Opened a requisition (level {level}) for team {}",
                crate::sim::systems::team_name(world, *team)
            );
            let about = vec![Subject::Team(*team)];
            log(world, w, "action", Happened::RequisitionOpened, about, text);
        }
        StructuredOnboarding { person } => {
            with_person(world, *person, |x| x.onboarding = p.onboarding_multiplier)
        }
        HireContractors { team, count } => {
            for _ in 0..*count {
                open_requisition(world, *team, Role::Engineer, 3, true, 12, w);
            }
        }
        OneOnOne { person } => {
            let leader_td = world.resource::<Leader>().skills[Pillar::TeamDev as usize];
            // A second 1:1 with the same person soon after teaches them less.
            let keep = ritual_keep(
                world,
                w,
                p.one_on_one_repeat_weeks,
                |x| matches!(x, OneOnOne { person: o } if o == person),
            );
            with_drivers(world, *person, |d| d.last_1on1 = Some(w));
            with_person(world, *person, |x| {
                x.weeks_since_1on1 = 0.0;
                x.flight_risk_revealed = true;
                // Quality 1:1s also grow soft and team-development skills a little (§6.1).
                let q = keep * (0.5 + 0.5 * leader_td / 100.0);
                x.pending[Pillar::Soft as usize] += p.one_on_one_growth * q;
                x.pending[Pillar::TeamDev as usize] += p.one_on_one_growth * q;
            });
        }
        Mentor { person, pillar } => {
            let leader_s = world.resource::<Leader>().skills[*pillar as usize];
            with_person(world, *person, |x| {
                let s = x.skills[*pillar as usize];
                x.pending[*pillar as usize] += p.mentoring_gain
                    * (leader_s / 100.0)
                    * (0.5 + 0.5 * x.trust_in_leader / 100.0)
                    * (1.0 - s / 100.0);
            });
        }
        PairMentor { mentee, mentor } => {
            let m = *mentor;
            with_person(world, *mentee, |x| x.mentor = Some(m));
            with_drivers(world, *mentor, |d| d.e_pulse += p.pair_mentor_pulse);
        }
        Training { person, pillar } => {
            with_person(world, *person, |x| {
                let s = x.skills[*pillar as usize];
                x.pending[*pillar as usize] += p.training_gain * (1.0 - s / 100.0);
            });
            // Two days away from the work this week.
            let team = person_team(world, *person);
            if let Some(t) = team {
                with_team(world, t, |t| {
                    t.modifiers.push(CapacityModifier {
                        multiplier: p.training_capacity,
                        until_week: w,
                        cause: "training".into(),
                    })
                });
            }
        }
        StayInterview { person } => with_person(world, *person, |x| {
            x.flight_risk_revealed = true;
            x.drivers_revealed = true;
            x.trust_in_leader = (x.trust_in_leader + p.stay_interview_trust).min(100.0);
            x.stay_until = w + p.stay_interview_weeks as u32;
        }),
        RetentionRaise { person } => {
            with_person(world, *person, |x| {
                x.retention_until = w + p.retention_raise_weeks as u32;
                x.salary_w *= 1.0 + p.retention_raise_share;
            });
            // Peers may find out: fairness costs engagement (§6.1).
            if Stream::new(seed, Purpose::ActionRoll, u64::from(person.0), w, 1)
                .bernoulli(p.raise_envy_chance)
                && let Some(t) = person_team(world, *person)
            {
                for id in team_people(world, t).into_iter().filter(|i| i != person) {
                    with_drivers(world, id, |d| d.e_pulse -= p.raise_envy_pulse);
                }
                log(
                    world,
                    w,
                    "event",
                    Happened::RaiseEnvy,
                    vec![Subject::Person(*person), Subject::Team(t)],
                    format!(
                        "Peers found out about a retention raise (fairness: engagement −{})",
                        p.raise_envy_pulse
                    ),
                );
            }
        }
        RecoveryWeek { person } => with_person(world, *person, |x| {
            x.away_until = w + 1;
            x.exhaustion = (x.exhaustion - p.vacation_relief).max(0.0);
        }),
        Layoff { people } => {
            let mut teams = Vec::new();
            for id in people {
                if let Some(t) = person_team(world, *id) {
                    teams.push(t);
                }
                let salary = person(world, *id).map_or(0.0, |x| x.salary_w);
                {
                    let mut b = world.resource_mut::<Budget>();
                    b.quarter_spent += salary * p.layoff_severance_weeks;
                    b.total_spent += salary * p.layoff_severance_weeks;
                }
                crate::sim::systems::remove_person(world, *id, w, false);
                world.resource_mut::<Org>().layoffs += 1;
            }
            teams.sort();
            teams.dedup();
            // Survivor syndrome everywhere, strongest in the affected teams.
            let all: Vec<TeamId> = world.resource::<Index>().teams.keys().copied().collect();
            for t in all {
                let k = if teams.contains(&t) {
                    1.0
                } else {
                    p.layoff_survivor_other_teams
                };
                with_team(world, t, |tm| {
                    tm.layoff_recent = (tm.layoff_recent + k).min(1.0)
                });
            }
            let about = people.iter().map(|id| Subject::Person(*id)).collect();
            log(
                world,
                w,
                "action",
                Happened::LaidOff,
                about,
                format!("Laid off {} people", people.len()),
            );
        }
        DevelopManager { person } => with_person(world, *person, |x| {
            let s = x.skills[Pillar::TeamDev as usize];
            x.pending[Pillar::TeamDev as usize] += p.develop_manager_gain * (1.0 - s / 100.0);
        }),
        _ => unreachable!("{} is not a people action", a.kind()),
    }
}

pub(super) fn open_requisition(
    world: &mut World,
    team: TeamId,
    role: Role,
    level: u8,
    contractor: bool,
    contract_weeks: u32,
    w: u32,
) {
    let p = world.resource::<SimParams>().0.clone();
    let seed = world.resource::<RunInfo>().seed;
    let mut org = world.resource_mut::<Org>();
    let seq = org.next_req;
    org.next_req += 1;
    let mean = if contractor {
        p.hire_mean_weeks_contractor
    } else {
        p.hire_mean_weeks_employee
    } + if level >= 4 && !contractor { 2.0 } else { 0.0 };
    let mut s = Stream::new(seed, Purpose::HireDelay, u64::from(seq), 0, 0);
    let delay = (s.gamma(p.hire_gamma_shape) * mean / p.hire_gamma_shape)
        .round()
        .max(1.0) as u32;
    org.requisitions.push(Requisition {
        team,
        level,
        role,
        contractor,
        opened: w,
        fills_week: w + delay,
        onboarding: false,
        seq,
        contract_weeks,
    });
}
