//! Nothing can be gamed (issue 12): a generated set of degenerate lines — one cheap action
//! repeated every week, cancelling everything at the start or at the end, escalating every
//! demand, taking credit for everything, connecting teams that do not depend on each other, and
//! mixes of these — never beats the servant's median combined score in any shipped scenario
//! over 30 seeds. The test prints every margin (line median − servant median).

mod common;

use bevy::prelude::World;
use orgcraft::headless::bots::{Caretaker, Passive};
use orgcraft::headless::{Policy, play, policy_by_name};
use orgcraft::sim::{Action, Clock, Dependency, Index, Initiative, Org, Response};

/// One degenerate habit, played on top of a base bot.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Habit {
    VisionEveryWeek,
    StrategyEveryWeek,
    DemoEveryWeek,
    OneOnOneSamePerson,
    ShareCreditRepeatedly,
    TakeCreditForEverything,
    KillEverythingAtStart,
    KillEverythingAtEnd,
    DescopeEverything,
    EscalateEveryDemand,
    ConnectUnrelatedTeams,
}

struct Line {
    base: Box<dyn Policy>,
    habits: Vec<Habit>,
}

fn open_initiatives(world: &World) -> Vec<&Initiative> {
    let idx = world.resource::<Index>();
    idx.initiatives
        .values()
        .filter_map(|e| world.get::<Initiative>(*e))
        .filter(|i| i.is_open())
        .collect()
}

fn recently_shipped(world: &World) -> Vec<&Initiative> {
    let w = world.resource::<Clock>().week;
    let idx = world.resource::<Index>();
    idx.initiatives
        .values()
        .filter_map(|e| world.get::<Initiative>(*e))
        .filter(|i| i.ship_week.is_some_and(|s| w.saturating_sub(s) <= 4))
        .collect()
}

/// Team pairs with no dependency between them either way.
fn unrelated_pairs(world: &World) -> Vec<(orgcraft::model::TeamId, orgcraft::model::TeamId)> {
    let idx = world.resource::<Index>();
    let deps: Vec<&Dependency> = idx
        .dependencies
        .values()
        .filter_map(|e| world.get::<Dependency>(*e))
        .collect();
    let teams: Vec<_> = idx.teams.keys().copied().collect();
    let mut out = Vec::new();
    for (i, a) in teams.iter().enumerate() {
        for b in &teams[i + 1..] {
            let related = deps.iter().any(|d| {
                (d.consumer == *a && d.provider == *b) || (d.consumer == *b && d.provider == *a)
            });
            if !related {
                out.push((*a, *b));
            }
        }
    }
    out
}

impl Policy for Line {
    fn decide(&mut self, world: &World) -> Vec<Action> {
        let clock = world.resource::<Clock>();
        let (week, last) = (clock.week + 1, clock.weeks);
        let mut out = Vec::new();
        let idx = world.resource::<Index>();
        for h in &self.habits {
            match h {
                Habit::VisionEveryWeek => out.push(Action::VisionSession),
                Habit::StrategyEveryWeek => {
                    if let Some(s) = idx.stakeholders.keys().next() {
                        out.push(Action::StrategySession { stakeholder: *s });
                    }
                }
                Habit::DemoEveryWeek => {
                    if let Some(t) = idx.teams.keys().next() {
                        out.push(Action::DemoDay { team: *t });
                    }
                }
                Habit::OneOnOneSamePerson => {
                    if let Some(p) = idx.people.keys().next() {
                        out.push(Action::OneOnOne { person: *p });
                    }
                }
                Habit::ShareCreditRepeatedly => {
                    for i in recently_shipped(world) {
                        out.push(Action::ShareCredit { initiative: i.id });
                    }
                }
                Habit::TakeCreditForEverything => {
                    for i in recently_shipped(world) {
                        out.push(Action::TakeCredit { initiative: i.id });
                    }
                }
                Habit::KillEverythingAtStart if week == 1 => {
                    for i in open_initiatives(world) {
                        out.push(Action::KillInitiative { initiative: i.id });
                    }
                }
                Habit::KillEverythingAtEnd if week == last => {
                    for i in open_initiatives(world) {
                        out.push(Action::KillInitiative { initiative: i.id });
                    }
                }
                Habit::DescopeEverything => {
                    for i in open_initiatives(world) {
                        if !i.descoped {
                            out.push(Action::Descope { initiative: i.id });
                        }
                    }
                }
                Habit::EscalateEveryDemand => {
                    for d in &world.resource::<Org>().demands {
                        out.push(Action::Respond {
                            demand: d.id,
                            response: Response::Escalate,
                        });
                    }
                }
                Habit::ConnectUnrelatedTeams => {
                    for (a, b) in unrelated_pairs(world) {
                        out.push(Action::BrokerAlignment { a, b });
                        out.push(Action::ConnectTeams { a, b });
                    }
                }
                _ => {}
            }
        }
        // The base bot's own decisions come after (the habit has first call on attention).
        let answered: Vec<_> = out
            .iter()
            .filter_map(|a| match a {
                Action::Respond { demand, .. } => Some(*demand),
                _ => None,
            })
            .collect();
        out.extend(self.base.decide(world).into_iter().filter(|a| match a {
            Action::Respond { demand, .. } => !answered.contains(demand),
            _ => true,
        }));
        out
    }
}

