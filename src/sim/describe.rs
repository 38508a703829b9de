//! Actions and the things they name, in plain words ("1:1 with Ana", "Shield Onboarding from
//! Helga's demand for a status report"): shared by the window, the reports and the CLI.

use bevy::prelude::*;

use crate::model::{InitiativeId, PersonId, StakeholderId, TeamId};
use crate::scenario::DemandKind;
use crate::sim::lookup;
use crate::sim::{Action, Demand, DemandVoices, Person, Pillar, Response, Stakeholder, Team};

/// A pillar of skill in plain words.
pub fn pillar_name(p: Pillar) -> &'static str {
    match p {
        Pillar::Soft => "soft skills",
        Pillar::TeamDev => "team development",
        Pillar::Domain => "domain",
        Pillar::Craft => "craft",
    }
}

/// Entities with a display name.
pub trait Named: lookup::Indexed {
    fn display_name(&self) -> &str;
}

macro_rules! named {
    ($($t:ty),*) => {$(
        impl Named for $t {
            fn display_name(&self) -> &str {
                &self.name
            }
        }
    )*};
}
named!(
    Person,
    Team,
    crate::sim::Initiative,
    crate::sim::Stakeholder,
    crate::sim::Product
);

/// The display name of the entity with this id ("(gone)" once it has left the world).
pub fn name_of<T: Named>(world: &World, id: T::Id) -> String {
    lookup::get::<T>(world, id)
        .map(|x| x.display_name().to_string())
        .unwrap_or_else(|| "(gone)".into())
}

/// A person's name, also once they have left ("Ana (left)").
pub fn person_name(world: &World, id: PersonId) -> String {
    if let Some(x) = lookup::get::<Person>(world, id) {
        return x.display_name().to_string();
    }
    world
        .get_resource::<crate::sim::FormerNames>()
        .and_then(|f| f.0.get(&id))
        .map_or_else(|| "(gone)".into(), |n| format!("{n} (left)"))
}

/// An action in plain words with the names of what it targets ("1:1 with Ana").
pub fn describe(world: &World, a: &Action) -> String {
    use Action::*;
    let person = |id: PersonId| person_name(world, id);
    let team = |id: TeamId| name_of::<Team>(world, id);
    let init = |id: InitiativeId| name_of::<crate::sim::Initiative>(world, id);
    let sh = |id: StakeholderId| name_of::<crate::sim::Stakeholder>(world, id);
    match a {
        OpenRequisition {
            team: t,
            role,
            level,
        } => {
            format!(
                "Open a requisition: {}, level {level}, for {}",
                role.label(),
                team(*t)
            )
        }
        StructuredOnboarding { person: p } => format!("Structured onboarding for {}", person(*p)),
        HireContractors { team: t, count } => format!("Hire {count} contractors for {}", team(*t)),
        OneOnOne { person: p } => format!("1:1 with {}", person(*p)),
        Mentor { person: p, pillar } => {
            format!("Mentor {} ({})", person(*p), pillar_name(*pillar))
        }
        PairMentor { mentee, mentor } => {
            format!("{} mentors {}", person(*mentor), person(*mentee))
        }
        Training { person: p, pillar } => {
            format!("Training for {} ({})", person(*p), pillar_name(*pillar))
        }
        StayInterview { person: p } => format!("Stay interview with {}", person(*p)),
        RetentionRaise { person: p } => format!("Retention raise for {}", person(*p)),
        RecoveryWeek { person: p } => format!("Recovery week for {}", person(*p)),
        Layoff { people } => format!(
            "Lay off {}",
            people
                .iter()
                .map(|p| person(*p))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        DevelopManager { person: p } => format!("Develop {} as a manager", person(*p)),
        VisionSession => "Vision session".into(),
        StrategySession { stakeholder } => format!("Strategy session with {}", sh(*stakeholder)),
        ShareCredit { initiative } => format!("Share credit for {}", init(*initiative)),
        TakeCredit { initiative } => format!("Take credit for {}", init(*initiative)),
        TakeResponsibility { team: t } => format!("Take responsibility for {}", team(*t)),
        Blame { team: t } => format!("Blame {}", team(*t)),
        BlamelessReview { team: t } => format!("Blameless review with {}", team(*t)),
        Respond { demand, response } => {
            let org = world.resource::<crate::sim::Org>();
            match org.demands.iter().find(|d| d.id == *demand) {
                Some(d) => {
                    let what = format!(
                        "{}'s demand for {}",
                        short_name(&sh(d.from)),
                        d.kind.label()
                    );
                    match response {
                        Response::Comply => format!("Comply with {what} ({})", team(d.team)),
                        Response::Shield => format!("Shield {} from {what}", team(d.team)),
                        Response::Reframe => {
                            format!("Reframe {what} as an outcome for {}", team(d.team))
                        }
                        Response::Escalate => format!("Escalate {what} ({})", team(d.team)),
                    }
                }
                None => crate::score::capitalise(a.kind().label()),
            }
        }
        DemoDay { team: t } => format!("Demo day for {}", team(*t)),
        DiscloseSlip { initiative } => format!("Disclose the status of {}", init(*initiative)),
        SetDiscoveryShare { team: t, share } => {
            format!("{}: discovery share {:.0}%", team(*t), share * 100.0)
        }
        SetDebtShare { team: t, share } => {
            format!("{}: debt paydown {:.0}%", team(*t), share * 100.0)
        }
        SetWipLimit { team: t, limit } => format!("{}: WIP limit {limit}", team(*t)),
        Tooling { team: t } => format!("Tooling for {}", team(*t)),
        Analytics { team: t } => format!("Analytics for {}", team(*t)),
        PlatformInvestment { team: t } => format!("Platform investment in {}", team(*t)),
        RequestBudget { amount } => format!("Request ${:.0}k budget", amount / 1000.0),
        SetOvertimePolicy { policy } => format!("Overtime policy: {}", policy.label()),
        BrokerAlignment { a, b } => format!("Broker alignment: {} and {}", team(*a), team(*b)),
        ConnectTeams { a, b } => format!("Connect {} and {}", team(*a), team(*b)),
        SetInteractionMode { a, b, mode } => {
            format!("{} and {}: {}", team(*a), team(*b), mode.label())
        }
        Reteam { person: p, to } => format!("Move {} to {}", person(*p), team(*to)),
        ReviewMetrics { product } => {
            format!(
                "Review {} metrics",
                name_of::<crate::sim::Product>(world, *product)
            )
        }
        RunExperiment { initiative } => format!("Experiment on {}", init(*initiative)),
        Forecast { initiative } => format!("Forecast {}", init(*initiative)),
        KillInitiative { initiative } => format!("Kill {}", init(*initiative)),
        Descope { initiative } => format!("Descope {}", init(*initiative)),
    }
}

/// A demand kind in a few plain words, for short lists ("fixed-scope plan").
pub fn demand_name(k: DemandKind) -> &'static str {
    match k {
        DemandKind::FixedPlan => "fixed-scope plan",
        DemandKind::StatusReport => "status report",
        DemandKind::FeatureInjection => "extra feature",
        DemandKind::ResourceGrab => "people lent out",
        DemandKind::DeadlinePullIn => "earlier deadline",
        DemandKind::StaffingSolution => "more people on late work",
    }
}

