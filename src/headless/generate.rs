//! Generated organisations of any size, built in code: for benchmarks and scaling tests.
//!
//! `org(people, seed)` lays out teams of about seven (one platform team per group of ten teams),
//! one product whose market starts in steady state, two initiatives per team (some waiting on
//! their group's platform team) and two stakeholders who make demands. The same inputs always
//! give the same scenario: all variation comes from a splitmix64 hash of (seed, what, index).

use std::collections::BTreeMap;

use crate::model::eq;
use crate::model::rng::splitmix64;
use crate::scenario::{
    self, DemandKind, InitiativeKind, Metric, RawBudget, RawDependency, RawInitiative, RawLeader,
    RawMarket, RawObjective, RawPerson, RawProduct, RawScenario, RawStakeholder, RawTeam, RawTrust,
    Role, Scenario, Segment, StakeholderRole, StartState, TeamKind, ValueDraw,
};

/// People per team the generator aims for.
pub const TEAM_SIZE: usize = 7;
/// One platform team leads each group of this many teams.
pub const GROUP: usize = 10;
/// Weeks the generated scenario lasts (callers may override the clock).
pub const WEEKS: u32 = 26;

/// A deterministic value in [0, 1) for (seed, what, index).
fn unit(seed: u64, what: u64, i: u64) -> f64 {
    let h = splitmix64(splitmix64(splitmix64(seed) ^ what) ^ i);
    (h >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A deterministic value in [lo, hi).
fn between(seed: u64, what: u64, i: u64, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * unit(seed, what, i)
}

/// The roles of a team of seven; larger teams get more engineers.
const ROLES: [Role; TEAM_SIZE] = [
    Role::Em,
    Role::Pm,
    Role::Designer,
    Role::Engineer,
    Role::Engineer,
    Role::Engineer,
    Role::Qa,
];

/// Builds the raw scenario for an organisation of `people` people (at least 1).
pub fn raw(people: usize, seed: u64) -> RawScenario {
    let people = people.max(1);
    // Round to the nearest whole number of teams of seven; spread the remainder evenly.
    let n_teams = (people + TEAM_SIZE / 2) / TEAM_SIZE;
    let n_teams = n_teams.max(1);
    let base = people / n_teams;
    let extra = people % n_teams;

    let mut teams = Vec::with_capacity(n_teams);
    let mut person = 0u64;
    for t in 0..n_teams {
        let size = base + usize::from(t < extra);
        let platform = t % GROUP == 0 && n_teams > 1;
        let ti = t as u64;
        let members = (0..size)
            .map(|m| {
                let role = ROLES.get(m).copied().unwrap_or(Role::Engineer);
                let level = 1 + (unit(seed, 1, person) * 5.0) as u8;
                let p = RawPerson {
                    name: format!("p{person:05}"),
                    role,
                    level: level.min(5),
                    tenure_weeks: (between(seed, 2, person, 10.0, 300.0)) as u32,
                    skills: None,
                    engagement: between(seed, 3, person, 45.0, 75.0).round(),
                    exhaustion: between(seed, 4, person, 15.0, 40.0).round(),
                    trust_in_leader: between(seed, 5, person, 45.0, 65.0).round(),
                    salary_week: None,
                    traits: Vec::new(),
                    weeks_since_growth: (between(seed, 6, person, 0.0, 30.0)) as u32,
                };
                person += 1;
                p
            })
            .collect();
        teams.push(RawTeam {
            id: format!("t{t:04}"),
            name: if platform {
                format!("Platform {}", t / GROUP + 1)
            } else {
                format!("Team {t}")
            },
            kind: if platform {
                TeamKind::Platform
            } else {
                TeamKind::StreamAligned
            },
            codebase_size: between(seed, 10, ti, 300.0, 1500.0).round(),
            tech_debt: between(seed, 11, ti, 20.0, 55.0).round(),
            psych_safety: between(seed, 12, ti, 45.0, 70.0).round(),
            autonomy: 0.5,
            discovery_share: if platform { 0.0 } else { 0.1 },
            debt_share: 0.1,
            service_share: None,
            wip_limit: 2,
            quality_practice: 0.4,
            analytics: 0.2,
            platform_maturity: if platform { 0.4 } else { 0.0 },
            outcome_mission: !platform && t % 3 == 1,
            vision: 0.5,
            assimilation_tau: None,
            members,
        });
    }

    // Initiatives: two per team. Stream-aligned teams' first item waits on their group's
    // platform team for every other team; the CEO sponsors a dated feature in every fourth team.
    let weeks = WEEKS;
    let mut initiatives = Vec::with_capacity(2 * n_teams);
    for (t, tm) in teams.iter().enumerate() {
        let team = tm.id.clone();
        let platform = tm.kind == TeamKind::Platform;
        let ti = t as u64;
        let provider = (t / GROUP) * GROUP;
        let depends =
            !platform && provider != t && teams[provider].kind == TeamKind::Platform && t % 2 == 0;
        let dated = !platform && t % 4 == 1;
        initiatives.push(RawInitiative {
            id: format!("i{t:04}a"),
            name: format!("Initiative {t}a"),
            team: team.clone(),
            product: None,
            kind: if platform {
                InitiativeKind::PlatformCapability
            } else {
                InitiativeKind::Feature
            },
            state: StartState::Delivery,
            size: between(seed, 20, ti, 15.0, 40.0).round(),
            done: between(seed, 21, ti, 0.0, 10.0).round(),
            max_parallel: 4,
            deadline_week: dated.then_some(weeks / 2),
            fixed_scope: dated,
            sponsor: dated.then(|| "ceo".to_string()),
            cost_of_delay: if dated { 10_000.0 } else { 0.0 },
            market_window: None,
            hidden: None,
            effect_scale: None,
            core_fraction: 0.6,
            deps: if depends {
                vec![RawDependency {
                    provider: teams[provider].id.clone(),
                    work: between(seed, 22, ti, 3.0, 8.0).round(),
                    distributed: false,
                }]
            } else {
                Vec::new()
            },
            planned_weeks: None,
            reported_done: None,
            weekly_cost: 0.0,
        });
        initiatives.push(RawInitiative {
            id: format!("i{t:04}b"),
            name: format!("Initiative {t}b"),
            team,
            product: None,
            kind: if platform {
                InitiativeKind::DebtPaydown
            } else {
                InitiativeKind::OutcomeBet
            },
            state: StartState::Backlog,
            size: between(seed, 23, ti, 8.0, 20.0).round(),
            done: 0.0,
            max_parallel: 3,
            deadline_week: None,
            fixed_scope: false,
            sponsor: None,
            cost_of_delay: 0.0,
            market_window: None,
            hidden: None,
            effect_scale: None,
            core_fraction: 0.6,
            deps: Vec::new(),
            planned_weeks: None,
            reported_done: None,
            weekly_cost: 0.0,
        });
    }

    // One product in steady state: users = signups · activation / c_w.
    let signups_base = (50.0 * people as f64).round();
    let activation = 0.3;
    let monthly_churn = 0.04;
    let users = (signups_base * activation / eq::weekly_churn(monthly_churn)).round();

    let stakeholders = vec![
        RawStakeholder {
            id: "ceo".into(),
            name: "CEO".into(),
            role: StakeholderRole::Ceo,
            power: 0.9,
            waterfall: 0.6,
            trust: RawTrust {
                ability: 55.0,
                benevolence: 60.0,
                integrity: 60.0,
            },
            anxiety: 45.0,
            alignment: 0.4,
            goals: BTreeMap::from([(Metric::Activation, 1.0)]),
            demands: vec![
                DemandKind::DeadlinePullIn,
                DemandKind::FeatureInjection,
                DemandKind::StaffingSolution,
            ],
            says: BTreeMap::new(),
        },
        RawStakeholder {
            id: "cfo".into(),
            name: "CFO".into(),
            role: StakeholderRole::Cfo,
            power: 0.6,
            waterfall: 0.5,
            trust: RawTrust {
                ability: 55.0,
                benevolence: 55.0,
                integrity: 60.0,
            },
            anxiety: 40.0,
            alignment: 0.4,
            goals: BTreeMap::from([(Metric::Revenue, 1.0)]),
            demands: vec![DemandKind::StatusReport, DemandKind::FixedPlan],
            says: BTreeMap::new(),
        },
    ];

    RawScenario {
        id: format!("generated_{people}"),
        title: format!("Generated organisation of {people} people"),
        lesson: "Scaling benchmark: no lesson.".into(),
        briefing: String::new(),
        difficulty: 2,
        seed,
        weeks,
        guided: false,
        value_draw: ValueDraw::Independent,
        params: Default::default(),
        leader: RawLeader::default(),
        budget: RawBudget::default(),
        market: RawMarket::default(),
        products: vec![RawProduct {
            id: "product".into(),
            name: "Product".into(),
            segment: Segment::Smb,
            users,
            signups_base,
            activation,
            monthly_churn: Some(monthly_churn),
            paying_share: 0.1,
            arpu_month: 40.0,
            value_fit: 55.0,
            reliability: 85.0,
        }],
        teams,
        initiatives,
        stakeholders,
        scripted_events: Vec::new(),
        objectives: vec![RawObjective {
            metric: Metric::Activation,
            product: None,
            baseline: None,
            target: activation + 0.02,
            weight: 1.0,
        }],
        plans: Vec::new(),
    }
}

/// Builds and resolves a generated organisation of `people` people with the size limits lifted.
///
/// Errors are the resolver's diagnostics, one a line (a bug in the generator if it happens).
pub fn org(people: usize, seed: u64) -> Result<Scenario, String> {
    scenario::from_raw("generated", raw(people, seed), false).map_err(|d| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_determinism() {
        for n in [1, 6, 7, 50, 500] {
            let sc = org(n, 7).unwrap_or_else(|e| panic!("{n} people: {e}"));
            assert_eq!(sc.people.len(), n);
            assert_eq!(sc.initiatives.len(), 2 * sc.teams.len());
            assert!(sc.people.iter().all(
                |p| sc.people.iter().filter(|q| q.team == p.team).count() <= 9
                    || sc.teams.len() == 1
            ));
        }
        let a = org(500, 3).map(|s| s.content_hash);
        let b = org(500, 3).map(|s| s.content_hash);
        assert_eq!(a, b);
        assert_ne!(
            org(500, 3).map(|s| s.content_hash),
            org(500, 4).map(|s| s.content_hash)
        );
    }

    #[test]
    fn market_starts_steady() {
        let raw = raw(50, 1);
        let p = &raw.products[0];
        let cw = eq::weekly_churn(p.monthly_churn.unwrap_or(0.05));
        let next = p.users * (1.0 - cw) + p.signups_base * p.activation;
        assert!((next - p.users).abs() / p.users < 1e-3);
    }

    #[test]
    fn plays_deterministically() {
        let sc = org(50, 9).unwrap_or_else(|e| panic!("{e}"));
        let play = || {
            let Some(mut bot) = crate::headless::policy_by_name("servant") else {
                unreachable!()
            };
            crate::headless::run(&sc, "servant", bot.as_mut(), 9, Some(6))
        };
        let (a, b) = (play(), play());
        assert_eq!(a.state_hash, b.state_hash);
        for v in [a.culture, a.product, a.combined] {
            assert!((0.0..=100.0).contains(&v), "score {v} out of range");
        }
    }

    #[test]
    fn some_initiatives_wait_on_platform() {
        let sc = org(500, 1).unwrap_or_else(|e| panic!("{e}"));
        assert!(sc.initiatives.iter().any(|i| !i.deps.is_empty()));
    }
}
