//! Decision logs (MODEL.md §10.2 step 7): the scenario's hash, the seed, every week's actions
//! and the state hash after each week. `replay` reproduces a run and checks every week's hash;
//! `whatif` replays with one decision changed on the same random streams (common random
//! numbers, §9.4); `luck` re-runs the same decisions over other seeds.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{KeyStocks, Policy, RunReport, Sim, Spread, report};
use crate::scenario::Scenario;
use crate::sim::{Action, Refusal};

/// Bumped when the layout changes; other formats are refused with a message.
pub const LOG_FORMAT: u32 = 1;

/// One game's decisions, enough to reproduce it exactly.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DecisionLog {
    pub format: u32,
    /// Orgcraft's version that wrote it.
    pub version: String,
    /// The simulation's behaviour version that wrote it (`model::MODEL_VERSION`); 0 for logs
    /// written before model versions existed.
    #[serde(default)]
    pub model_version: u32,
    /// The scenario's id and file, and the FNV-1a hash of the file's bytes (hex).
    pub scenario: String,
    pub scenario_file: String,
    pub scenario_hash: String,
    pub seed: u64,
    /// Who decided: a bot policy's name, or "player".
    pub policy: String,
    /// The workshop table that played it (`session`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The planned length in weeks (the scenario's, or `run --weeks`).
    pub length: u32,
    pub weeks: Vec<LoggedWeek>,
    /// The final scores when the game was over as it was logged (shown beside a re-simulation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<LoggedResult>,
}

/// A logged game's final scores.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct LoggedResult {
    pub culture: f64,
    pub product: f64,
    pub combined: f64,
}

impl LoggedResult {
    pub fn of(report: &RunReport) -> LoggedResult {
        LoggedResult {
            culture: report.culture,
            product: report.product,
            combined: report.combined,
        }
    }
}

/// A logged decision that the current model no longer accepts (re-simulation skips it).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Dropped {
    pub week: u32,
    pub action: String,
    pub reason: String,
}

/// A log's decisions played again on the current model.
#[derive(Clone, Debug)]
pub struct Resimulation {
    /// The game as the current model plays it.
    pub report: RunReport,
    /// The same game as a log of the current model: the decisions that still applied, with
    /// this model's state hashes (what `whatif`, `luck`, `report` and `session merge` then use).
    pub log: DecisionLog,
    /// The decisions that no longer apply, in order.
    pub dropped: Vec<Dropped>,
}

/// One played week: the actions queued for it (in order) and the state hash after it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LoggedWeek {
    pub week: u32,
    pub actions: Vec<Action>,
    pub state_hash: String,
}

/// Why a log cannot be used.
#[derive(Clone, Debug, PartialEq)]
pub enum LogError {
    /// The file cannot be read or is not a decision log (message says where).
    Unreadable(String),
    /// Written by another log format.
    Format { found: u32 },
    /// Made with another version of the scenario file.
    Scenario {
        expected: String,
        found: String,
        file: String,
    },
    /// Made with another seed than the one asked for.
    Seed { expected: u64, found: u64 },
    /// Made by another model version: the game cannot be reproduced exactly.
    ModelVersion {
        log: u32,
        current: u32,
        version: String,
    },
    /// The log's weeks are not 1, 2, 3, ... within the scenario's length.
    Weeks(String),
    /// A logged action is refused when replayed.
    Refused { week: u32, refusal: Refusal },
    /// The state after a week differs from the logged one.
    Hash {
        week: u32,
        expected: String,
        found: String,
    },
}

impl std::fmt::Display for LogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LogError::Unreadable(m) => write!(f, "{m}"),
            LogError::Format { found } => write!(
                f,
                "the log has format {found}; this version of Orgcraft reads format {LOG_FORMAT}"
            ),
            LogError::Scenario {
                expected,
                found,
                file,
            } => write!(
                f,
                "the log was made with another version of {file} (log: scenario hash {expected}, file now: {found}); replay it with the file it was made with"
            ),
            LogError::Seed { expected, found } => {
                write!(f, "the log was made with seed {found}, not {expected}")
            }
            LogError::ModelVersion {
                log,
                current,
                version,
            } => {
                let made = if *log == 0 {
                    format!("by Orgcraft {version}, before model versions were recorded")
                } else {
                    format!("by Orgcraft {version} with model version {log}")
                };
                write!(
                    f,
                    "the log was made {made}; this Orgcraft plays model version {current}, whose simulation differs, so the game cannot be reproduced exactly. Add --resimulate to play the same decisions on the current model: the new result is shown beside the logged one, with any decision that no longer applies"
                )
            }
            LogError::Weeks(m) => write!(f, "{m}"),
            LogError::Refused { week, refusal } => write!(
                f,
                "week {week}: a logged action is refused on replay ({refusal}); the log was edited or does not belong to this scenario"
            ),
            LogError::Hash {
                week,
                expected,
                found,
            } => write!(
                f,
                "week {week}: state hash {found} differs from the logged {expected}; the replay diverged here"
            ),
        }
    }
}

