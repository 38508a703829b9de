//! Moments (issue 13): the week's events worth a card of their own at the top of the week's
//! summary — a release, a bet stopped by its experiments, a resignation, a missed date, a demand
//! that went around the leader, a 1:1 as a short conversation, a warning before someone who
//! said they might leave does — each in plain words, with what it means and, where they fit,
//! decisions offered on the card (Share credit for what shipped, a reply in a 1:1).

use std::collections::BTreeSet;

use bevy::prelude::*;

use crate::model::PersonId;
use crate::model::happened::{Happened, LogEntry, Subject};
use crate::model::ledger::{ALL_DRIVERS, Driver};
use crate::sim::describe::{name_of, person_name, pillar_name};
use crate::sim::{Action, Initiative, Person, PersonDrivers, Pillar, Stakeholder, Team};

/// What kind of moment a card is (its colour and icon follow it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MomentKind {
    Shipped,
    Stopped,
    Resigned,
    MissedDate,
    WentAround,
    /// A 1:1 held this week, as what the person said.
    Conversation,
    /// Someone who said they might leave is close to resigning.
    Warning,
    /// A team's last open work shipped or was stopped: the player chooses its next bet.
    OutOfWork,
    /// A stakeholder's trust in the player rose markedly this week.
    Praise,
}

/// One card: a title, a few lines of what it means, and an optional decision offered on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    pub kind: MomentKind,
    pub title: String,
    pub lines: Vec<String>,
    /// Decisions the card offers (each button's label and the action it queues for next week).
    pub offers: Vec<(String, Action)>,
}

/// At most this many 1:1s a week become conversation cards (those with the most to say).
const CONVERSATIONS_SHOWN: usize = 3;

/// From this chance of leaving within a year, a revealed flight risk reads as "likely to leave"
/// (the person panel uses the same band).
pub const LIKELY_TO_LEAVE: f64 = 0.30;

/// The moments of one week, from its log entries and the 1:1s held (`one_on_ones`), read
/// against the world after the week. `users_change` is the dashboard's change in users over the
/// week, as the player sees it; `warned` holds the people already warned about (a warning is
/// given once).
pub fn of_week(
    world: &World,
    entries: &[&LogEntry],
    one_on_ones: &[PersonId],
    users_change: f64,
    warned: &mut BTreeSet<PersonId>,
) -> Vec<Moment> {
    let mut out = Vec::new();
    let mut idle_carded = BTreeSet::new();
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
                offers: Vec::new(),
            }),
            _ => None,
        };
        out.extend(moment);
        // The team's last open work just ended: what now?
        if matches!(happened, Happened::Shipped | Happened::Killed)
            && let Some(it) = initiative.and_then(|i| self::initiative(world, i))
            && idle_carded.insert(it.team)
            && let Some(m) = out_of_work(world, it)
        {
            out.push(m);
        }
    }
    let mut talks: Vec<(u32, Moment)> = one_on_ones
        .iter()
        .filter_map(|p| conversation(world, *p))
        .collect();
    // The ones with the most to say first; ties in the order they were held.
    talks.sort_by_key(|(weight, _)| std::cmp::Reverse(*weight));
    let held = talks.len();
    out.extend(talks.into_iter().take(CONVERSATIONS_SHOWN).map(|(_, m)| m));
    if held > CONVERSATIONS_SHOWN {
        out.push(Moment {
            kind: MomentKind::Conversation,
            title: format!("{} more 1:1s", held - CONVERSATIONS_SHOWN),
            lines: vec!["They went as usual: select a person to see how they are doing.".into()],
            offers: Vec::new(),
        });
    }
    out.extend(warnings(world, warned));
    out
}

/// A stakeholder's trust rises by at least this much in a week, to at least `PRAISE_FROM`,
/// before they say so (a praise card).
const PRAISE_RISE: f64 = 3.0;
const PRAISE_FROM: f64 = 55.0;

