//! Levers measured as players meet them (issue 12): for each action and each of the four
//! responses, a situation in a shipped scenario where it should matter, the expected direction
//! and a minimum size, over 30 paired seeds (the same bot and seeds, with and without the
//! lever, scored against the same caretaker game). One table test prints every row.
//!
//! The bot is the caretaker (monthly 1:1s, complies) plus the lever; the comparison is the
//! caretaker alone unless a row says otherwise. Rows marked `Expect::Open` are levers the model
//! does not yet move in the expected direction or by the expected size: they are printed, with
//! their figures, and not asserted. Open today (model version 11): hiring 2 engineers (+0.20
//! product of +0.5), strategy sessions (+0.46 trust of +0.5), tooling (+0.22 quality of
//! +0.3), and a WIP limit of 1 (tighter than the scenario's 2: a team with one blocked item
//! has only half its idle capacity to swarm with, and product falls). X-as-a-service against
//! collaboration passes since model version 11, when the consumer's people in a
//! collaboration started working in the provider's code at half efficiency.
//! Since model version 10 each pillar drives its own mechanism and has rows that compare
//! mentoring in it with the same sessions in another pillar, in a situation where the people
//! lack it (the shipped scenario with that pillar set low). Open: craft's effect on the
//! quality score (+0.2 of +0.3; its effect on delivered work is asserted), and the debt
//! share's effect on quality, which fell from +0.57 to +0.49 of +0.5 with model version 10
//! (coaching grows the engineers' craft, so there are fewer errors to pay down).

mod common;

use bevy::prelude::World;
use orgcraft::headless::bots::Caretaker;
use orgcraft::headless::{Policy, Sim, caretaker_reference};
use orgcraft::model::eq::OvertimePolicy;
use orgcraft::model::happened::{Happened, Subject};
use orgcraft::model::{PersonId, StakeholderId, TeamId};
use orgcraft::scenario::{DemandKind, Role, Scenario};
use orgcraft::sim::{
    Action, Budget, Clock, Dependency, Index, Initiative, InitiativeState, InteractionMode, Person,
    Pillar, Response, Stakeholder, Team,
};

type Extra = fn(&World, u32) -> Vec<Action>;

/// The caretaker with every demand answered `answer`, plus `extra` actions each week.
struct Variant {
    answer: Response,
    extra: Extra,
}

impl Policy for Variant {
    fn decide(&mut self, world: &World) -> Vec<Action> {
        let week = world.resource::<Clock>().week + 1;
        let mut out = (self.extra)(world, week);
        out.extend(Caretaker.decide(world).into_iter().map(|a| match a {
            Action::Respond { demand, .. } => Action::Respond {
                demand,
                response: self.answer,
            },
            other => other,
        }));
        out
    }
}

fn nothing(_: &World, _: u32) -> Vec<Action> {
    Vec::new()
}

fn care() -> Variant {
    Variant {
        answer: Response::Comply,
        extra: nothing,
    }
}

fn with(extra: Extra) -> Variant {
    Variant {
        answer: Response::Comply,
        extra,
    }
}

fn answering(answer: Response) -> Variant {
    Variant {
        answer,
        extra: nothing,
    }
}

// ---- What a lever aims at, found in the world as the player would.

fn people(w: &World) -> Vec<&Person> {
    w.resource::<Index>()
        .people
        .values()
        .filter_map(|e| w.get::<Person>(*e))
        .filter(|p| p.notice.is_none())
        .collect()
}

fn teams(w: &World) -> Vec<&Team> {
    w.resource::<Index>()
        .teams
        .values()
        .filter_map(|e| w.get::<Team>(*e))
        .collect()
}

fn initiatives(w: &World) -> Vec<&Initiative> {
    w.resource::<Index>()
        .initiatives
        .values()
        .filter_map(|e| w.get::<Initiative>(*e))
        .collect()
}

fn open(w: &World) -> Vec<&Initiative> {
    initiatives(w).into_iter().filter(|i| i.is_open()).collect()
}

fn shipped_last_week(w: &World, week: u32) -> Vec<&Initiative> {
    initiatives(w)
        .into_iter()
        .filter(|i| i.ship_week == Some(week.saturating_sub(1)))
        .collect()
}

fn most_powerful(w: &World) -> Option<StakeholderId> {
    w.resource::<Index>()
        .stakeholders
        .values()
        .filter_map(|e| w.get::<Stakeholder>(*e))
        .max_by(|a, b| a.power.total_cmp(&b.power))
        .map(|s| s.id)
}