impl std::error::Error for LogError {}

impl DecisionLog {
    /// An empty log for `scenario` and `seed`.
    pub fn new(scenario: &Scenario, seed: u64, policy: &str, length: u32) -> DecisionLog {
        DecisionLog {
            format: LOG_FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            model_version: crate::model::MODEL_VERSION,
            scenario: scenario.raw.id.clone(),
            scenario_file: scenario.file.clone(),
            scenario_hash: format!("{:016x}", scenario.content_hash),
            seed,
            policy: policy.to_string(),
            table: None,
            length,
            weeks: Vec::new(),
            result: None,
        }
    }

    /// Reads a log file (JSON).
    pub fn read(path: &Path) -> Result<DecisionLog, LogError> {
        // A log is at most a few hundred kilobytes; 64 MB leaves room and bounds a hostile one.
        let bytes = crate::scenario::input::read_limited(path, 64 << 20)
            .map_err(|e| LogError::Unreadable(format!("cannot read {}: {e}", path.display())))?;
        let log: DecisionLog = serde_json::from_slice(&bytes).map_err(|e| {
            LogError::Unreadable(format!(
                "{}:{}:{}: not a decision log: {e}",
                path.display(),
                e.line(),
                e.column()
            ))
        })?;
        if log.format != LOG_FORMAT {
            return Err(LogError::Format { found: log.format });
        }
        Ok(log)
    }

    /// Writes the log as JSON (atomically: a temporary file renamed over the target).
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let tmp = path.with_extension("log.tmp");
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, path)
    }

    /// Checks that the log belongs to `scenario` (same file bytes), is well formed, and was made
    /// by this model version (so it can be reproduced exactly).
    pub fn check(&self, scenario: &Scenario) -> Result<(), LogError> {
        self.check_shape(scenario)?;
        self.check_model()
    }

    /// Was the log made by the current model version?
    pub fn check_model(&self) -> Result<(), LogError> {
        if self.model_version != crate::model::MODEL_VERSION {
            return Err(LogError::ModelVersion {
                log: self.model_version,
                current: crate::model::MODEL_VERSION,
                version: self.version.clone(),
            });
        }
        Ok(())
    }

    /// Checks that the log belongs to `scenario` (same file bytes) and is well formed, whatever
    /// model made it (enough to re-simulate it).
    pub fn check_shape(&self, scenario: &Scenario) -> Result<(), LogError> {
        let found = format!("{:016x}", scenario.content_hash);
        if found != self.scenario_hash {
            return Err(LogError::Scenario {
                expected: self.scenario_hash.clone(),
                found,
                file: scenario.file.clone(),
            });
        }
        if !(1..=crate::scenario::limits::MAX_WEEKS).contains(&self.length)
            || self.weeks.len() as u32 > self.length
        {
            return Err(LogError::Weeks(format!(
                "the log has {} weeks of a game {} weeks long",
                self.weeks.len(),
                self.length
            )));
        }
        for (i, w) in self.weeks.iter().enumerate() {
            if w.week != i as u32 + 1 {
                return Err(LogError::Weeks(format!(
                    "entry {} of the log is week {}, expected week {}",
                    i + 1,
                    w.week,
                    i + 1
                )));
            }
        }
        Ok(())
    }

    /// The actions of week `w` (empty if the log does not reach it).
    pub fn actions(&self, w: u32) -> &[Action] {
        self.weeks
            .get(w.saturating_sub(1) as usize)
            .map(|x| x.actions.as_slice())
            .unwrap_or(&[])
    }
}