/// What moved a stakeholder's trust between two sets of its three ledgers (ability,
/// benevolence, integrity), in trust points. Trust is `a^0.4 · b^0.3 · i^0.3`
/// (`eq::stakeholder_trust`), so to first order a change `Δa` in ability moves it by
/// `trust · 0.4 · Δa / a`, and likewise for the others: each driver's share is that sum over
/// the three ledgers (exact for small weekly moves, an approximation for large ones).
pub fn trust_causes(
    s: &Stakeholder,
    before: &[crate::model::ledger::Contribs; 3],
) -> Vec<(Driver, f64)> {
    let trust = s.trust();
    let weights = [
        (0.4, s.ability, &s.ability_ledger),
        (0.3, s.benevolence, &s.benevolence_ledger),
        (0.3, s.integrity, &s.integrity_ledger),
    ];
    let mut out: Vec<(Driver, f64)> = ALL_DRIVERS
        .iter()
        .map(|d| {
            let v: f64 = weights
                .iter()
                .zip(before)
                .map(|((wt, stock, now), then)| {
                    trust * wt * (now.get(*d) - then.get(*d)) / stock.max(1.0)
                })
                .sum();
            (*d, v)
        })
        .filter(|(_, v)| v.abs() >= 0.05)
        .collect();
    out.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    out
}

/// A stakeholder who now trusts the player markedly more says so: their words, how far their
/// trust rose, and what raised it (from their ledgers, `trust_causes`).
pub fn praise(world: &World, start: &crate::gui::game::WeekStart) -> Vec<Moment> {
    let mut out = Vec::new();
    for (id, e) in &world.resource::<crate::sim::Index>().stakeholders {
        let (Some(s), Some(then)) = (world.get::<Stakeholder>(*e), start.stakeholders.get(id))
        else {
            continue;
        };
        let now = s.trust();
        if now - then.trust < PRAISE_RISE || now < PRAISE_FROM {
            continue;
        }
        let raised: Vec<String> = trust_causes(s, &then.ledgers)
            .into_iter()
            .filter(|(_, v)| *v > 0.0)
            .take(3)
            .map(|(d, v)| format!("{} ({v:+.1})", d.label()))
            .collect();
        let mut lines = vec![format!(
            "\"That is what I like to see.\" {} ({}) trusts you more: {:.0} to {:.0} this week.",
            s.name,
            s.role.label(),
            then.trust,
            now
        )];
        if !raised.is_empty() {
            lines.push(format!("What raised it: {}.", raised.join(", ")));
        }
        lines.push(
            "Trust is what lets you say no later: a shield costs less political capital with \
             someone who trusts you."
                .into(),
        );
        out.push(Moment {
            kind: MomentKind::Praise,
            title: format!("{} is pleased", s.name),
            lines,
            offers: Vec::new(),
        });
    }
    out
}

/// The chance that `p` leaves within a year, from this week's hazard.
fn yearly_leaving(p: &Person) -> f64 {
    crate::model::eq::annual_turnover(p.hazard)
}

/// Whether the player, once a 1:1 revealed it, reads this person as likely to leave: a hidden
/// flight risk, or a chance of leaving within a year of `LIKELY_TO_LEAVE` or more. The map,
/// its tooltips, the person panel and the warning all use this one band.
pub fn likely_to_leave(p: &Person) -> bool {
    p.flight_risk || yearly_leaving(p) >= LIKELY_TO_LEAVE
}

