//! The debrief by decisions tells the truth (issue 12): pairs of games that differ in exactly
//! one decision — shield instead of comply, mentor or not, hire in week 3 or not, disclose a
//! slip or not — and the game with the decision must name it among its top decision lines,
//! with the sign and roughly the size of the measured what-if difference, in ≥ 90 % of pairs.
//! The test prints every pair.

mod common;

use bevy::prelude::World;
use orgcraft::headless::Policy;
use orgcraft::headless::attribution::{self, Topic};
use orgcraft::headless::bots::Caretaker;
use orgcraft::headless::log::record;
use orgcraft::model::{InitiativeId, PersonId, TeamId};
use orgcraft::scenario::Role;
use orgcraft::sim::{Action, Index, Initiative, Person, Pillar, Response};

/// Which single decision the second game of a pair adds or changes.
#[derive(Clone, Copy, Debug)]
enum Change {
    /// Shield the first demand the caretaker would comply with.
    ShieldFirst,
    /// Mentor the first person of the first team in week 3 (domain pillar).
    MentorWeek3,
    /// Open a requisition for the first team in week 3.
    HireWeek3,
    /// Disclose the first open initiative in week 4.
    DiscloseWeek4,
}

/// The caretaker with one decision changed; remembers the topic the changed decision had.
struct OneChange {
    change: Change,
    done: bool,
    topic: Option<Topic>,
}

fn week(world: &World) -> u32 {
    world.resource::<orgcraft::sim::Clock>().week + 1
}

fn first_team(world: &World) -> Option<TeamId> {
    world.resource::<Index>().teams.keys().next().copied()
}

fn first_person(world: &World, team: TeamId) -> Option<PersonId> {
    let idx = world.resource::<Index>();
    idx.people
        .values()
        .filter_map(|e| world.get::<Person>(*e))
        .find(|p| p.team == team)
        .map(|p| p.id)
}

fn first_open_initiative(world: &World) -> Option<InitiativeId> {
    let idx = world.resource::<Index>();
    idx.initiatives
        .values()
        .filter_map(|e| world.get::<Initiative>(*e))
        .find(|i| i.is_open())
        .map(|i| i.id)
}

impl Policy for OneChange {
    fn decide(&mut self, world: &World) -> Vec<Action> {
        let mut out = Caretaker.decide(world);
        if self.done {
            return out;
        }
        let extra = match self.change {
            Change::ShieldFirst => {
                if let Some(a) = out.iter_mut().find(|a| matches!(a, Action::Respond { .. })) {
                    if let Action::Respond { response, .. } = a {
                        *response = Response::Shield;
                    }
                    self.topic = attribution::topic_of(world, a);
                    self.done = true;
                }
                None
            }
            Change::MentorWeek3 if week(world) == 3 => first_team(world)
                .and_then(|t| first_person(world, t))
                .map(|person| Action::Mentor {
                    person,
                    pillar: Pillar::Domain,
                }),
            Change::HireWeek3 if week(world) == 3 => {
                first_team(world).map(|team| Action::OpenRequisition {
                    team,
                    role: Role::Engineer,
                    level: 2,
                })
            }
            Change::DiscloseWeek4 if week(world) == 4 => {
                first_open_initiative(world).map(|initiative| Action::DiscloseSlip { initiative })
            }
            _ => None,
        };
        if let Some(a) = extra
            && orgcraft::sim::actions::price(world, &a).is_ok()
        {
            self.topic = attribution::topic_of(world, &a);
            self.done = true;
            // First, so the caretaker's own decisions cannot use up the attention it needs.
            out.insert(0, a);
        }
        out
    }
}