/// The bot a degenerate line is played on top of.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Base {
    Passive,
    Caretaker,
    Servant,
}

impl Base {
    fn policy(self) -> Box<dyn Policy> {
        match self {
            Base::Passive => Box::new(Passive),
            Base::Caretaker => Box::new(Caretaker),
            Base::Servant => policy_by_name("servant").expect("servant"),
        }
    }
}

fn lines() -> Vec<(String, Vec<Habit>, Base)> {
    use Habit::*;
    let single = [
        VisionEveryWeek,
        StrategyEveryWeek,
        DemoEveryWeek,
        OneOnOneSamePerson,
        ShareCreditRepeatedly,
        TakeCreditForEverything,
        KillEverythingAtStart,
        KillEverythingAtEnd,
        DescopeEverything,
        EscalateEveryDemand,
        ConnectUnrelatedTeams,
    ];
    let mut v: Vec<(String, Vec<Habit>, Base)> = Vec::new();
    for base in [Base::Caretaker, Base::Servant] {
        for h in single {
            v.push((format!("{base:?}+{h:?}"), vec![h], base));
        }
    }
    let mixes: [&[Habit]; 4] = [
        &[VisionEveryWeek, ShareCreditRepeatedly, KillEverythingAtEnd],
        &[VisionEveryWeek, StrategyEveryWeek, DemoEveryWeek],
        &[
            EscalateEveryDemand,
            VisionEveryWeek,
            TakeCreditForEverything,
        ],
        &[ConnectUnrelatedTeams, VisionEveryWeek, KillEverythingAtEnd],
    ];
    for m in mixes {
        let name: Vec<String> = m.iter().map(|h| format!("{h:?}")).collect();
        for base in [Base::Passive, Base::Caretaker, Base::Servant] {
            v.push((format!("{base:?}+{}", name.join("+")), m.to_vec(), base));
        }
    }
    v
}

/// Habits that are pure exploits, whatever else the player does: on top of the servant they
/// must not add a single point (the first use of a ritual, a first credit or a descope can be
/// good play, so those rows are printed, not asserted, on the servant's base).
fn pure_exploit(habits: &[Habit]) -> bool {
    habits.iter().all(|h| {
        matches!(
            h,
            Habit::EscalateEveryDemand
                | Habit::TakeCreditForEverything
                | Habit::ConnectUnrelatedTeams
        )
    })
}

#[test]
fn no_degenerate_line_beats_the_servant() {
    let seeds: Vec<u64> = (1..=30).collect();
    let mut beaten = Vec::new();
    for path in common::shipped() {
        let sc = orgcraft::scenario::load(&path).expect("shipped scenario loads");
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let servant = common::median(
            seeds
                .iter()
                .map(|s| {
                    let mut bot = policy_by_name("servant").expect("servant");
                    play(&sc, *s, bot.as_mut(), &[], false).combined
                })
                .collect(),
        );
        let mut closest = (f64::NEG_INFINITY, String::new());
        for (line, habits, base) in lines() {
            let m = common::median(
                seeds
                    .iter()
                    .map(|s| {
                        let mut p = Line {
                            base: base.policy(),
                            habits: habits.clone(),
                        };
                        play(&sc, *s, &mut p, &[], false).combined
                    })
                    .collect(),
            );
            let margin = m - servant;
            let asserted = base != Base::Servant || pure_exploit(&habits);
            println!(
                "{name:<18} servant {servant:5.1}  {line:<70} {m:5.1}  margin {margin:+5.2}{}",
                if asserted { "" } else { "  (printed only)" }
            );
            if !asserted {
                continue;
            }
            if margin > closest.0 {
                closest = (margin, line.clone());
            }
            if margin > 0.0 {
                beaten.push(format!("{name}: {line} {m:.2} > servant {servant:.2}"));
            }
        }
        println!(
            "{name:<18} closest asserted line: {} ({:+.2})",
            closest.1, closest.0
        );
    }
    assert!(
        beaten.is_empty(),
        "degenerate lines beat the servant:\n{}",
        beaten.join("\n")
    );
}
