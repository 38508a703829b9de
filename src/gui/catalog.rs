//! Which actions apply to what the player selected, each with a one-line explanation, and how
//! an action reads in plain words. The window lists these; the tests check them headlessly.

use bevy::prelude::*;

use crate::model::eq::OvertimePolicy;
use crate::model::{InitiativeId, PersonId, ProductId, StakeholderId, TeamId};
use crate::scenario::Role;
pub use crate::sim::describe::{Named, demand_name, describe, name_of, person_name, pillar_name};
use crate::sim::lookup;
use crate::sim::{Action, Index, InteractionMode, Person, Pillar, Response, Team};

/// What the player has selected on the playing screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Selection {
    /// The organization as a whole: the leader's org-wide actions.
    #[default]
    Org,
    Team(TeamId),
    Person(PersonId),
    Stakeholder(StakeholderId),
    Initiative(InitiativeId),
    Product(ProductId),
    /// The relation between two teams (a dependency edge).
    Pair(TeamId, TeamId),
}

/// One action the player can take on the selection.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionOption {
    pub action: Action,
    pub label: String,
    /// What it does and why one would, in one line.
    pub explain: &'static str,
}

fn opt(action: Action, label: impl Into<String>, explain: &'static str) -> ActionOption {
    ActionOption {
        action,
        label: label.into(),
        explain,
    }
}

/// One line on what a response to a demand does (the inbox shows it under each button).
pub fn response_explain(r: Response) -> &'static str {
    match r {
        Response::Comply => {
            "Do what is asked: trust and anxiety improve now; the team absorbs the churn, overhead or lost people."
        }
        Response::Shield => {
            "Say no and absorb it yourself: the team is protected; costs political capital and some stakeholder trust."
        }
        Response::Reframe => {
            "Offer an outcome-based alternative: may satisfy both sides; can fail, and then the demand comes back."
        }
        Response::Escalate => {
            "Take it above the stakeholder: ends the demand, but burns political capital and their benevolence."
        }
    }
}

