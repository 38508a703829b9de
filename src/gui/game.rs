//! One game being played in the window: the scenario, the simulation, the week's queue (with
//! undo), week summaries and every decision made so far (which is also the save file).
//!
//! Pure Rust over `headless::Sim`: no egui, no rendering. The window calls these methods; the
//! tests call them the same way, without a GPU.

use std::path::PathBuf;

use bevy::prelude::*;

use crate::headless::{self, KeyStocks, Policy, RunReport, Sim};
use crate::model::ledger::{ALL_DRIVERS, Contribs, Driver};
use crate::scenario::Scenario;
use crate::score::WeekScores;
use crate::sim::{self, Action, ActionQueue, Cost, Leader, Refusal};

/// What one ended week did: shown after End Week and kept for the debrief's timeline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekSummary {
    pub week: u32,
    pub before: WeekScores,
    pub after: WeekScores,
    /// Notable events of the week (kind, text): demands, resignations, shipped work, reveals...
    pub events: Vec<(String, String)>,
    /// The decisions the player queued for this week and that were applied.
    pub applied: Vec<String>,
    /// Queued decisions the simulation refused when the week was played, with the reason.
    pub refused: Vec<String>,
    /// The biggest weekly movers of each score, from the attribution ledger: (driver, points).
    pub culture_moves: Vec<(Driver, f64)>,
    pub product_moves: Vec<(Driver, f64)>,
    /// The player's decisions so far against a caretaker in the same world, by replay
    /// (`attribution::attribute_so_far`).
    pub by_decisions: Option<crate::headless::attribution::Attribution>,
    /// The week's moments, each shown as a card above the rest (a release, a resignation...).
    pub moments: Vec<super::moments::Moment>,
}

impl WeekSummary {
    /// The week's events of one kind (e.g. "resignation", "shipped").
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.events
            .iter()
            .filter(move |(k, _)| k == kind)
            .map(|(_, t)| t.as_str())
    }
}

/// The org as it stood when the last played week began: the org map animates from it and
/// says what moved each person and team during that week (the ledgers' differences).
#[derive(Clone, Debug, Default)]
pub struct WeekStart {
    pub people: std::collections::BTreeMap<crate::model::PersonId, PersonAt>,
    pub teams: std::collections::BTreeMap<crate::model::TeamId, TeamAt>,
    pub demands: std::collections::BTreeSet<crate::model::DemandId>,
    pub stakeholders: std::collections::BTreeMap<crate::model::StakeholderId, StakeholderAt>,
}

/// One stakeholder's trust in the player and its three ledgers at the start of a week.
#[derive(Clone, Debug)]
pub struct StakeholderAt {
    pub trust: f64,
    pub ledgers: [Contribs; 3],
}

/// One person's stocks and ledgers at the start of a week.
#[derive(Clone, Debug)]
pub struct PersonAt {
    pub engagement: f64,
    pub exhaustion: f64,
    pub engagement_ledger: Contribs,
    pub exhaustion_ledger: Contribs,
}

/// One team's stocks and ledgers at the start of a week.
#[derive(Clone, Debug)]
pub struct TeamAt {
    pub psych_safety: f64,
    pub ps_ledger: Contribs,
}

impl WeekStart {
    pub fn of(w: &World) -> WeekStart {
        let idx = w.resource::<sim::Index>();
        let mut out = WeekStart::default();
        for (id, e) in &idx.people {
            if let (Some(p), Some(d)) = (w.get::<sim::Person>(*e), w.get::<sim::PersonDrivers>(*e))
            {
                out.people.insert(
                    *id,
                    PersonAt {
                        engagement: p.engagement,
                        exhaustion: p.exhaustion,
                        engagement_ledger: d.engagement_ledger,
                        exhaustion_ledger: d.exhaustion_ledger,
                    },
                );
            }
        }
        for (id, e) in &idx.teams {
            if let Some(t) = w.get::<sim::Team>(*e) {
                out.teams.insert(
                    *id,
                    TeamAt {
                        psych_safety: t.psych_safety,
                        ps_ledger: t.ps_ledger,
                    },
                );
            }
        }
        for (id, e) in &idx.stakeholders {
            if let Some(x) = w.get::<sim::Stakeholder>(*e) {
                out.stakeholders.insert(
                    *id,
                    StakeholderAt {
                        trust: x.trust(),
                        ledgers: [x.ability_ledger, x.benevolence_ledger, x.integrity_ledger],
                    },
                );
            }
        }
        out.demands = w
            .resource::<sim::Org>()
            .demands
            .iter()
            .map(|d| d.id)
            .collect();
        out
    }
}