/// Plays `scenario` with `policy` like `headless::run`, and also returns the decision log.
pub fn record(
    scenario: &Scenario,
    policy_name: &str,
    policy: &mut dyn Policy,
    seed: u64,
    weeks: Option<u32>,
) -> (RunReport, DecisionLog) {
    let (report, log, _) = record_line(scenario, policy_name, policy, &[], seed, weeks);
    (report, log)
}

/// `record` with scripted decisions: each week the `scripted` actions of that week are
/// submitted first, then the bot's, as `check` plays a plan (`headless::play`). Returns the
/// scripted actions the simulation refused, with their week, as well.
pub fn record_line(
    scenario: &Scenario,
    policy_name: &str,
    policy: &mut dyn Policy,
    scripted: &[(u32, crate::sim::Action)],
    seed: u64,
    weeks: Option<u32>,
) -> (RunReport, DecisionLog, Vec<(u32, crate::sim::Refusal)>) {
    let total = weeks.unwrap_or(scenario.weeks()).max(1);
    let mut log = DecisionLog::new(scenario, seed, policy_name, total);
    // Runs come one after another (balance, check, tests): each reuses this thread's world.
    Sim::with_reused_length(scenario, seed, total, None, |sim| {
        let (r, refused) = record_into(sim, &mut log, scenario, policy_name, policy, scripted);
        (r, log, refused)
    })
}

/// `record_line`'s weeks, played in a simulation already spawned with `seed` and `log`'s length.
fn record_into(
    sim: &mut Sim,
    log: &mut DecisionLog,
    scenario: &Scenario,
    policy_name: &str,
    policy: &mut dyn Policy,
    scripted: &[(u32, crate::sim::Action)],
) -> (RunReport, Vec<(u32, crate::sim::Refusal)>) {
    let (seed, total) = (log.seed, log.length);
    let mut events = Vec::new();
    let mut hashes = Vec::new();
    let mut refused = Vec::new();
    for _ in 0..total {
        let steps = super::scripted_for(scripted, sim.week() + 1);
        let played = sim.play_week(&steps, Some(&mut *policy));
        let (w, actions) = (played.week, played.queued);
        refused.extend(played.refused.into_iter().map(|r| (w, r)));
        let hash = format!("{:016x}", sim.state_hash());
        events.extend(
            sim.week_entries(w)
                .map(|e| (e.week, e.kind.clone(), e.text.clone())),
        );
        log.weeks.push(LoggedWeek {
            week: w,
            actions,
            state_hash: hash.clone(),
        });
        hashes.push(hash);
    }
    sim.run_epilogue();
    let r = report(sim, scenario, policy_name, seed, total, hashes, events);
    log.result = Some(LoggedResult::of(&r));
    (r, refused)
}

/// Plays a log's weeks on a fresh world: each week's logged actions, then `each` sees the week
/// as logged, as played, and the state hash after it (an error stops the replay); then the
/// epilogue and the report `run` makes. The one loop behind `replay` and `resimulate`.
fn play_log(
    scenario: &Scenario,
    log: &DecisionLog,
    mut each: impl FnMut(&LoggedWeek, super::PlayedWeek, &str) -> Result<(), LogError>,
) -> Result<RunReport, LogError> {
    let mut sim = Sim::with_length(scenario, log.seed, log.length);
    let mut events = Vec::new();
    let mut hashes = Vec::new();
    for lw in &log.weeks {
        let played = sim.play_week(&lw.actions, None);
        let hash = format!("{:016x}", sim.state_hash());
        each(lw, played, &hash)?;
        events.extend(
            sim.week_entries(lw.week)
                .map(|e| (e.week, e.kind.clone(), e.text.clone())),
        );
        hashes.push(hash);
    }
    let played = log.weeks.len() as u32;
    sim.run_epilogue();
    Ok(report(
        &sim,
        scenario,
        &log.policy,
        log.seed,
        played,
        hashes,
        events,
    ))
}

