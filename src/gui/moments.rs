//! Moments (issue 13): the week's events worth a card of their own at the top of the week's
//! summary — a release, a bet stopped by its experiments, a resignation, a missed date, a demand
//! that went around the leader — each in plain words, with what it means and, where one fits, a
//! decision offered on the card (Share credit for what shipped).

use bevy::prelude::*;

use crate::model::happened::{Happened, LogEntry, Subject};
use crate::sim::describe::{name_of, person_name};
use crate::sim::{Action, Initiative, Person, Stakeholder, Team};

/// What kind of moment a card is (its colour and icon follow it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MomentKind {
    Shipped,
    Stopped,
    Resigned,
    MissedDate,
    WentAround,
}

/// One card: a title, a few lines of what it means, and an optional decision offered on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    pub kind: MomentKind,
    pub title: String,
    pub lines: Vec<String>,
    /// A decision the card offers (its button's label and the action it queues for next week).
    pub offer: Option<(String, Action)>,
}

/// The moments of one week, from its log entries, read against the world after the week
/// (`users_change` is the dashboard's change in users over the week, as the player sees it).
pub fn of_week(world: &World, entries: &[&LogEntry], users_change: f64) -> Vec<Moment> {
    let mut out = Vec::new();
    for e in entries {
        let Some(happened) = e.happened else {
            continue;
        };
        let initiative = e.about.iter().find_map(|s| match s {
            Subject::Initiative(i) => Some(*i),
            _ => None,
        });
        let person = e.about.iter().find_map(|s| match s {
            Subject::Person(p) => Some(*p),
            _ => None,
        });
        let moment = match happened {
            Happened::Shipped => initiative.and_then(|i| shipped(world, i, users_change)),
            Happened::Killed => initiative.and_then(|i| stopped(world, i)),
            Happened::Resigned => person.map(|p| resigned(world, p)),
            Happened::MissedDate => initiative.and_then(|i| missed(world, i)),
            Happened::WentAround => Some(Moment {
                kind: MomentKind::WentAround,
                title: "A demand went around you".into(),
                lines: vec![
                    e.text.clone(),
                    "An unanswered demand lands harder than one you answer, and the team \
                     sees that nobody stood up for it. Answer demands before they fall due."
                        .into(),
                ],
                offer: None,
            }),
            _ => None,
        };
        out.extend(moment);
    }
    out
}

fn initiative(world: &World, id: crate::model::InitiativeId) -> Option<&Initiative> {
    crate::sim::lookup::get::<Initiative>(world, id)
}

fn shipped(world: &World, id: crate::model::InitiativeId, users_change: f64) -> Option<Moment> {
    let it = initiative(world, id)?;
    let team = name_of::<Team>(world, it.team);
    let people = world
        .resource::<crate::sim::Roster>()
        .0
        .get(&it.team)
        .map_or(0, Vec::len);
    let mut lines = vec![match it.sponsor {
        Some(s) => format!(
            "{} by {team}, asked for by {}.",
            it.kind.label(),
            name_of::<Stakeholder>(world, s)
        ),
        None => format!("{} by {team}.", it.kind.label()),
    }];
    lines.push(if users_change.abs() < 0.5 {
        "First reaction: no change in users yet; a release takes weeks to show in the numbers."
            .into()
    } else {
        format!(
            "First reaction: the dashboard shows {} users this week ({}); one week is mostly \
             noise, so watch the trend.",
            if users_change > 0.0 { "more" } else { "fewer" },
            signed_whole(users_change)
        )
    });
    let offer = if it.credited {
        lines.push("The credit for it has already been given.".into());
        None
    } else {
        lines.push(format!(
            "Credit: {team}'s {people} people built it. Saying so in public builds their \
             engagement and trust in you; taking the credit yourself costs both."
        ));
        Some((
            format!("Share credit with {team}"),
            Action::ShareCredit { initiative: id },
        ))
    };
    Some(Moment {
        kind: MomentKind::Shipped,
        title: format!("Shipped: \"{}\"", it.name),
        lines,
        offer,
    })
}

fn stopped(world: &World, id: crate::model::InitiativeId) -> Option<Moment> {
    let it = initiative(world, id)?;
    let team = name_of::<Team>(world, it.team);
    Some(Moment {
        kind: MomentKind::Stopped,
        title: format!("Experiments stopped \"{}\"", it.name),
        lines: vec![
            format!(
                "What was learned: after {} experiment{}, the evidence says it is {} to pay off. \
                 Stopping it now saves building something customers would not use.",
                it.experiments_run,
                if it.experiments_run == 1 { "" } else { "s" },
                crate::sim::describe::chance_words(it.belief)
            ),
            format!(
                "{team} is free for its other work, and its discovery share keeps looking for \
                 better ideas."
            ),
        ],
        offer: None,
    })
}

fn resigned(world: &World, id: crate::model::PersonId) -> Moment {
    let name = person_name(world, id);
    let Some(p) = crate::sim::lookup::get::<Person>(world, id) else {
        return Moment {
            kind: MomentKind::Resigned,
            title: format!("{name} resigned"),
            lines: Vec::new(),
            offer: None,
        };
    };
    let team = name_of::<Team>(world, p.team);
    let mut lines = vec![format!(
        "{}, level {}, in {team}. Leaves in {} week{}.",
        p.role.label(),
        p.level,
        p.notice.unwrap_or(0),
        if p.notice == Some(1) { "" } else { "s" }
    )];
    // What the player could have seen: the same signals the person panel shows.
    let mut signs = Vec::new();
    if p.exhaustion >= 60.0 {
        signs.push("they were exhausted");
    }
    if p.engagement < 40.0 {
        signs.push("they had lost interest in the work");
    }
    if p.weeks_since_1on1 >= 6.0 {
        signs.push("nobody had held a 1:1 with them for weeks");
    }
    if p.flight_risk_revealed {
        signs.push("they had said they were thinking of leaving");
    }
    lines.push(if signs.is_empty() {
        "No warning sign showed: people leave for their own reasons too.".into()
    } else {
        format!("Signs you could have seen: {}.", signs.join("; "))
    });
    lines.push(format!(
        "{team} loses their work and its knowledge; the ones who stay carry more until someone \
         new has settled in."
    ));
    Moment {
        kind: MomentKind::Resigned,
        title: format!("{name} resigned"),
        lines,
        offer: None,
    }
}

fn missed(world: &World, id: crate::model::InitiativeId) -> Option<Moment> {
    let it = initiative(world, id)?;
    let mut lines = vec![format!(
        "{} was due in week {}.",
        it.name,
        it.deadline.map_or_else(|| "?".into(), |d| d.to_string())
    )];
    if let Some(s) = it.sponsor {
        lines.push(format!(
            "{} was counting on it: their trust in you falls. Telling them early (Disclose \
             the status) costs less than a surprise.",
            name_of::<Stakeholder>(world, s)
        ));
    }
    Some(Moment {
        kind: MomentKind::MissedDate,
        title: format!("Missed the date for \"{}\"", it.name),
        lines,
        offer: None,
    })
}

/// A whole number with its sign ("+120", "−35").
fn signed_whole(x: f64) -> String {
    format!("{:+.0}", x)
}