/// A 1:1 as a short conversation: how they are, what wears them down (the largest driver of
/// their exhaustion or against their engagement, from the model's ledger), what they want to
/// learn (the pillar their work needs where they lack it most), and whether they are thinking
/// of leaving; with replies offered where one fits. Returns how much there is to say (for the
/// order) and the card.
fn conversation(world: &World, id: PersonId) -> Option<(u32, Moment)> {
    let e = *world.resource::<crate::sim::Index>().people.get(&id)?;
    let p = world.get::<Person>(e)?;
    let drivers = world.get::<PersonDrivers>(e);
    let mut weight = 0;
    let mut lines = Vec::new();
    let mut offers = Vec::new();
    let feeling = if p.exhaustion >= 60.0 {
        weight += 2;
        "\"Honestly, I am worn out.\""
    } else if p.engagement >= 65.0 {
        "\"I am enjoying the work.\""
    } else if p.engagement < 40.0 {
        weight += 1;
        "\"I am not sure the work matters much.\""
    } else {
        "\"It is going all right.\""
    };
    lines.push(feeling.to_string());
    if let Some(d) = drivers {
        let plain = |x: Driver| !matches!(x, Driver::Initial | Driver::Residual);
        let tiring = d
            .exhaustion_ledger
            .0
            .iter()
            .enumerate()
            .filter(|(i, v)| **v > 2.0 && ALL_DRIVERS.get(*i).is_some_and(|x| plain(*x)))
            .max_by(|a, b| a.1.total_cmp(b.1))
            .and_then(|(i, _)| ALL_DRIVERS.get(i).copied());
        let draining = d
            .engagement_ledger
            .0
            .iter()
            .enumerate()
            .filter(|(i, v)| **v < -2.0 && ALL_DRIVERS.get(*i).is_some_and(|x| plain(*x)))
            .min_by(|a, b| a.1.total_cmp(b.1))
            .and_then(|(i, _)| ALL_DRIVERS.get(i).copied());
        if let Some(x) = tiring.or(draining) {
            weight += 1;
            lines.push(format!("\"What wears me down: {}.\"", x.label()));
        }
    }
    // What sets them apart (their traits), in their words: a 1:1 is where one learns it.
    if let Some(t) = world.get::<crate::sim::Temperament>(e) {
        let said = if t.crunch > 1.0 {
            Some("\"Long weeks hit me hard; I need my evenings back.\"")
        } else if t.recognition > 1.0 {
            Some("\"It matters to me when people see the work I do.\"")
        } else if t.change > 1.0 {
            Some("\"All this reshuffling wears me down; I need to know what is coming.\"")
        } else if t.crunch < 1.0 {
            Some("\"A crunch now and then does not bother me much.\"")
        } else if t.change < 1.0 {
            Some("\"I like it when things move; new problems keep me going.\"")
        } else if t.recognition < 1.0 {
            Some("\"I do not need praise; I need interesting problems.\"")
        } else {
            None
        };
        if let Some(s) = said {
            lines.push(s.to_string());
        }
    }
    let uses = crate::sim::turn::use_shares(p.role);
    let pillars = [Pillar::Soft, Pillar::TeamDev, Pillar::Domain, Pillar::Craft];
    let want = pillars
        .iter()
        .copied()
        .max_by(|a, b| {
            let gap = |k: Pillar| uses[k as usize] * (100.0 - p.skills[k as usize]);
            gap(*a).total_cmp(&gap(*b))
        })
        .unwrap_or(Pillar::Craft);
    let best = pillars
        .iter()
        .copied()
        .max_by(|a, b| p.skills[*a as usize].total_cmp(&p.skills[*b as usize]))
        .unwrap_or(Pillar::Craft);
    if p.assimilation < 0.9 {
        weight += 1;
        lines.push("\"I am still finding my feet here.\"".into());
    } else if best != want {
        lines.push(format!("\"I am at my best in {}.\"", pillar_name(best)));
    }
    lines.push(format!(
        "\"I would like to get better at {}: my work needs it.\"",
        pillar_name(want)
    ));
    offers.push((
        format!("Mentor them in {}", pillar_name(want)),
        Action::Mentor {
            person: id,
            pillar: want,
        },
    ));
    if p.exhaustion >= 60.0 {
        offers.push((
            "Give them a recovery week".into(),
            Action::RecoveryWeek { person: id },
        ));
    }
    if p.notice.is_none() && p.flight_risk_revealed {
        if likely_to_leave(p) {
            weight += 3;
            lines.push("\"To be honest, I have been thinking about leaving.\"".into());
            offers.push((
                "Ask what would make them stay (stay interview)".into(),
                Action::StayInterview { person: id },
            ));
        } else if yearly_leaving(p) >= 0.15 {
            weight += 1;
            lines.push("\"Sometimes I wonder whether I should look elsewhere.\"".into());
        }
    }
    Some((
        weight,
        Moment {
            kind: MomentKind::Conversation,
            title: format!(
                "1:1 with {} ({}, {})",
                p.name,
                p.role.label(),
                name_of::<Team>(world, p.team)
            ),
            lines,
            offers,
        },
    ))
}