/// Plays a log's decisions on the current model, whatever model made it: no state-hash checks,
/// and a decision the current model refuses is skipped and listed. The scenario file must
/// still be the one the log was made with.
pub fn resimulate(scenario: &Scenario, log: &DecisionLog) -> Result<Resimulation, LogError> {
    log.check_shape(scenario)?;
    let mut fresh = DecisionLog::new(scenario, log.seed, &log.policy, log.length);
    fresh.table = log.table.clone();
    let mut dropped = Vec::new();
    let report = play_log(scenario, log, |lw, played, hash| {
        dropped.extend(played.refused.into_iter().map(|r| Dropped {
            week: lw.week,
            action: r.action,
            reason: r.reason,
        }));
        fresh.weeks.push(LoggedWeek {
            week: lw.week,
            actions: played.queued,
            state_hash: hash.to_string(),
        });
        Ok(())
    })?;
    if log.weeks.len() as u32 == log.length {
        fresh.result = Some(LoggedResult::of(&report));
    }
    Ok(Resimulation {
        report,
        log: fresh,
        dropped,
    })
}

/// Reproduces a logged run: every action must be accepted and every week's state hash must
/// match. Returns the same report as `orgcraft run --json`.
pub fn replay(scenario: &Scenario, log: &DecisionLog) -> Result<RunReport, LogError> {
    log.check(scenario)?;
    play_log(scenario, log, |lw, played, hash| {
        if let Some(refusal) = played.refused.into_iter().next() {
            return Err(LogError::Refused {
                week: lw.week,
                refusal,
            });
        }
        if hash != lw.state_hash {
            return Err(LogError::Hash {
                week: lw.week,
                expected: lw.state_hash.clone(),
                found: hash.to_string(),
            });
        }
        Ok(())
    })
}

/// One decision changed at one week.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Nothing changed (the alternative must equal the original).
    None,
    /// Drop the week's K-th action (0-based).
    Drop { week: u32, index: usize },
    /// Queue one more action that week, after the logged ones.
    Add { week: u32, action: Action },
}

/// One week of a what-if: the original and the alternative side by side.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct WhatIfWeek {
    pub week: u32,
    pub epilogue: bool,
    pub culture: (f64, f64),
    pub product: (f64, f64),
    pub stocks: (KeyStocks, KeyStocks),
    /// True while both worlds are still identical (state hash).
    pub same_state: bool,
}

/// The outcome of a what-if.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct WhatIf {
    pub change: String,
    pub weeks: Vec<WhatIfWeek>,
    /// Final (culture, product, combined) of the original and the alternative.
    pub original: (f64, f64, f64),
    pub alternative: (f64, f64, f64),
    /// Logged actions the alternative world refused (week, reason): a changed decision can
    /// make a later one impossible.
    pub refused: Vec<(u32, String)>,
}

impl WhatIf {
    /// "culture 69.9 → 68.6 (-1.3), product …, combined …", with `arrow` between the two runs
    /// (the window's fonts lack "→").
    pub fn final_summary(&self, arrow: &str) -> String {
        let (a, b) = (self.original, self.alternative);
        format!(
            "culture {:.1} {arrow} {:.1} ({:+.1}), product {:.1} {arrow} {:.1} ({:+.1}), combined {:.1} {arrow} {:.1} ({:+.1})",
            a.0,
            b.0,
            b.0 - a.0,
            a.1,
            b.1,
            b.1 - a.1,
            a.2,
            b.2,
            b.2 - a.2
        )
    }
}

/// Replays `log` twice on the same random streams, once as logged and once with `change`, and
/// compares them week by week (the scoring epilogue included).
pub fn whatif(scenario: &Scenario, log: &DecisionLog, change: &Change) -> Result<WhatIf, LogError> {
    log.check(scenario)?;
    let played = log.weeks.len() as u32;
    if let Change::Drop { week, index } = change {
        let n = log.actions(*week).len();
        if *week == 0 || *week > played || *index >= n {
            return Err(LogError::Weeks(format!(
                "week {week} has {n} logged action(s); there is no action {index} to drop"
            )));
        }
    }
    if let Change::Add { week, .. } = change
        && (*week == 0 || *week > played)
    {
        return Err(LogError::Weeks(format!(
            "the log has weeks 1 to {played}; week {week} is not among them"
        )));
    }
    let mut a = Sim::with_length(scenario, log.seed, log.length);
    let mut b = Sim::with_length(scenario, log.seed, log.length);
    let mut out = WhatIf {
        change: describe(change),
        weeks: Vec::new(),
        original: (0.0, 0.0, 0.0),
        alternative: (0.0, 0.0, 0.0),
        refused: Vec::new(),
    };
    for lw in &log.weeks {
        if let Some(refusal) = a.play_week(&lw.actions, None).refused.into_iter().next() {
            return Err(LogError::Refused {
                week: lw.week,
                refusal,
            });
        }
        let mut alt: Vec<Action> = lw.actions.clone();
        match change {
            Change::Drop { week, index } if *week == lw.week => {
                alt.remove(*index);
            }
            Change::Add { week, action } if *week == lw.week => alt.push(action.clone()),
            _ => {}
        }
        let played = b.play_week(&alt, None);
        out.refused
            .extend(played.refused.iter().map(|r| (lw.week, r.to_string())));
        out.weeks.push(row(&a, &b, lw.week, false));
    }
    let n = a.begin_epilogue();
    b.begin_epilogue();
    for _ in 0..n {
        a.epilogue_week();
        b.epilogue_week();
        let w = a.week();
        out.weeks.push(row(&a, &b, w, true));
    }
    a.end_epilogue();
    b.end_epilogue();
    out.original = a.history().final_scores();
    out.alternative = b.history().final_scores();
    Ok(out)
}