/// What moved a stock between two ledgers, largest first, leaving out the negligible.
pub fn ledger_moves(before: &Contribs, after: &Contribs) -> Vec<(Driver, f64)> {
    let mut v: Vec<(Driver, f64)> = ALL_DRIVERS
        .iter()
        .map(|d| (*d, after.get(*d) - before.get(*d)))
        .filter(|(_, x)| x.abs() >= 0.05)
        .collect();
    v.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    v
}

/// Why a game cannot be restored from its decisions.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplayError {
    pub week: u32,
    pub message: String,
}

static NEXT_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A scenario being played by the player.
pub struct Game {
    pub scenario: Scenario,
    /// The file the scenario came from, if any (saves and playtest reloads need it).
    pub path: Option<PathBuf>,
    pub seed: u64,
    pub sim: Sim,
    /// Decisions of each finished week (index 0 is week 1), in the order they were queued.
    pub decisions: Vec<Vec<Action>>,
    pub summaries: Vec<WeekSummary>,
    /// Key stocks at week 0 and after every played week.
    pub metrics: Vec<KeyStocks>,
    /// Events of every played week (week, kind, text), for the debrief.
    events: Vec<(u32, String, String)>,
    hashes: Vec<String>,
    /// The final report, once the last week and the scoring epilogue have been played.
    pub report: Option<RunReport>,
    /// The workshop table playing this game (`orgcraft play --table`), recorded in its log.
    pub table: Option<String>,
    /// The leadership profile of the finished game (issue 14), shown in the debrief.
    pub profile: Option<crate::report::profile::Profile>,
    /// The org when the last played week began (None before the first End week).
    pub week_start: Option<WeekStart>,
    /// Tells games apart within one process (each new or restored game gets the next number),
    /// so the interface's animations of one game never carry over to another.
    pub serial: u64,
    /// People already warned about as likely to leave (a moment card is given once each).
    warned: std::collections::BTreeSet<crate::model::PersonId>,
}