#[test]
fn the_decision_that_made_the_difference_leads_the_debrief() {
    let seeds: Vec<u64> = (1..=6).collect();
    let changes = [
        Change::ShieldFirst,
        Change::MentorWeek3,
        Change::HireWeek3,
        Change::DiscloseWeek4,
    ];
    let (mut pairs, mut agree) = (0usize, 0usize);
    println!(
        "{:<20} {:<14} {:>4} {:>8} {:>8} {:>5}  line",
        "scenario", "decision", "seed", "what-if", "debrief", "rank"
    );
    for path in common::shipped() {
        let sc = orgcraft::scenario::load(&path).expect("shipped scenario loads");
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        for change in changes {
            for &seed in &seeds {
                let (base, _) = record(&sc, "caretaker", &mut Caretaker, seed, None);
                let mut p = OneChange {
                    change,
                    done: false,
                    topic: None,
                };
                let (with, log) = record(&sc, "caretaker+1", &mut p, seed, None);
                let Some(topic) = p.topic else {
                    continue; // the decision was not possible in this world
                };
                let diff = with.combined - base.combined;
                let a = attribution::attribute(&sc, &log).expect("the log fits its scenario");
                let mut ranked: Vec<&attribution::DecisionLine> = a.lines.iter().collect();
                ranked.sort_by(|x, y| y.combined.abs().total_cmp(&x.combined.abs()));
                let rank = ranked.iter().position(|l| l.topic == topic);
                let line = rank.map_or(0.0, |r| ranked[r].combined);
                // Roughly the size: within 0.3 points plus 30 % of the difference.
                let close = (line - diff).abs() <= 0.3 + 0.3 * diff.abs();
                let signed = diff.abs() < 0.3 || line.signum() == diff.signum();
                let named = diff.abs() < 0.3 || rank.is_some_and(|r| r < 3);
                let ok = close && signed && named;
                pairs += 1;
                agree += usize::from(ok);
                println!(
                    "{name:<20} {:<14} {seed:>4} {diff:>+8.2} {line:>+8.2} {:>5}  {}{}",
                    format!("{change:?}"),
                    rank.map_or("-".into(), |r| (r + 1).to_string()),
                    rank.map_or("(not found)".into(), |r| ranked[r].label.clone()),
                    if ok { "" } else { "   <- disagrees" }
                );
            }
        }
    }
    println!("{agree} of {pairs} pairs agree");
    assert!(pairs >= 60, "too few pairs were possible: {pairs}");
    assert!(
        agree * 10 >= pairs * 9,
        "the debrief agrees with the what-if in only {agree} of {pairs} pairs"
    );
}

#[test]
fn a_caretakers_own_game_owes_nothing_to_its_decisions() {
    // Handing a topic to the caretaker changes nothing when the caretaker decided it: every
    // line is exactly zero and so is the gap.
    let sc = common::load("pmo_gantt.ron");
    let (_, log) = record(&sc, "caretaker", &mut Caretaker, 7, None);
    let a = attribution::attribute(&sc, &log).expect("fits");
    assert!(!a.lines.is_empty(), "the caretaker decides something");
    for l in &a.lines {
        assert_eq!(
            (l.culture, l.product, l.combined),
            (0.0, 0.0, 0.0),
            "{}",
            l.label
        );
    }
    assert_eq!(a.you, a.caretaker);
    assert_eq!(a.together, (0.0, 0.0, 0.0));
}

#[test]
fn a_yes_man_is_told_what_complying_cost() {
    // The caretaker complies too, so "how you answered Helga's demands" reads zero for a
    // yes-man; the debrief measures complying against shielding instead, and in pmo_gantt
    // (whose lesson is to shield the teams from the PMO) complying cost points.
    let sc = common::load("pmo_gantt.ron");
    let mut bot = orgcraft::headless::policy_by_name("yes-man").expect("yes-man");
    let (_, log) = record(&sc, "yes-man", bot.as_mut(), sc.raw.seed, None);
    let a = attribution::attribute(&sc, &log).expect("fits");
    let helga = a
        .alternatives
        .iter()
        .find(|l| l.label.contains("Helga"))
        .expect("a line for complying with Helga");
    println!(
        "{}: {:+.1} combined — {}",
        helga.title(),
        helga.combined,
        helga.mechanism
    );
    assert!(helga.combined < -1.0, "{helga:?}");
    assert!(helga.title().contains("vs shielding them"));
    // A servant that shields and reframes gets no such line for Helga.
    let mut servant = orgcraft::headless::policy_by_name("servant").expect("servant");
    let (_, log) = record(&sc, "servant", servant.as_mut(), sc.raw.seed, None);
    let a = attribution::attribute(&sc, &log).expect("fits");
    assert!(!a.alternatives.iter().any(|l| l.label.contains("Helga")));
}