/// A warning, once per person, when someone whose 1:1 revealed they might leave is now likely
/// to: before they resign, not after.
fn warnings(world: &World, warned: &mut BTreeSet<PersonId>) -> Vec<Moment> {
    let mut out = Vec::new();
    for e in world.resource::<crate::sim::Index>().people.values() {
        let Some(p) = world.get::<Person>(*e) else {
            continue;
        };
        let likely = likely_to_leave(p);
        if p.notice.is_some() || !p.flight_risk_revealed || !likely || warned.contains(&p.id) {
            continue;
        }
        warned.insert(p.id);
        out.push(Moment {
            kind: MomentKind::Warning,
            title: format!("{} may be about to leave", p.name),
            lines: vec![
                format!(
                    "{} told you in a 1:1 that they are thinking of leaving, and nothing has \
                     changed their mind yet.",
                    p.name
                ),
                "A stay interview, rest, a raise or growth may keep them; once they resign it is \
                 too late."
                    .into(),
            ],
            offers: vec![(
                "Ask what would make them stay (stay interview)".into(),
                Action::StayInterview { person: p.id },
            )],
        });
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
    let offers = if it.credited {
        lines.push("The credit for it has already been given.".into());
        Vec::new()
    } else {
        lines.push(format!(
            "Credit: {team}'s {people} people built it. Saying so in public builds their \
             engagement and trust in you; taking the credit yourself costs both."
        ));
        vec![(
            format!("Share credit with {team}"),
            Action::ShareCredit { initiative: id },
        )]
    };
    Some(Moment {
        kind: MomentKind::Shipped,
        title: format!("Shipped: \"{}\"", it.name),
        lines,
        offers,
    })
}

/// The card for a team whose last open work (`last`) ended this week, or `None` while it has
/// work left. It offers the team's next bet: explore new ideas (a higher discovery share, so
/// its own ideas come up for experiments) or pay down its debt; moving people to a team with
/// waiting work is named too (Reteam, from a person).
fn out_of_work(world: &World, last: &Initiative) -> Option<Moment> {
    let team_id = last.team;
    let idx = world.resource::<crate::sim::Index>();
    let open_work = |t: crate::model::TeamId| {
        idx.initiatives
            .values()
            .filter_map(|e| world.get::<Initiative>(*e))
            .filter(|i| i.team == t && i.is_open())
            .count()
    };
    if open_work(team_id) > 0 {
        return None;
    }
    let t = crate::sim::lookup::get::<Team>(world, team_id)?;
    let mut lines = vec![format!(
        "\"{}\" was its last open work. A team with nothing meaningful to do loses engagement \
         week by week (the ledger calls it too little meaningful work). Choose its next bet.",
        last.name
    )];
    let mut offers = Vec::new();
    // Room under the 0.7 cap on discovery + debt + service shares.
    let room =
        |own: f64| (0.7 - (t.discovery_share + t.debt_share + t.service_share) + own).min(0.4);
    let discovery = room(t.discovery_share).min(0.3);
    if discovery > t.discovery_share + 0.05 {
        offers.push((
            format!(
                "Explore new ideas: discovery from {:.0} % to {:.0} %",
                t.discovery_share * 100.0,
                discovery * 100.0
            ),
            Action::SetDiscoveryShare {
                team: team_id,
                share: (discovery * 100.0).round() / 100.0,
            },
        ));
    }
    let debt = room(t.debt_share).min(0.3);
    if debt > t.debt_share + 0.05 {
        offers.push((
            format!(
                "Pay down technical debt: from {:.0} % to {:.0} % of its time",
                t.debt_share * 100.0,
                debt * 100.0
            ),
            Action::SetDebtShare {
                team: team_id,
                share: (debt * 100.0).round() / 100.0,
            },
        ));
    }
    // The team with the most work waiting, for the people who could help there.
    let busiest = idx
        .teams
        .values()
        .filter_map(|e| world.get::<Team>(*e))
        .filter(|o| o.id != team_id)
        .map(|o| (open_work(o.id), o))
        .filter(|(n, _)| *n >= 2)
        .max_by_key(|(n, o)| (*n, std::cmp::Reverse(o.id)));
    if let Some((n, o)) = busiest {
        lines.push(format!(
            "Or move people where the work is: {} has {n} open pieces of work (select a \
             person, then Move to {}).",
            o.name, o.name
        ));
    }
    Some(Moment {
        kind: MomentKind::OutOfWork,
        title: format!("{} has run out of work", t.name),
        lines,
        offers,
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
        offers: Vec::new(),
    })
}

fn resigned(world: &World, id: crate::model::PersonId) -> Moment {
    let name = person_name(world, id);
    let Some(p) = crate::sim::lookup::get::<Person>(world, id) else {
        return Moment {
            kind: MomentKind::Resigned,
            title: format!("{name} resigned"),
            lines: Vec::new(),
            offers: Vec::new(),
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
        offers: Vec::new(),
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
        offers: Vec::new(),
    })
}

/// A whole number with its sign ("+120", "−35").
fn signed_whole(x: f64) -> String {
    format!("{:+.0}", x)
}