/// What a stakeholder says by default when they make a demand of this kind (`{team}` and
/// `{due}` are filled in); a scenario's `says` replaces it per stakeholder.
pub fn default_says(k: DemandKind) -> &'static str {
    match k {
        DemandKind::FixedPlan => {
            "I need a fixed-scope plan for {team}: every feature with its date, signed off."
        }
        DemandKind::StatusReport => "I want a detailed status report from {team}.",
        DemandKind::FeatureInjection => "{team} has to fit in one more feature for me.",
        DemandKind::ResourceGrab => "Lend me people from {team} for my project.",
        DemandKind::DeadlinePullIn => "{team}'s deadline has to come forward.",
        DemandKind::StaffingSolution => "{team} is late: put more people on it.",
    }
}

/// The words of a demand in its stakeholder's voice, names filled in.
pub fn demand_words(world: &World, d: &Demand) -> String {
    let text = world
        .get_resource::<DemandVoices>()
        .and_then(|v| v.0.get(&(d.from, d.kind)))
        .map_or(default_says(d.kind), String::as_str);
    text.replace("{team}", &name_of::<Team>(world, d.team))
        .replace("{due}", &d.respond_by.to_string())
}

/// A demand as the inbox and the week's log read it: who, in what words, and by when
/// (`Helga (Programme office): "I want a detailed status report from Onboarding." Answer by
/// week 5.`). A demand made with more than the usual force says so in words, not as a number.
pub fn demand_line(world: &World, d: &Demand) -> String {
    let who = lookup::get::<Stakeholder>(world, d.from).map_or_else(
        || "A stakeholder".to_string(),
        // Scenarios often write the title into the name ("Helga (PMO Director)").
        |s| {
            if s.name.contains('(') {
                s.name.clone()
            } else {
                format!("{} ({})", s.name, s.role.label())
            }
        },
    );
    let insist = if d.intensity >= INSISTENT_INTENSITY {
        " They insist."
    } else {
        ""
    };
    format!(
        "{who}: \"{}\"{insist} Answer by week {}.",
        demand_words(world, d),
        d.respond_by
    )
}

/// From this intensity on a demand reads as insistent (the default intensity is 1).
const INSISTENT_INTENSITY: f64 = 1.4;

/// A demand named by who made it and what for ("Helga's demand for a status report").
pub fn demand_from(world: &World, d: &Demand) -> String {
    format!(
        "{}'s demand for {}",
        short_name(&name_of::<Stakeholder>(world, d.from)),
        d.kind.label()
    )
}

/// A demand named by who made it, what for and for which team ("Helga's demand for a status
/// report (Onboarding)"), for log lines about answering it.
pub fn demand_of(world: &World, d: &Demand) -> String {
    format!(
        "{}'s demand for {} ({})",
        short_name(&name_of::<Stakeholder>(world, d.from)),
        d.kind.label(),
        name_of::<Team>(world, d.team)
    )
}

/// A probability in words ("unlikely"), where a player reads it: the game never shows odds as
/// numbers.
pub fn chance_words(p: f64) -> &'static str {
    match p {
        x if x < 0.1 => "very unlikely",
        x if x < 0.35 => "unlikely",
        x if x < 0.65 => "as likely as not",
        x if x < 0.9 => "likely",
        _ => "very likely",
    }
}

/// A name without the title a scenario may write after it ("Helga (PMO Director)" is "Helga"),
/// for possessives ("Helga's demand").
pub fn short_name(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name).trim()
}