/// The actions that apply to `sel` in the current world, in a stable order.
pub fn options(world: &World, sel: Selection) -> Vec<ActionOption> {
    use Action::*;
    let mut v = Vec::new();
    match sel {
        Selection::Org => {
            v.push(opt(
                VisionSession,
                "Vision session",
                "Explain where the product is going: vision clarity lifts engagement in every team.",
            ));
            for (policy, label, explain) in [
                (
                    OvertimePolicy::SustainablePace,
                    "Overtime: sustainable pace",
                    "Cap overtime at 10 %: less output this week, far less exhaustion and attrition.",
                ),
                (
                    OvertimePolicy::Default,
                    "Overtime: let teams decide",
                    "Overtime follows pressure and willingness, as before any policy.",
                ),
                (
                    OvertimePolicy::Crunch,
                    "Overtime: mandate crunch",
                    "60-hour weeks: a short burst of output, then exhaustion, defects and resignations.",
                ),
            ] {
                v.push(opt(SetOvertimePolicy { policy }, label, explain));
            }
            let quarter = world.resource::<crate::sim::Budget>().quarter_total;
            let ask = (quarter * 0.1 / 1000.0).round() * 1000.0;
            v.push(opt(
                RequestBudget {
                    amount: ask.max(1000.0),
                },
                format!("Request ${:.0}k more budget", ask.max(1000.0) / 1000.0),
                "Ask the CFO for 10 % more this quarter: spends political capital; arrives later.",
            ));
        }
        Selection::Team(t) => {
            let Some(team) = lookup::get::<Team>(world, t) else {
                return v;
            };
            for (role, level, label) in [
                (Role::Engineer, 2, "Hire an engineer (level 2)"),
                (Role::Engineer, 4, "Hire a senior engineer (level 4)"),
                (Role::Designer, 3, "Hire a designer (level 3)"),
                (Role::Pm, 3, "Hire a product manager (level 3)"),
            ] {
                v.push(opt(
                    OpenRequisition {
                        team: t,
                        role,
                        level,
                    },
                    label,
                    "Open a requisition: the hire arrives in weeks, then ramps up; mentors lose time meanwhile (Brooks).",
                ));
            }
            v.push(opt(
                HireContractors { team: t, count: 2 },
                "Hire 2 contractors",
                "Fast, short-term capacity: no growth, weak ownership, and onboarding drag on the team.",
            ));
            v.push(opt(
                TakeResponsibility { team: t },
                "Take responsibility for a failure",
                "Own the team's miss in public: safety and trust in you rise; costs political capital.",
            ));
            v.push(opt(
                BlamelessReview { team: t },
                "Blameless review",
                "Learn from a failure without blame: psychological safety and quality improve.",
            ));
            v.push(opt(
                Blame { team: t },
                "Blame the team",
                "Point at the team for a failure: earns political capital, costs safety and engagement.",
            ));
            v.push(opt(
                DemoDay { team: t },
                "Demo day",
                "Show working software to stakeholders: transparency builds their trust in the team.",
            ));
            let share = |x: f64| (x * 20.0).round() / 20.0;
            v.push(opt(
                SetDiscoveryShare {
                    team: t,
                    share: share((team.discovery_share + 0.1).min(0.5)),
                },
                format!(
                    "Discovery share: {:.0}% to {:.0}%",
                    team.discovery_share * 100.0,
                    share((team.discovery_share + 0.1).min(0.5)) * 100.0
                ),
                "More capacity on learning what to build: fewer misses, slower delivery now.",
            ));
            v.push(opt(
                SetDiscoveryShare {
                    team: t,
                    share: share((team.discovery_share - 0.1).max(0.0)),
                },
                format!(
                    "Discovery share: {:.0}% to {:.0}%",
                    team.discovery_share * 100.0,
                    share((team.discovery_share - 0.1).max(0.0)) * 100.0
                ),
                "More capacity on delivery: faster output, more bets that miss.",
            ));
            v.push(opt(
                SetDebtShare {
                    team: t,
                    share: share((team.debt_share + 0.1).min(0.5)),
                },
                format!(
                    "Debt paydown: {:.0}% to {:.0}%",
                    team.debt_share * 100.0,
                    share((team.debt_share + 0.1).min(0.5)) * 100.0
                ),
                "Spend capacity on technical debt: slower now, faster and safer later.",
            ));
            v.push(opt(
                SetDebtShare {
                    team: t,
                    share: share((team.debt_share - 0.1).max(0.0)),
                },
                format!(
                    "Debt paydown: {:.0}% to {:.0}%",
                    team.debt_share * 100.0,
                    share((team.debt_share - 0.1).max(0.0)) * 100.0
                ),
                "Less debt paydown: more feature capacity now, debt grows.",
            ));
            let lim = team.wip_limit.max(1);
            v.push(opt(
                SetWipLimit {
                    team: t,
                    limit: lim.saturating_sub(1).max(1),
                },
                format!("WIP limit: {} to {}", lim, lim.saturating_sub(1).max(1)),
                "Fewer items in parallel: less context switching, shorter lead times (Little's law).",
            ));
            v.push(opt(
                SetWipLimit {
                    team: t,
                    limit: lim + 1,
                },
                format!("WIP limit: {} to {}", lim, lim + 1),
                "More items in parallel: more started, each finishes later.",
            ));
            v.push(opt(
                Tooling { team: t },
                "Invest in tooling",
                "Better tools: a lasting capacity gain and less toil; costs money every week.",
            ));
            v.push(opt(
                Analytics { team: t },
                "Invest in analytics",
                "Instrument the product: the dashboard becomes less noisy, decisions less blind.",
            ));
            v.push(opt(
                PlatformInvestment { team: t },
                "Platform investment",
                "Mature the platform: fewer and cheaper dependencies for the teams that use it.",
            ));
        }
        Selection::Person(pid) => {
            let Some(p) = lookup::get::<Person>(world, pid) else {
                return v;
            };
            let weakest = weakest_pillar(p);
            v.push(opt(
                OneOnOne { person: pid },
                "1:1",
                "Half an hour of listening: engagement and trust in you; may reveal a flight risk.",
            ));
            v.push(opt(
                StayInterview { person: pid },
                "Stay interview",
                "Ask what would make them stay: reveals their flight risk and its drivers.",
            ));
            v.push(opt(
                Mentor {
                    person: pid,
                    pillar: weakest,
                },
                format!("Mentor them ({})", pillar_name(weakest)),
                "Your time on their weakest skill: growth, engagement, trust in you.",
            ));
            v.push(opt(
                Training {
                    person: pid,
                    pillar: weakest,
                },
                format!("Training ({})", pillar_name(weakest)),
                "A course on their weakest skill: growth for money, away for part of the week.",
            ));
            v.push(opt(
                RecoveryWeek { person: pid },
                "Recovery week",
                "A week off: exhaustion falls, their work waits.",
            ));
            v.push(opt(
                RetentionRaise { person: pid },
                "Retention raise",
                "12 % more pay for six months: lowers their quit hazard; teammates may see it as unfair.",
            ));
            v.push(opt(
                StructuredOnboarding { person: pid },
                "Structured onboarding",
                "For new hires: a faster, deeper ramp-up.",
            ));
            v.push(opt(
                DevelopManager { person: pid },
                "Develop as a manager",
                "Coach them to lead: better coaching of their team over time.",
            ));
            // A more senior teammate as mentor, if there is one.
            let idx = world.resource::<Index>();
            let mentor = idx
                .people
                .values()
                .filter_map(|e| world.get::<Person>(*e))
                .filter(|m| m.team == p.team && m.level > p.level && m.id != pid)
                .max_by_key(|m| (m.level, std::cmp::Reverse(m.id)));
            if let Some(m) = mentor {
                v.push(opt(
                    PairMentor {
                        mentee: pid,
                        mentor: m.id,
                    },
                    format!("Pair with {} as mentor", m.name),
                    "A senior teammate mentors them: growth for both, some of the mentor's time.",
                ));
            }
            for (tid, e) in &idx.teams {
                if *tid == p.team {
                    continue;
                }
                if let Some(t) = world.get::<Team>(*e) {
                    v.push(opt(
                        Reteam {
                            person: pid,
                            to: *tid,
                        },
                        format!("Move to {}", t.name),
                        "Reteam: helps where they go after a ramp-up; both teams re-form for a while.",
                    ));
                }
            }
            v.push(opt(
                Layoff { people: vec![pid] },
                "Lay off",
                "Cuts cost at once; the team's safety and engagement drop, survivors may leave.",
            ));
        }
        Selection::Stakeholder(s) => {
            v.push(opt(
                StrategySession { stakeholder: s },
                "Strategy session",
                "Meet and align on goals: benevolence and alignment rise, anxiety falls.",
            ));
        }
        Selection::Initiative(i) => {
            v.push(opt(
                ShareCredit { initiative: i },
                "Share credit with the team",
                "Credit the team in public: engagement and trust in you rise.",
            ));
            v.push(opt(
                TakeCredit { initiative: i },
                "Take the credit yourself",
                "Earns political capital; the team notices and trust in you falls.",
            ));
            v.push(opt(
                DiscloseSlip { initiative: i },
                "Disclose the real status",
                "Tell the sponsor the truth about a slip early: integrity trust instead of a later watermelon.",
            ));
            v.push(opt(
                RunExperiment { initiative: i },
                "Run an experiment",
                "Test the bet before building it all: learn if it is a hit, at some discovery cost.",
            ));
            v.push(opt(
                Forecast { initiative: i },
                "Probabilistic forecast",
                "A date with a range (50 % and 85 %) from throughput. While fresh, stakeholders take it instead of a fixed-date plan for this team; shipping by the 85 % date builds their trust.",
            ));
            v.push(opt(
                Descope { initiative: i },
                "Descope",
                "Cut to the core: ships sooner with less value; a sponsor with fixed scope objects.",
            ));
            v.push(opt(
                KillInitiative { initiative: i },
                "Kill it",
                "Stop a bet that will not pay off: frees capacity; the sponsor may lose trust.",
            ));
        }
        Selection::Product(p) => {
            v.push(opt(
                ReviewMetrics { product: p },
                "Review metrics",
                "Look at the true numbers this week instead of the noisy dashboard.",
            ));
        }
        Selection::Pair(a, b) => {
            v.push(opt(
                BrokerAlignment { a, b },
                "Broker alignment",
                "Get both teams to agree priorities: dependency work gets picked up sooner.",
            ));
            v.push(opt(
                ConnectTeams { a, b },
                "Connect the teams",
                "Build relationships between them: lasting congruence, fewer waits.",
            ));
            for (mode, label, explain) in [
                (
                    InteractionMode::Collaboration,
                    "Mode: collaboration",
                    "Work closely for a while: fast learning, high cognitive load on both.",
                ),
                (
                    InteractionMode::XaaS,
                    "Mode: X-as-a-service",
                    "Consume the provider as a service: low load once its platform is mature.",
                ),
                (
                    InteractionMode::Facilitating,
                    "Mode: facilitating",
                    "The provider coaches the consumer: capability moves across.",
                ),
            ] {
                v.push(opt(SetInteractionMode { a, b, mode }, label, explain));
            }
        }
    }
    v
}

fn weakest_pillar(p: &Person) -> Pillar {
    let all = [Pillar::Soft, Pillar::TeamDev, Pillar::Domain, Pillar::Craft];
    let mut best = Pillar::Soft;
    for x in all {
        if p.skills[x as usize] < p.skills[best as usize] {
            best = x;
        }
    }
    best
}