fn dependent_pairs(w: &World) -> Vec<(TeamId, TeamId)> {
    let mut v: Vec<(TeamId, TeamId)> = w
        .resource::<Index>()
        .dependencies
        .values()
        .filter_map(|e| w.get::<Dependency>(*e))
        .map(|d| (d.consumer, d.provider))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The person most at risk of leaving (highest hazard).
fn most_at_risk(w: &World) -> Option<PersonId> {
    people(w)
        .into_iter()
        .max_by(|a, b| a.hazard.total_cmp(&b.hazard))
        .map(|p| p.id)
}

/// The team with the most open work.
fn busiest_team(w: &World) -> Option<TeamId> {
    let ts = teams(w);
    ts.iter()
        .max_by_key(|t| open(w).iter().filter(|i| i.team == t.id).count())
        .map(|t| t.id)
}

fn each_team(w: &World, f: impl Fn(TeamId) -> Action) -> Vec<Action> {
    teams(w).iter().map(|t| f(t.id)).collect()
}

fn each_person(w: &World, f: impl Fn(&Person) -> Option<Action>) -> Vec<Action> {
    people(w).into_iter().filter_map(f).collect()
}

/// Teams that failed lately (a missed date or a broken promise in the last 2 weeks).
fn failed_teams(w: &World, week: u32) -> Vec<TeamId> {
    teams(w)
        .iter()
        .filter(|t| {
            t.broken_promises
                .iter()
                .any(|&x| week.saturating_sub(x) <= 2)
        })
        .map(|t| t.id)
        .collect()
}

// ---- What a row measures, after the game and its epilogue.

fn combined(s: &Sim) -> f64 {
    s.history().final_scores().2
}

fn culture(s: &Sim) -> f64 {
    s.history().final_scores().0
}

fn product(s: &Sim) -> f64 {
    s.history().final_scores().1
}

/// A sub-score, blended like the final scores (half the run's mean, half the epilogue's end).
fn sub(s: &Sim, name: &str) -> f64 {
    let h = &s.history().weeks;
    let get = |w: &orgcraft::score::WeekScores| {
        w.subscores()
            .iter()
            .find(|x| x.0 == name)
            .map_or(f64::NAN, |x| x.1)
    };
    let played: Vec<f64> = h
        .iter()
        .filter(|w| w.week > 0 && !w.epilogue)
        .map(get)
        .collect();
    let tail: Vec<f64> = h.iter().rev().take(4).map(get).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    0.5 * mean(&played) + 0.5 * mean(&tail)
}

fn growth(s: &Sim) -> f64 {
    sub(s, "growth")
}
fn retention(s: &Sim) -> f64 {
    sub(s, "retention")
}
fn wellbeing(s: &Sim) -> f64 {
    sub(s, "wellbeing")
}
fn trust(s: &Sim) -> f64 {
    sub(s, "trust")
}
fn safety(s: &Sim) -> f64 {
    sub(s, "psych_safety")
}
fn quality(s: &Sim) -> f64 {
    sub(s, "quality")
}
fn outcomes(s: &Sim) -> f64 {
    sub(s, "outcomes")
}
fn engagement(s: &Sim) -> f64 {
    sub(s, "engagement")
}

/// Budget the org was given over the game (every quarter's allowance), in $1,000.
fn budget_k(s: &Sim) -> f64 {
    s.world().resource::<Budget>().total_budget / 1000.0
}

/// Value lost to work waiting on dependencies, in $1,000.
fn cost_of_delay_k(s: &Sim) -> f64 {
    s.world()
        .resource::<orgcraft::sim::Org>()
        .cost_of_delay_lost
        / 1000.0
}

/// Fixed-date plans imposed in the played weeks (counted by the runner from the week logs).
fn fixed_plans(_: &Sim) -> f64 {
    FIXED_PLANS.with(|c| c.get())
}

/// The mean error of the activation the player's dashboard shows, in % of the truth, over
/// the played weeks (counted by the runner).
fn dashboard_error(s: &Sim) -> f64 {
    DASHBOARD_ERROR.with(|c| c.get()) / f64::from(s.weeks().max(1))
}

/// Reframes that got a lighter alternative accepted in the played weeks (counted by the runner).
fn reframes_accepted(_: &Sim) -> f64 {
    REFRAMED.with(|c| c.get())
}

thread_local! {
    static FIXED_PLANS: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    static DASHBOARD_ERROR: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    static REFRAMED: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// This week's dashboard error of activation, in %, averaged over products.
fn activation_error(w: &World) -> f64 {
    let prs: Vec<&orgcraft::sim::Product> = w
        .resource::<Index>()
        .products
        .values()
        .filter_map(|e| w.get::<orgcraft::sim::Product>(*e))
        .collect();
    prs.iter()
        .map(|p| 100.0 * (p.dashboard.activation / p.activation.max(1e-9) - 1.0).abs())
        .sum::<f64>()
        / prs.len().max(1) as f64
}

#[derive(Clone, Copy, PartialEq)]
enum Expect {
    /// The median paired difference must be at least this (or at most, if negative).
    AtLeast(f64),
    /// Expected direction and size, not met by the model yet: printed, not asserted.
    Open(f64),
}

struct Row {
    scenario: &'static str,
    lever: &'static str,
    with: fn() -> Variant,
    /// What the lever is compared with (the caretaker unless said otherwise).
    without: fn() -> Variant,
    measure: &'static str,
    metric: fn(&Sim) -> f64,
    expect: Expect,
    /// Changes the shipped scenario into the situation the row needs (most rows: none).
    situation: fn(&mut Scenario),
    /// Compare the mean paired difference, not the median: for counts of a few events per
    /// game (most pairs differ by 0 or ±1, so the median is 0 whatever the odds).
    mean: bool,
}

fn as_shipped(_: &mut Scenario) {}

/// Sets `pillar` to `level` for everyone in `roles` (a situation where that pillar is lacking).
fn lacking(sc: &mut Scenario, roles: &[Role], pillar: Pillar, level: f64) {
    for p in sc.people.iter_mut().filter(|p| roles.contains(&p.raw.role)) {
        match pillar {
            Pillar::Soft => p.skills.soft = level,
            Pillar::TeamDev => p.skills.team_dev = level,
            Pillar::Domain => p.skills.domain = level,
            Pillar::Craft => p.skills.craft = level,
        }
    }
}

/// Mean skill points vested over the game by the people who are not EMs (what coaching by
/// the teams' EMs grows).
fn others_growth(s: &Sim) -> f64 {
    let w = s.world();
    let v: Vec<f64> = w
        .resource::<Index>()
        .people
        .values()
        .filter_map(|e| w.get::<Person>(*e))
        .filter(|p| p.role != Role::Em)
        .map(|p| p.vested_total)
        .collect();
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn row(
    scenario: &'static str,
    lever: &'static str,
    with: fn() -> Variant,
    measure: &'static str,
    metric: fn(&Sim) -> f64,
    expect: Expect,
) -> Row {
    Row {
        scenario,
        lever,
        with,
        without: care,
        measure,
        metric,
        expect,
        situation: as_shipped,
        mean: false,
    }
}

/// Every action in the first week it can act (or on a cadence), for the people it is for.
fn on(
    week_set: &'static [u32],
    w: &World,
    week: u32,
    f: impl Fn(&World) -> Vec<Action>,
) -> Vec<Action> {
    if week_set.contains(&week) {
        f(w)
    } else {
        Vec::new()
    }
}

fn disclose_late(w: &World) -> Vec<Action> {
    open(w)
        .iter()
        .filter(|i| i.deadline.is_some())
        .map(|i| Action::DiscloseSlip { initiative: i.id })
        .collect()
}

fn modes(w: &World, mode: InteractionMode) -> Vec<Action> {
    dependent_pairs(w)
        .into_iter()
        .map(|(a, b)| Action::SetInteractionMode { a, b, mode })
        .collect()
}

/// The most senior person mentors the least senior one in the same team.
fn pair(w: &World) -> Vec<Action> {
    for t in teams(w) {
        let ps: Vec<&Person> = people(w).into_iter().filter(|p| p.team == t.id).collect();
        let (Some(hi), Some(lo)) = (
            ps.iter().max_by_key(|p| p.level),
            ps.iter().min_by_key(|p| p.level),
        ) else {
            continue;
        };
        if hi.level > lo.level {
            return vec![Action::PairMentor {
                mentee: lo.id,
                mentor: hi.id,
            }];
        }
    }
    Vec::new()
}

/// Mentoring in `pillar`, weeks 1–6, for every person in `roles`.
fn mentor_roles(w: &World, week: u32, roles: &[Role], pillar: Pillar) -> Vec<Action> {
    mentor_roles_in(&[1, 2, 3, 4, 5, 6], w, week, roles, pillar)
}

/// Mentoring in `pillar` in the weeks `weeks`, for every person in `roles`.
fn mentor_roles_in(
    weeks: &'static [u32],
    w: &World,
    week: u32,
    roles: &[Role],
    pillar: Pillar,
) -> Vec<Action> {
    on(weeks, w, week, |w| {
        each_person(w, |p| {
            roles.contains(&p.role).then_some(Action::Mentor {
                person: p.id,
                pillar,
            })
        })
    })
}

/// The team's leads (PMs and EMs) mentored in `pillar` in weeks 1–12, every demand reframed.
fn leads_reframing(pillar: Pillar) -> Variant {
    const WEEKS: &[u32] = &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    Variant {
        answer: Response::Reframe,
        extra: match pillar {
            Pillar::Soft => {
                |w, week| mentor_roles_in(WEEKS, w, week, &[Role::Pm, Role::Em], Pillar::Soft)
            }
            _ => |w, week| mentor_roles_in(WEEKS, w, week, &[Role::Pm, Role::Em], Pillar::Craft),
        },
    }
}

/// Ideas an experiment can test (not yet in delivery, discovery allowed).
fn experiments(w: &World) -> Vec<Action> {
    initiatives(w)
        .iter()
        .filter(|i| {
            matches!(
                i.state,
                InitiativeState::Backlog | InitiativeState::Discovery
            ) && !i.no_discovery
        })
        .map(|i| Action::RunExperiment { initiative: i.id })
        .collect()
}

#[rustfmt::skip]
fn rows() -> Vec<Row> {
    use Expect::*;
    vec![
        // ---- The four responses to a demand.
        row("pmo_gantt.ron", "shield every demand (vs comply)", || answering(Response::Shield), "combined", combined, AtLeast(2.0)),
        row("pmo_gantt.ron", "reframe every demand (vs comply)", || answering(Response::Reframe), "combined", combined, AtLeast(1.0)),
        // Escalating costs the trust of whoever was escalated over, and an upheld demand comes
        // back: not as good as shielding.
        Row { without: || answering(Response::Shield), ..row("pmo_gantt.ron", "escalate every demand (vs shield)", || answering(Response::Escalate), "combined", combined, AtLeast(-1.0)) },
        Row { without: || answering(Response::Shield), ..row("pmo_gantt.ron", "comply with every demand (vs shield)", care, "combined", combined, AtLeast(-2.0)) },
        // ---- People.
        row("pmo_gantt.ron", "1:1 with everyone every 2 weeks (vs monthly)", || with(|w, week| if week % 2 == 0 { each_person(w, |p| Some(Action::OneOnOne { person: p.id })) } else { Vec::new() }), "engagement", engagement, AtLeast(1.0)),
        row("first_90_days.ron", "mentor 3 people in craft, weeks 1–6", || with(|w, week| on(&[1, 2, 3, 4, 5, 6], w, week, |w| people(w).iter().take(3).map(|p| Action::Mentor { person: p.id, pillar: Pillar::Craft }).collect())), "growth", growth, AtLeast(1.0)),
        row("first_90_days.ron", "train 3 people in craft, weeks 1, 8, 15", || with(|w, week| on(&[1, 8, 15], w, week, |w| people(w).iter().take(3).map(|p| Action::Training { person: p.id, pillar: Pillar::Craft }).collect())), "growth", growth, AtLeast(1.0)),
        // ---- The four pillars: each drives its own mechanism, so the pillar a person lacks and
        // their work needs is the one worth mentoring (the same sessions in another pillar are
        // the comparison). Soft skill: the team's PMs and EMs negotiate reframes and tell
        // stakeholders the story; team development: an EM coaches the others and ramps up new
        // hires; domain: discovery picks better bets; craft: fewer errors, less debt.
        Row { without: || leads_reframing(Pillar::Craft), situation: |sc| lacking(sc, &[Role::Pm, Role::Em], Pillar::Soft, 30.0), mean: true, ..row("pmo_gantt.ron", "PMs, EMs new to stakeholders (soft 30): mentor soft wk 1–12 (vs craft)", || leads_reframing(Pillar::Soft), "reframes accepted", reframes_accepted, AtLeast(0.5)) },
        Row { without: || leads_reframing(Pillar::Craft), situation: |sc| lacking(sc, &[Role::Pm, Role::Em], Pillar::Soft, 30.0), ..row("pmo_gantt.ron", "PMs, EMs new to stakeholders (soft 30): mentor soft wk 1–12 (vs craft)", || leads_reframing(Pillar::Soft), "trust", trust, AtLeast(0.3)) },
        Row { without: || with(|w, week| mentor_roles(w, week, &[Role::Em], Pillar::Craft)), ..row("scaling_up.ron", "mentor EMs in team development, wk 1–6 (vs craft)", || with(|w, week| mentor_roles(w, week, &[Role::Em], Pillar::TeamDev)), "skill vested by the others", others_growth, AtLeast(0.5)) },
        Row { without: || with(|w, week| mentor_roles(w, week, &[Role::Pm], Pillar::Soft)), situation: |sc| lacking(sc, &[Role::Pm], Pillar::Domain, 30.0), ..row("pmo_gantt.ron", "PMs new to the domain (30): mentor domain (vs soft)", || with(|w, week| mentor_roles(w, week, &[Role::Pm], Pillar::Domain)), "outcomes", outcomes, AtLeast(0.3)) },
        Row { without: || with(|w, week| mentor_roles(w, week, &[Role::Pm], Pillar::Soft)), situation: |sc| lacking(sc, &[Role::Pm], Pillar::Domain, 30.0), ..row("pmo_gantt.ron", "PMs new to the domain (30): mentor domain (vs soft)", || with(|w, week| mentor_roles(w, week, &[Role::Pm], Pillar::Domain)), "product", product, AtLeast(0.3)) },
        Row { without: || with(|w, week| mentor_roles(w, week, &[Role::Engineer], Pillar::TeamDev)), situation: |sc| lacking(sc, &[Role::Engineer], Pillar::Craft, 30.0), ..row("scaling_up.ron", "engineers new to the stack (craft 30): mentor craft (vs team dev)", || with(|w, week| mentor_roles(w, week, &[Role::Engineer], Pillar::Craft)), "quality", quality, Open(0.3)) },
        Row { without: || with(|w, week| mentor_roles(w, week, &[Role::Engineer], Pillar::TeamDev)), situation: |sc| lacking(sc, &[Role::Engineer], Pillar::Craft, 30.0), ..row("first_90_days.ron", "engineers new to the stack (craft 30): mentor craft (vs team dev)", || with(|w, week| mentor_roles(w, week, &[Role::Engineer], Pillar::Craft)), "product", product, AtLeast(0.3)) },
        row("first_90_days.ron", "pair a senior with a junior, week 1", || with(|w, week| on(&[1], w, week, pair)), "growth", growth, AtLeast(0.2)),
        row("first_90_days.ron", "stay interview with whoever is most at risk, every 4 weeks", || with(|w, week| on(&[1, 5, 9, 13, 17, 21, 25], w, week, |w| most_at_risk(w).map(|p| vec![Action::StayInterview { person: p }]).unwrap_or_default())), "retention", retention, AtLeast(0.5)),
        row("first_90_days.ron", "retention raise for whoever is most at risk, week 2", || with(|w, week| on(&[2], w, week, |w| most_at_risk(w).map(|p| vec![Action::RetentionRaise { person: p }]).unwrap_or_default())), "retention", retention, AtLeast(0.3)),
        row("conference_crunch.ron", "recovery week for anyone above exhaustion 60", || with(|w, _| each_person(w, |p| (p.exhaustion > 60.0).then_some(Action::RecoveryWeek { person: p.id }))), "wellbeing", wellbeing, AtLeast(0.5)),
        row("budget_cut.ron", "lay off one person, week 2", || with(|w, week| on(&[2], w, week, |w| people(w).first().map(|p| vec![Action::Layoff { people: vec![p.id] }]).unwrap_or_default())), "culture", culture, AtLeast(-1.0)),
        row("scaling_up.ron", "develop every manager, week 2", || with(|w, week| on(&[2], w, week, |w| each_person(w, |p| (p.role == Role::Em).then_some(Action::DevelopManager { person: p.id })))), "growth", growth, AtLeast(0.3)),
        row("scaling_up.ron", "hire 2 engineers for the busiest team, week 1", || with(|w, week| on(&[1], w, week, |w| busiest_team(w).map(|t| vec![Action::OpenRequisition { team: t, role: Role::Engineer, level: 3 }; 2]).unwrap_or_default())), "product", product, Open(0.5)),
        row("brooks_trap.ron", "6 contractors for the late team, week 3", || with(|w, week| on(&[3], w, week, |w| busiest_team(w).map(|t| vec![Action::HireContractors { team: t, count: 6 }]).unwrap_or_default())), "product", product, AtLeast(-0.5)),
        // ---- Inspire, recognise, take responsibility.
        row("pmo_gantt.ron", "vision session every 6 weeks", || with(|_, week| if week % 6 == 1 { vec![Action::VisionSession] } else { Vec::new() }), "engagement", engagement, AtLeast(0.5)),
        row("pmo_gantt.ron", "strategy session with the most powerful, every 6 weeks", || with(|w, week| if week % 6 == 1 { most_powerful(w).map(|s| vec![Action::StrategySession { stakeholder: s }]).unwrap_or_default() } else { Vec::new() }), "trust", trust, Open(0.5)),
        row("dependency_hell.ron", "share credit for every ship", || with(|w, week| shipped_last_week(w, week).iter().map(|i| Action::ShareCredit { initiative: i.id }).collect()), "engagement", engagement, AtLeast(0.3)),
        row("dependency_hell.ron", "take credit for every ship", || with(|w, week| shipped_last_week(w, week).iter().map(|i| Action::TakeCredit { initiative: i.id }).collect()), "culture", culture, AtLeast(-0.3)),
        row("pmo_gantt.ron", "take responsibility after a failure", || with(|w, week| failed_teams(w, week).into_iter().map(|t| Action::TakeResponsibility { team: t }).collect()), "psych_safety", safety, AtLeast(0.3)),
        row("pmo_gantt.ron", "blame the team after a failure", || with(|w, week| failed_teams(w, week).into_iter().map(|t| Action::Blame { team: t }).collect()), "psych_safety", safety, AtLeast(-0.3)),
        row("pmo_gantt.ron", "blameless review after a failure", || with(|w, week| failed_teams(w, week).into_iter().map(|t| Action::BlamelessReview { team: t }).collect()), "psych_safety", safety, AtLeast(0.3)),
        // ---- Defend: show the work, tell the truth early.
        row("pmo_gantt.ron", "demo day for every team, every 2 weeks", || with(|w, week| if week % 2 == 0 { each_team(w, |t| Action::DemoDay { team: t }) } else { Vec::new() }), "trust", trust, AtLeast(0.5)),
        row("brooks_trap.ron", "disclose the late release's slip in week 1", || with(|w, week| on(&[1], w, week, disclose_late)), "trust", trust, AtLeast(0.5)),
        // Early beats late: the same disclosure in week 1 against week 8.
        Row { without: || with(|w, week| on(&[8], w, week, disclose_late)), ..row("brooks_trap.ron", "disclose in week 1 (vs week 8)", || with(|w, week| on(&[1], w, week, disclose_late)), "trust", trust, AtLeast(0.3)) },
        // ---- Allocate.
        row("first_90_days.ron", "discovery share 20 % for every team, week 1", || with(|w, week| on(&[1], w, week, |w| each_team(w, |t| Action::SetDiscoveryShare { team: t, share: 0.2 }))), "outcomes", outcomes, AtLeast(0.5)),
        row("scaling_up.ron", "debt share 20 % for every team, week 1", || with(|w, week| on(&[1], w, week, |w| each_team(w, |t| Action::SetDebtShare { team: t, share: 0.2 }))), "quality", quality, Open(0.5)),
        // The scenario starts every team at a WIP limit of 2.
        row("dependency_hell.ron", "WIP limit 1 for every team (vs 2), week 1", || with(|w, week| on(&[1], w, week, |w| each_team(w, |t| Action::SetWipLimit { team: t, limit: 1 }))), "cost of delay lost ($1,000)", cost_of_delay_k, Open(-1.0)),
        row("dependency_hell.ron", "WIP limit 1 for every team (vs 2), week 1", || with(|w, week| on(&[1], w, week, |w| each_team(w, |t| Action::SetWipLimit { team: t, limit: 1 }))), "product", product, Open(0.3)),
        row("dependency_hell.ron", "WIP limit 4 for every team (vs 2), week 1", || with(|w, week| on(&[1], w, week, |w| each_team(w, |t| Action::SetWipLimit { team: t, limit: 4 }))), "cost of delay lost ($1,000)", cost_of_delay_k, AtLeast(1.0)),
        row("dependency_hell.ron", "WIP limit 4 for every team (vs 2), week 1", || with(|w, week| on(&[1], w, week, |w| each_team(w, |t| Action::SetWipLimit { team: t, limit: 4 }))), "product", product, AtLeast(-0.3)),
        row("scaling_up.ron", "tooling for every team, week 1", || with(|w, week| on(&[1], w, week, |w| each_team(w, |t| Action::Tooling { team: t }))), "quality", quality, Open(0.3)),
        row("first_90_days.ron", "analytics for every team, week 1", || with(|w, week| on(&[1], w, week, |w| each_team(w, |t| Action::Analytics { team: t }))), "dashboard error of activation (%)", dashboard_error, AtLeast(-0.3)),
        row("dependency_hell.ron", "platform investment in every team, week 1", || with(|w, week| on(&[1], w, week, |w| each_team(w, |t| Action::PlatformInvestment { team: t }))), "product", product, AtLeast(0.3)),
        row("budget_cut.ron", "request $100k more budget, weeks 1 and 14", || with(|_, week| if week == 1 || week == 14 { vec![Action::RequestBudget { amount: 100_000.0 }] } else { Vec::new() }), "budget granted ($1,000)", budget_k, AtLeast(20.0)),
        row("conference_crunch.ron", "sustainable pace from week 1", || with(|_, week| if week == 1 { vec![Action::SetOvertimePolicy { policy: OvertimePolicy::SustainablePace }] } else { Vec::new() }), "wellbeing", wellbeing, AtLeast(0.5)),
        row("conference_crunch.ron", "mandate crunch from week 1", || with(|_, week| if week == 1 { vec![Action::SetOvertimePolicy { policy: OvertimePolicy::Crunch }] } else { Vec::new() }), "culture", culture, AtLeast(-3.0)),
        // ---- Connect.
        row("dependency_hell.ron", "connect every dependent pair, week 1", || with(|w, week| on(&[1], w, week, |w| dependent_pairs(w).into_iter().map(|(a, b)| Action::ConnectTeams { a, b }).collect())), "product", product, AtLeast(0.3)),
        row("dependency_hell.ron", "broker alignment for every dependent pair, week 1", || with(|w, week| on(&[1], w, week, |w| dependent_pairs(w).into_iter().map(|(a, b)| Action::BrokerAlignment { a, b }).collect())), "product", product, AtLeast(0.3)),
        // Team Topologies: a provider offering X-as-a-service frees its consumers; close
        // collaboration is for discovering an interface, not for a steady dependency.
        Row { without: || with(|w, week| on(&[1], w, week, |w| modes(w, InteractionMode::Collaboration))), ..row("dependency_hell.ron", "X-as-a-service (vs collaboration) for every pair", || with(|w, week| on(&[1], w, week, |w| modes(w, InteractionMode::XaaS))), "product", product, AtLeast(0.3)) },
        Row { without: || with(|w, week| on(&[1], w, week, |w| modes(w, InteractionMode::XaaS))), ..row("dependency_hell.ron", "facilitating (vs X-as-a-service) for every pair", || with(|w, week| on(&[1], w, week, |w| modes(w, InteractionMode::Facilitating))), "growth", growth, AtLeast(0.3)) },
        // ---- Data-driven decisions.
        row("pmo_gantt.ron", "run an experiment on every idea, week 1", || with(|w, week| on(&[1], w, week, experiments)), "outcomes", outcomes, AtLeast(0.3)),
        row("pmo_gantt.ron", "forecast open work in weeks 1, 9, 17", || with(|w, week| on(&[1, 9, 17], w, week, |w| open(w).iter().map(|i| Action::Forecast { initiative: i.id }).collect())), "fixed-date plans imposed", fixed_plans, AtLeast(-1.0)),
        row("pmo_gantt.ron", "forecast open work in weeks 1, 9, 17", || with(|w, week| on(&[1, 9, 17], w, week, |w| open(w).iter().map(|i| Action::Forecast { initiative: i.id }).collect())), "combined", combined, AtLeast(0.5)),
        row("brooks_trap.ron", "descope the late release, week 1", || with(|w, week| on(&[1], w, week, |w| open(w).iter().filter(|i| i.deadline.is_some()).map(|i| Action::Descope { initiative: i.id }).collect())), "combined", combined, AtLeast(0.5)),
        row("first_90_days.ron", "stop all open work, week 1", || with(|w, week| on(&[1], w, week, |w| open(w).iter().map(|i| Action::KillInitiative { initiative: i.id }).collect())), "product", product, AtLeast(-5.0)),
    ]
}

#[test]
fn every_lever_in_the_table_acts_in_the_right_direction() {
    let seeds: Vec<u64> = (1..=30).collect();
    let mut failures = Vec::new();
    let mut open_rows = 0;
    println!(
        "{:<18} {:<56} {:<24} {:>8} {:>8} {:>8} {:>7} {:>6}",
        "scenario", "lever", "measure", "with", "without", "paired", "needed", "agree"
    );
    // `ORGCRAFT_LEVERS=<text>` measures only the rows whose lever names contain it (while
    // calibrating one lever); unset, every row runs.
    let only = std::env::var("ORGCRAFT_LEVERS").unwrap_or_default();
    for r in rows()
        .into_iter()
        .filter(|r| r.lever.contains(only.as_str()))
    {
        let mut sc = common::load(r.scenario);
        (r.situation)(&mut sc);
        let (mut with, mut without, mut diffs) = (Vec::new(), Vec::new(), Vec::new());
        for &s in &seeds {
            let reference = caretaker_reference(&sc, s, sc.weeks());
            let play = |v: &mut Variant| {
                Sim::with_reused_length(&sc, s, sc.weeks(), Some(reference.clone()), |sim| {
                    FIXED_PLANS.with(|c| c.set(0.0));
                    DASHBOARD_ERROR.with(|c| c.set(0.0));
                    REFRAMED.with(|c| c.set(0.0));
                    for _ in 0..sc.weeks() {
                        sim.step_with(v);
                        let w = sim.week();
                        let n = sim
                            .week_entries(w)
                            .filter(|e| {
                                e.happened == Some(Happened::Demand)
                                    && e.about.contains(&Subject::Demand(DemandKind::FixedPlan))
                            })
                            .count();
                        FIXED_PLANS.with(|c| c.set(c.get() + n as f64));
                        let r = sim
                            .week_entries(w)
                            .filter(|e| e.happened == Some(Happened::Reframed))
                            .count();
                        REFRAMED.with(|c| c.set(c.get() + r as f64));
                        let e = activation_error(sim.world());
                        DASHBOARD_ERROR.with(|c| c.set(c.get() + e));
                    }
                    sim.run_epilogue();
                    (r.metric)(sim)
                })
            };
            let a = play(&mut (r.with)());
            let b = play(&mut (r.without)());
            with.push(a);
            without.push(b);
            diffs.push(a - b);
        }
        let need = match r.expect {
            Expect::AtLeast(x) | Expect::Open(x) => x,
        };
        let agree = diffs
            .iter()
            .filter(|d| d.signum() == need.signum() && d.abs() > 1e-9)
            .count();
        let md = if r.mean {
            diffs.iter().sum::<f64>() / diffs.len().max(1) as f64
        } else {
            common::median(diffs)
        };
        let (mw, mo) = (common::median(with), common::median(without));
        let ok = if need >= 0.0 { md >= need } else { md <= need };
        let mark = match (r.expect, ok) {
            (Expect::AtLeast(_), true) => "",
            (Expect::AtLeast(_), false) => "   <- FAILS",
            (Expect::Open(_), true) => "   (open, but met)",
            (Expect::Open(_), false) => "   (open)",
        };
        println!(
            "{:<18} {:<56} {:<24} {mw:>8.2} {mo:>8.2} {md:>+8.2} {need:>+7.1} {agree:>3}/{}{mark}",
            r.scenario.trim_end_matches(".ron"),
            r.lever,
            if r.mean {
                format!("{} (mean)", r.measure)
            } else {
                r.measure.to_string()
            },
            seeds.len(),
        );
        if matches!(r.expect, Expect::Open(_)) {
            open_rows += 1;
        } else if !ok {
            failures.push(format!(
                "{} / {} / {}: {md:+.2}",
                r.scenario, r.lever, r.measure
            ));
        }
    }
    println!("{open_rows} rows open (printed, not asserted)");
    assert!(
        failures.is_empty(),
        "levers that do not act:\n{}",
        failures.join("\n")
    );
}