fn row(a: &Sim, b: &Sim, week: u32, epilogue: bool) -> WhatIfWeek {
    let sa = a.history().weeks.last().cloned().unwrap_or_default();
    let sb = b.history().weeks.last().cloned().unwrap_or_default();
    WhatIfWeek {
        week,
        epilogue,
        culture: (sa.culture, sb.culture),
        product: (sa.product, sb.product),
        stocks: (KeyStocks::of(a.world()), KeyStocks::of(b.world())),
        same_state: a.state_hash() == b.state_hash(),
    }
}

fn describe(c: &Change) -> String {
    match c {
        Change::None => "no change".into(),
        Change::Drop { week, index } => format!("drop action {index} of week {week}"),
        Change::Add { week, action } => format!("add {} in week {week}", action.kind()),
    }
}

/// Where a log's result sits in the luck of its own decisions and against the bots.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Luck {
    pub seeds: u32,
    /// The logged run's combined score.
    pub combined: f64,
    /// The same decisions on other seeds (refused actions skipped).
    pub spread: Spread,
    /// Share of those runs the logged result beats or equals, 0–100.
    pub percentile: f64,
    /// Each bot's spread on the same seeds, and the share of its runs the logged result beats.
    pub bots: Vec<(String, Spread, f64)>,
}

/// Re-runs the log's decisions over `seeds` other seeds, and each of `bots` over the same
/// seeds, and says where the logged result sits.
pub fn luck(
    scenario: &Scenario,
    log: &DecisionLog,
    seeds: u32,
    bots: &[&str],
) -> Result<Luck, LogError> {
    let me = replay(scenario, log)?;
    Ok(luck_of(scenario, log, me.combined, seeds, bots))
}

/// `luck` for a log whose run is already replayed (its combined score known): reports and the
/// window's debrief have it at hand, so the log is not played a second time.
pub fn luck_of(
    scenario: &Scenario,
    log: &DecisionLog,
    combined: f64,
    seeds: u32,
    bots: &[&str],
) -> Luck {
    let seed_list: Vec<u64> = (1..=u64::from(seeds.max(1)))
        .map(|i| log.seed.wrapping_add(i))
        .collect();
    let scripted: Vec<(u32, Action)> = log
        .weeks
        .iter()
        .flat_map(|w| w.actions.iter().map(move |a| (w.week, a.clone())))
        .collect();
    use rayon::prelude::*;
    let mine: Vec<f64> = seed_list
        .par_iter()
        .map(|s| {
            let mut idle = super::bots::Passive;
            super::play(scenario, *s, &mut idle, &scripted, false).combined
        })
        .collect();
    let beat = |v: &[f64]| {
        100.0 * v.iter().filter(|x| combined >= **x).count() as f64 / v.len().max(1) as f64
    };
    let mut out = Luck {
        seeds: seeds.max(1),
        combined,
        spread: Spread::of(&mine),
        percentile: beat(&mine),
        bots: Vec::new(),
    };
    for name in bots {
        let v: Vec<f64> = seed_list
            .par_iter()
            .filter_map(|s| {
                let mut p = super::policy_by_name(name)?;
                Some(super::play(scenario, *s, p.as_mut(), &[], false).combined)
            })
            .collect();
        out.bots.push((name.to_string(), Spread::of(&v), beat(&v)));
    }
    out
}