impl Game {
    /// Starts a new game of `scenario` with `seed` (week 0: nothing played yet).
    pub fn new(scenario: Scenario, path: Option<PathBuf>, seed: u64) -> Game {
        let sim = Sim::new(&scenario, seed);
        let metrics = vec![KeyStocks::of(sim.world())];
        Game {
            metrics,
            scenario,
            path,
            seed,
            sim,
            decisions: Vec::new(),
            summaries: Vec::new(),
            events: Vec::new(),
            hashes: Vec::new(),
            report: None,
            table: None,
            warned: Default::default(),
            profile: None,
            week_start: None,
            serial: NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The state hash after each finished week.
    pub fn week_hashes(&self) -> &[String] {
        &self.hashes
    }

    /// Rebuilds a game from decisions saved by another model version: a decision the current
    /// model refuses is skipped and returned.
    pub fn replay_tolerant(
        scenario: Scenario,
        path: Option<PathBuf>,
        seed: u64,
        decisions: &[Vec<Action>],
    ) -> Result<(Game, Vec<crate::headless::log::Dropped>), ReplayError> {
        let mut g = Game::new(scenario, path, seed);
        if decisions.len() as u32 > g.weeks() {
            return Err(ReplayError {
                week: g.weeks() + 1,
                message: format!(
                    "the save has {} weeks of decisions but the scenario lasts {}",
                    decisions.len(),
                    g.weeks()
                ),
            });
        }
        let mut dropped = Vec::new();
        for (i, week) in decisions.iter().enumerate() {
            for a in week {
                if let Err(r) = g.queue(a.clone()) {
                    dropped.push(crate::headless::log::Dropped {
                        week: i as u32 + 1,
                        action: r.action.clone(),
                        reason: r.reason.clone(),
                    });
                }
            }
            g.end_week();
        }
        Ok((g, dropped))
    }

    /// Rebuilds a game by replaying saved decisions on the same scenario and seed: every one
    /// must still apply.
    pub fn replay(
        scenario: Scenario,
        path: Option<PathBuf>,
        seed: u64,
        decisions: &[Vec<Action>],
    ) -> Result<Game, ReplayError> {
        let (g, dropped) = Game::replay_tolerant(scenario, path, seed, decisions)?;
        match dropped.first() {
            Some(d) => Err(ReplayError {
                week: d.week,
                message: format!(
                    "a saved decision no longer applies: {} refused: {}",
                    d.action, d.reason
                ),
            }),
            None => Ok(g),
        }
    }

    pub fn world(&self) -> &World {
        self.sim.world()
    }

    /// The week being planned (1-based): the next one to be played.
    pub fn week(&self) -> u32 {
        self.sim.week() + 1
    }

    pub fn weeks(&self) -> u32 {
        self.sim.weeks()
    }

    /// True once every week has been played (the debrief is ready).
    pub fn is_over(&self) -> bool {
        self.report.is_some()
    }

    /// The actions queued for the coming week.
    pub fn queued(&self) -> &[Action] {
        &self.world().resource::<ActionQueue>().pending
    }

    /// Total price of the queued actions.
    pub fn queued_cost(&self) -> Cost {
        sim::actions::queued_cost(self.world())
    }

    /// AP, political capital and money room left once the queue is paid.
    pub fn room(&self) -> Cost {
        let leader = self.world().resource::<Leader>();
        let q = self.queued_cost();
        Cost {
            ap: leader.ap_left - q.ap,
            pc: leader.political_capital - q.pc,
            money: sim::actions::money_available(self.world()) - q.money,
        }
    }

    /// What an action would cost now, or why it is not possible, without queuing it.
    pub fn price(&self, a: &Action) -> Result<Cost, Refusal> {
        sim::actions::check_affordable(self.world(), a, &self.queued_cost())
    }

    /// Queues an action for the coming week (refused actions are not queued).
    pub fn queue(&mut self, a: Action) -> Result<Cost, Refusal> {
        if self.is_over() {
            return Err(Refusal {
                action: a.kind().as_str().to_string(),
                reason: "the scenario is over".into(),
            });
        }
        self.sim.submit(a)
    }

    /// Removes the queued action at `index` (undo before the week ends).
    pub fn undo(&mut self, index: usize) -> Option<Action> {
        sim::actions::unqueue(self.sim.world_mut(), index)
    }

    /// Removes the most recently queued action.
    pub fn undo_last(&mut self) -> Option<Action> {
        let n = self.queued().len();
        if n == 0 { None } else { self.undo(n - 1) }
    }

    /// The latest scores (week 0's before the first turn).
    pub fn scores(&self) -> WeekScores {
        self.sim
            .history()
            .weeks
            .iter()
            .rfind(|w| !w.epilogue)
            .cloned()
            .unwrap_or_default()
    }

    /// Scores of every played week, week 0 first (the epilogue left out).
    pub fn score_history(&self) -> Vec<WeekScores> {
        self.sim
            .history()
            .weeks
            .iter()
            .filter(|w| !w.epilogue)
            .cloned()
            .collect()
    }

    /// Plays the queued actions and one week; after the last week, plays the scoring epilogue
    /// and builds the final report. Returns the week's summary.
    pub fn end_week(&mut self) -> WeekSummary {
        let w = self.week();
        let queued = self.queued().to_vec();
        let before = self.scores();
        let contrib_before = self.last_contribs();
        let start = WeekStart::of(self.world());
        // The player's decisions are already queued (each priced as it was chosen).
        self.sim.play_week(&[], None);
        self.hashes.push(format!("{:016x}", self.sim.state_hash()));
        let after = self.scores();
        self.metrics.push(KeyStocks::of(self.world()));
        let contrib_after = self.last_contribs();
        let events: Vec<(String, String)> = self
            .sim
            .week_entries(w)
            .filter(|e| e.kind != "action")
            .map(|e| (e.kind.clone(), e.text.clone()))
            .collect();
        let users_change = match self.metrics.as_slice() {
            [.., a, b] => b.users - a.users,
            _ => 0.0,
        };
        let entries: Vec<&crate::model::happened::LogEntry> = self.sim.week_entries(w).collect();
        let one_on_ones: Vec<crate::model::PersonId> = self
            .world()
            .resource::<ActionQueue>()
            .applied
            .iter()
            .filter_map(|(aw, a)| match a {
                Action::OneOnOne { person } if *aw == w => Some(*person),
                _ => None,
            })
            .collect();
        let mut moments = super::moments::of_week(
            self.sim.world(),
            &entries,
            &one_on_ones,
            users_change,
            &mut self.warned,
        );
        moments.extend(super::moments::praise(self.sim.world(), &start));
        self.events
            .extend(events.iter().map(|(k, t)| (w, k.clone(), t.clone())));
        let q = self.world().resource::<ActionQueue>();
        let applied = q
            .applied
            .iter()
            .filter(|(aw, _)| *aw == w)
            .map(|(_, a)| super::catalog::describe(self.world(), a))
            .collect();
        let refused = q
            .refused
            .iter()
            .filter(|(rw, _)| *rw == w)
            .map(|(_, r)| r.to_string())
            .collect();
        let summary = WeekSummary {
            week: w,
            before,
            after,
            events,
            applied,
            refused,
            culture_moves: movers(&contrib_before.0, &contrib_after.0),
            product_moves: movers(&contrib_before.1, &contrib_after.1),
            by_decisions: None,
            moments,
        };
        self.decisions.push(queued);
        self.week_start = Some(start);
        let mut summary = summary;
        // Your decisions so far, measured: a few dozen replays of the weeks played (milliseconds).
        summary.by_decisions =
            crate::headless::attribution::attribute_so_far(&self.scenario, &self.decision_log())
                .ok();
        self.summaries.push(summary.clone());
        if self.sim.week() >= self.weeks() {
            self.finish();
        }
        summary
    }

    /// Lets a bot decide this week's actions and queues them (autoplay). Returns how many were
    /// queued.
    pub fn queue_policy(&mut self, policy: &mut dyn Policy) -> usize {
        let mut n = 0;
        for a in policy.decide(self.world()) {
            if self.queue(a).is_ok() {
                n += 1;
            }
        }
        n
    }

    /// The decision log of the weeks played so far (`orgcraft replay` reproduces it).
    pub fn decision_log(&self) -> crate::headless::log::DecisionLog {
        let mut log = crate::headless::log::DecisionLog::new(
            &self.scenario,
            self.seed,
            "player",
            self.weeks(),
        );
        log.table = self.table.clone();
        log.weeks = self
            .decisions
            .iter()
            .zip(&self.hashes)
            .enumerate()
            .map(|(i, (actions, hash))| crate::headless::log::LoggedWeek {
                week: i as u32 + 1,
                actions: actions.clone(),
                state_hash: hash.clone(),
            })
            .collect();
        log.result = self
            .report
            .as_ref()
            .map(crate::headless::log::LoggedResult::of);
        log
    }

    fn last_contribs(&self) -> (Contribs, Contribs) {
        let h = self.sim.history();
        (
            h.culture_contrib.last().copied().unwrap_or_default(),
            h.product_contrib.last().copied().unwrap_or_default(),
        )
    }

    fn finish(&mut self) {
        self.sim.run_epilogue();
        let weeks = self.weeks();
        self.report = Some(headless::report(
            &self.sim,
            &self.scenario,
            "player",
            self.seed,
            weeks,
            self.hashes.clone(),
            self.events.clone(),
        ));
        // The debrief by decisions: a few dozen replays of this game, well under a second.
        let log = self.decision_log();
        if let Some(r) = self.report.as_mut() {
            r.attribute(&self.scenario, &log);
        }
        // The leadership profile: this game's decisions against the servant line's.
        self.profile = Some(crate::report::profile::profile(&self.scenario, &log));
    }
}

/// The three biggest week-on-week changes of an attribution vector, largest first.
fn movers(before: &Contribs, after: &Contribs) -> Vec<(Driver, f64)> {
    let mut v: Vec<(Driver, f64)> = ALL_DRIVERS
        .iter()
        .filter(|d| !matches!(d, Driver::Initial | Driver::Residual))
        .map(|d| (*d, after.get(*d) - before.get(*d)))
        .filter(|(_, x)| x.abs() >= 0.05)
        .collect();
    v.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    v.truncate(3);
    v
}
