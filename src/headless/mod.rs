//! Headless runners: build a simulation without a window, play it with a policy, report.

pub mod attribution;
pub mod balance;
pub mod bots;
pub mod generate;
pub mod log;
pub mod plans;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::ledger::Contribs;
use crate::scenario::Scenario;
use crate::score::{Cause, ScoreHistory, WeekScores, top_causes};
use crate::sim::{self, Action, ActionQueue, Clock, Cost, LogEntry, Org, Refusal, WeekLog};
pub use bots::{POLICY_NAMES, Policy, policy_by_name};

/// A running simulation: an `App` with no window and the turn schedule.
pub struct Sim {
    pub app: App,
}

/// The caretaker's raw score components on one scenario, seed and length (week 0, the played
/// weeks, the epilogue): what a game's components are scored against (§17.5).
pub type Reference = std::sync::Arc<Vec<[f64; 11]>>;

thread_local! {
    /// This thread's reusable worlds: one for games, one for their caretaker references.
    static REUSABLE: std::cell::RefCell<Option<Sim>> = const { std::cell::RefCell::new(None) };
    static REFERENCE_WORLD: std::cell::RefCell<Option<Sim>> = const { std::cell::RefCell::new(None) };
}

/// Plays the caretaker through `scenario` with `seed` for `weeks` plus the epilogue and
/// returns its raw components, week by week. Deterministic: the same arguments give the same
/// reference, so a caretaker's own game scores exactly 50 on every component.
pub fn caretaker_reference(scenario: &Scenario, seed: u64, weeks: u32) -> Reference {
    let play = |sim: &mut Sim| {
        sim.start(scenario, seed, weeks, crate::score::ScoreReference::Raw);
        for _ in 0..weeks {
            sim.step_with(&mut bots::Caretaker);
        }
        sim.run_epilogue();
        std::sync::Arc::new(
            sim.history()
                .weeks
                .iter()
                .map(|w| w.raw)
                .collect::<Vec<_>>(),
        )
    };
    let mut sim = REFERENCE_WORLD
        .with(|r| r.borrow_mut().take())
        .unwrap_or_else(Sim::empty);
    let out = play(&mut sim);
    REFERENCE_WORLD.with(|r| *r.borrow_mut() = Some(sim));
    out
}

impl Sim {
    /// Spawns `scenario` with `seed` and runs the week-0 pass; its scores are measured against
    /// the caretaker's game in the same world (played here first).
    pub fn new(scenario: &Scenario, seed: u64) -> Sim {
        Sim::with_length(scenario, seed, scenario.weeks())
    }

    /// A game of `scenario` that lasts `weeks` instead of the scenario's own length.
    pub fn with_length(scenario: &Scenario, seed: u64, weeks: u32) -> Sim {
        let mut sim = Sim::empty();
        let reference = caretaker_reference(scenario, seed, weeks);
        sim.start(
            scenario,
            seed,
            weeks,
            crate::score::ScoreReference::Caretaker(reference),
        );
        sim
    }

    /// An app with the turn schedule and nothing spawned.
    fn empty() -> Sim {
        // An empty app: the headless runner only needs the Turn schedule, not Main/Update.
        let mut app = App::empty();
        app.add_plugins((sim::plugin, crate::score::plugin));
        Sim { app }
    }

    /// Clears this world and spawns a new game in it, scored against `reference`.
    fn start(
        &mut self,
        scenario: &Scenario,
        seed: u64,
        weeks: u32,
        reference: crate::score::ScoreReference,
    ) {
        sim::spawn::despawn_all(self.world_mut());
        self.world_mut().insert_resource(reference);
        sim::spawn::spawn(self.world_mut(), scenario, seed);
        if weeks != scenario.weeks() {
            sim::set_length(self.world_mut(), weeks);
        }
    }

    /// Starts a new game of `scenario` with `seed` in this simulation's world, keeping its
    /// built turn schedule: the same state, week by week, as `Sim::new(scenario, seed)`.
    pub fn reset(&mut self, scenario: &Scenario, seed: u64) {
        let reference = caretaker_reference(scenario, seed, scenario.weeks());
        self.start(
            scenario,
            seed,
            scenario.weeks(),
            crate::score::ScoreReference::Caretaker(reference),
        );
    }

    /// The caretaker reference this game is scored against (to share with games on the same
    /// scenario, seed and length, which then need not play it again).
    pub fn reference(&self) -> Option<Reference> {
        match self.world().resource::<crate::score::ScoreReference>() {
            crate::score::ScoreReference::Caretaker(r) => Some(r.clone()),
            _ => None,
        }
    }

    /// Runs `f` on a new game of `scenario` with `seed` in this thread's reusable world (a
    /// `Sim` reset, not rebuilt): for runners that play many games one after another.
    pub fn with_reused<R>(scenario: &Scenario, seed: u64, f: impl FnOnce(&mut Sim) -> R) -> R {
        Sim::with_reused_length(scenario, seed, scenario.weeks(), None, f)
    }

    /// `with_reused` for a game of `weeks`, scored against `reference` when the caller has
    /// the caretaker's game for this scenario, seed and length already (else it is played).
    pub fn with_reused_length<R>(
        scenario: &Scenario,
        seed: u64,
        weeks: u32,
        reference: Option<Reference>,
        f: impl FnOnce(&mut Sim) -> R,
    ) -> R {
        let reference = reference.unwrap_or_else(|| caretaker_reference(scenario, seed, weeks));
        // Taken out while in use, so a nested call simply builds its own.
        let mut sim = REUSABLE
            .with(|r| r.borrow_mut().take())
            .unwrap_or_else(Sim::empty);
        sim.start(
            scenario,
            seed,
            weeks,
            crate::score::ScoreReference::Caretaker(reference),
        );
        let out = f(&mut sim);
        REUSABLE.with(|r| *r.borrow_mut() = Some(sim));
        out
    }

    pub fn world(&self) -> &World {
        self.app.world()
    }

    pub fn world_mut(&mut self) -> &mut World {
        self.app.world_mut()
    }

    /// The last completed week (0 before the first turn).
    pub fn week(&self) -> u32 {
        self.world().resource::<Clock>().week
    }

    pub fn weeks(&self) -> u32 {
        self.world().resource::<Clock>().weeks
    }

    /// The one weekly loop every runner calls. `decisions` are submitted first, in order (the
    /// ones refused are returned with why); then `policy`, if any, decides on the world as it
    /// stands and its actions are submitted (its refusals are returned apart); then the week is
    /// played.
    pub fn play_week(
        &mut self,
        decisions: &[Action],
        policy: Option<&mut dyn Policy>,
    ) -> PlayedWeek {
        let mut refused = Vec::new();
        for a in decisions {
            if let Err(r) = self.submit(a.clone()) {
                refused.push(r);
            }
        }
        let mut bot_refused = Vec::new();
        if let Some(policy) = policy {
            for a in policy.decide(self.world()) {
                if let Err(r) = self.submit(a) {
                    bot_refused.push(r);
                }
            }
        }
        let queued = self.world().resource::<ActionQueue>().pending.clone();
        self.step();
        PlayedWeek {
            week: self.week(),
            queued,
            refused,
            bot_refused,
        }
    }

    /// Queues an action for the coming week, or says why it cannot be afforded.
    pub fn submit(&mut self, a: Action) -> Result<Cost, Refusal> {
        sim::actions::submit(self.world_mut(), a)
    }

    /// Plays the queued actions and one week.
    pub fn step(&mut self) {
        sim::advance(self.world_mut());
    }

    /// Lets `policy` decide, then plays one week (`play_week` returns what it refused).
    pub fn step_with(&mut self, policy: &mut dyn Policy) {
        self.play_week(&[], Some(policy));
    }

    /// After the last played week: 8 weeks under the caretaker bot on the same streams (§17.5).
    pub fn run_epilogue(&mut self) {
        let n = self.begin_epilogue();
        for _ in 0..n {
            self.epilogue_week();
        }
        self.end_epilogue();
    }

    /// Marks the epilogue started and returns how many weeks it lasts.
    pub fn begin_epilogue(&mut self) -> u32 {
        sim::start_epilogue(self.world_mut())
    }

    /// One epilogue week, played by the caretaker.
    pub fn epilogue_week(&mut self) {
        self.step_with(&mut bots::Caretaker);
    }

    /// Closes the books after the epilogue (missed deadlines and the like).
    pub fn end_epilogue(&mut self) {
        sim::systems::close_out(self.world_mut());
    }

    pub fn state_hash(&self) -> u64 {
        state_hash(self.world())
    }

    pub fn history(&self) -> &ScoreHistory {
        self.world().resource::<ScoreHistory>()
    }

    /// The log entries of week `w`, refusals left out (they belong to the action queue).
    pub fn week_entries(&self, w: u32) -> impl Iterator<Item = &LogEntry> {
        self.world()
            .resource::<WeekLog>()
            .entries
            .iter()
            .filter(move |e| e.week == w && e.kind != "refused")
    }
}

/// What one week did with the decisions it was given (`Sim::play_week`).
#[derive(Clone, Debug)]
pub struct PlayedWeek {
    /// The week just played.
    pub week: u32,
    /// Every action the week played, in order (what a decision log records).
    pub queued: Vec<Action>,
    /// The given decisions the simulation refused, in order.
    pub refused: Vec<Refusal>,
    /// What the bot asked for and the simulation refused at submit time (a bot that keeps
    /// asking for what it cannot afford shows here).
    pub bot_refused: Vec<Refusal>,
}

/// Key stocks at the end of a week, as the player could see them: the window's charts and the
/// what-if comparison.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyStocks {
    pub week: u32,
    /// Dashboard users and weekly revenue over all products (noisy unless reviewed).
    pub users: f64,
    pub revenue_w: f64,
    pub mean_engagement: f64,
    pub mean_exhaustion: f64,
    pub people: usize,
    pub political_capital: f64,
    /// Mean stakeholder trust, 0–100.
    pub stakeholder_trust: f64,
}

impl KeyStocks {
    pub fn of(world: &World) -> KeyStocks {
        let idx = world.resource::<sim::Index>();
        let people: Vec<&sim::Person> = idx
            .people
            .values()
            .filter_map(|e| world.get::<sim::Person>(*e))
            .collect();
        let n = people.len().max(1) as f64;
        let sh: Vec<f64> = idx
            .stakeholders
            .values()
            .filter_map(|e| world.get::<sim::Stakeholder>(*e))
            .map(|s| s.trust())
            .collect();
        let (mut users, mut revenue) = (0.0, 0.0);
        for e in idx.products.values() {
            if let Some(p) = world.get::<sim::Product>(*e) {
                users += p.dashboard.users;
                revenue += p.dashboard.revenue_w;
            }
        }
        KeyStocks {
            week: world.resource::<sim::Clock>().week,
            users,
            revenue_w: revenue,
            mean_engagement: people.iter().map(|p| p.engagement).sum::<f64>() / n,
            mean_exhaustion: people.iter().map(|p| p.exhaustion).sum::<f64>() / n,
            people: people.len(),
            political_capital: world.resource::<sim::Leader>().political_capital,
            stakeholder_trust: if sh.is_empty() {
                0.0
            } else {
                sh.iter().sum::<f64>() / sh.len() as f64
            },
        }
    }
}

/// What a finished run reports (the JSON of `orgcraft run --json`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RunReport {
    pub scenario: String,
    pub scenario_hash: String,
    pub version: String,
    /// The simulation's behaviour version (`model::MODEL_VERSION`) that played it.
    pub model_version: u32,
    pub seed: u64,
    pub policy: String,
    pub weeks: u32,
    pub culture: f64,
    pub product: f64,
    pub combined: f64,
    pub state_hash: String,
    /// One entry per played week (then the epilogue weeks, marked `epilogue: true`).
    pub history: Vec<WeekScores>,
    pub week_hashes: Vec<String>,
    pub debrief: Debrief,
}

/// The data a debrief shows: the top causes of each score, the key decisions and events.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Debrief {
    pub culture_up: Vec<Cause>,
    pub culture_down: Vec<Cause>,
    pub product_up: Vec<Cause>,
    pub product_down: Vec<Cause>,
    pub quadrant: String,
    pub decisions: Vec<(u32, String)>,
    pub events: Vec<(u32, String, String)>,
    pub voluntary_exits: u32,
    pub layoffs: u32,
    pub shipped: usize,
    pub refused_actions: usize,
    /// The scores against the caretaker's in the same world, explained by the player's
    /// decision groups (`attribution::attribute`); absent where no one asked for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_decisions: Option<attribution::Attribution>,
}

/// The 2×2 of culture × product (§9.2).
pub fn quadrant(culture: f64, product: f64) -> &'static str {
    match (culture >= 50.0, product >= 50.0) {
        (true, true) => "High performance",
        (true, false) => "Country club",
        (false, true) => "Death march",
        (false, false) => "Stagnation",
    }
}

/// Plays a scenario to the end (plus epilogue) with a policy and reports.
pub fn run(
    scenario: &Scenario,
    policy_name: &str,
    policy: &mut dyn Policy,
    seed: u64,
    weeks: Option<u32>,
) -> RunReport {
    // One loop for both: a run is a recorded run whose log is dropped.
    log::record(scenario, policy_name, policy, seed, weeks).0
}

/// What a run yields without state hashes or a debrief: what `balance` and `check` need, fast.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub culture: f64,
    pub product: f64,
    pub combined: f64,
    /// Every log entry of the played weeks, refusals excluded (empty unless asked for).
    pub log: Vec<LogEntry>,
    /// Indexes of the scripted events that took effect.
    pub fired_events: Vec<usize>,
    /// Scripted actions the simulation refused, with the week and the reason.
    pub refused_steps: Vec<(u32, Refusal)>,
    /// Sub-scores at the end of the run (the epilogue's last week, where delayed effects show).
    pub subscores: Vec<(&'static str, f64)>,
}

/// The scripted actions of week `w`, in file order.
pub fn scripted_for(scripted: &[(u32, Action)], w: u32) -> Vec<Action> {
    scripted
        .iter()
        .filter(|(sw, _)| *sw == w)
        .map(|(_, a)| a.clone())
        .collect()
}

/// Plays `scenario` to the end (plus epilogue): each week the `scripted` actions of that week
/// are submitted first (they have first call on AP), then whatever `policy` decides.
/// `keep_log` keeps the week log in the outcome (plans need it; balance runs skip the copies).
pub fn play(
    scenario: &Scenario,
    seed: u64,
    policy: &mut dyn Policy,
    scripted: &[(u32, Action)],
    keep_log: bool,
) -> Outcome {
    play_against(scenario, seed, policy, scripted, keep_log, None)
}

/// `play` scored against a caretaker `reference` the caller already has for this scenario and
/// seed at the scenario's length (runners that play several policies per seed share one).
pub fn play_against(
    scenario: &Scenario,
    seed: u64,
    policy: &mut dyn Policy,
    scripted: &[(u32, Action)],
    keep_log: bool,
    reference: Option<Reference>,
) -> Outcome {
    Sim::with_reused_length(scenario, seed, scenario.weeks(), reference, |sim| {
        play_in(sim, scenario, policy, scripted, keep_log)
    })
}

/// `play` in a simulation already spawned with the scenario.
fn play_in(
    sim: &mut Sim,
    scenario: &Scenario,
    policy: &mut dyn Policy,
    scripted: &[(u32, Action)],
    keep_log: bool,
) -> Outcome {
    let mut out = Outcome::default();
    for _ in 0..scenario.weeks() {
        let steps = scripted_for(scripted, sim.week() + 1);
        let played = sim.play_week(&steps, Some(&mut *policy));
        let w = played.week;
        out.refused_steps
            .extend(played.refused.into_iter().map(|r| (w, r)));
        if keep_log {
            out.log.extend(sim.week_entries(w).cloned());
        }
    }
    sim.run_epilogue();
    let (c, p, comb) = sim.history().final_scores();
    out.culture = c;
    out.product = p;
    out.combined = comb;
    out.fired_events = sim.world().resource::<Org>().fired_events.clone();
    out.subscores = sim
        .history()
        .weeks
        .last()
        .map(|w| w.subscores().to_vec())
        .unwrap_or_default();
    out
}

/// Checks that need the spawned world at week 0 (objectives already met), as warnings in the
/// scenario file's terms. `validate` adds them to the loader's diagnostics.
pub fn lint(scenario: &Scenario) -> Vec<crate::scenario::Diagnostic> {
    let sim = Sim::new(scenario, scenario.raw.seed);
    let objectives = &sim.world().resource::<sim::Objectives>().0;
    let mut out = Vec::new();
    for (i, o) in objectives.iter().enumerate() {
        if sim::actions::attainment(o) >= 1.0 {
            let path = format!("objectives[{i}]");
            let (line, col) = crate::scenario::locate::position_of(&scenario.positions, &path);
            out.push(crate::scenario::Diagnostic {
                file: scenario.file.clone(),
                line,
                col,
                severity: crate::scenario::Severity::Warning,
                path,
                message: format!(
                    "objective is already met at week 0 ({:?} is {:.4}, target {})",
                    o.metric, o.value, o.target
                ),
                hint: Some(
                    "move the target beyond the starting value, or drop `baseline` so it \
                     defaults to the week-0 value"
                        .into(),
                ),
            });
        }
    }
    out
}

/// p10 / p50 / p90 of a sample (nearest-rank on the sorted values).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Spread {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return Spread::default();
        }
        v.sort_by(f64::total_cmp);
        let at = |q: f64| v[((q * (v.len() - 1) as f64).round() as usize).min(v.len() - 1)];
        Spread {
            p10: at(0.1),
            p50: at(0.5),
            p90: at(0.9),
        }
    }
}

impl RunReport {
    /// Adds the debrief by decisions, measured by replaying `log` (the game this report is of).
    /// A log that does not fit the scenario leaves the report as it is.
    pub fn attribute(&mut self, scenario: &Scenario, log: &log::DecisionLog) {
        self.debrief.by_decisions = attribution::attribute(scenario, log).ok();
    }
}

/// Builds the report of a finished simulation.
pub fn report(
    sim: &Sim,
    scenario: &Scenario,
    policy: &str,
    seed: u64,
    weeks: u32,
    week_hashes: Vec<String>,
    events: Vec<(u32, String, String)>,
) -> RunReport {
    let hist = sim.history();
    let (c, p, comb) = hist.final_scores();
    let (ca, pa): (Contribs, Contribs) = hist.final_attribution();
    let org = sim.world().resource::<Org>();
    let (cu, cd) = top_causes(&ca, &org.action_weeks, 5);
    let (pu, pd) = top_causes(&pa, &org.action_weeks, 5);
    let q = sim.world().resource::<ActionQueue>();
    let decisions = q
        .applied
        .iter()
        .filter(|(w, _)| *w <= weeks)
        .map(|(w, a)| (*w, a.kind().to_string()))
        .collect();
    RunReport {
        scenario: scenario.raw.id.clone(),
        scenario_hash: format!("{:016x}", scenario.content_hash),
        version: env!("CARGO_PKG_VERSION").to_string(),
        model_version: crate::model::MODEL_VERSION,
        seed,
        policy: policy.to_string(),
        weeks,
        culture: c,
        product: p,
        combined: comb,
        state_hash: format!("{:016x}", sim.state_hash()),
        history: hist.weeks.iter().filter(|w| w.week > 0).cloned().collect(),
        week_hashes,
        debrief: Debrief {
            culture_up: cu,
            culture_down: cd,
            product_up: pu,
            product_down: pd,
            quadrant: quadrant(c, p).to_string(),
            decisions,
            events,
            voluntary_exits: org.voluntary_exits,
            layoffs: org.layoffs,
            shipped: org.shipped.len(),
            refused_actions: q.refused.len(),
            by_decisions: None,
        },
    }
}

/// A 64-bit FNV-1a hash over the whole state of a game, in stable-id order: every component
/// and resource of the simulation and its score history that affects a later week (the week
/// log, which only reports, is left out).
///
/// It is the determinism oracle: same scenario + seed + actions ⇒ the same hash every week.
pub fn state_hash(world: &World) -> u64 {
    use sim::{
        Budget, DelayedEffects, Dependency, Index, Initiative, Leader, Market, Objectives, Person,
        Product, Revealed, Stakeholder, Team,
    };
    let mut h = sim::hash::StateHasher::default();
    let idx = world.resource::<Index>();
    for e in idx.people.values() {
        if let Some(x) = world.get::<Person>(*e) {
            h.add(x);
        }
        // Written right after the person: the fields that once ended `Person`, in that order.
        if let Some(x) = world.get::<sim::PersonDrivers>(*e) {
            h.add(x);
        }
        if let Some(x) = world.get::<sim::Temperament>(*e) {
            h.add(x);
        }
    }
    for e in idx.teams.values() {
        if let Some(x) = world.get::<Team>(*e) {
            h.add(x);
        }
    }
    for e in idx.initiatives.values() {
        if let Some(x) = world.get::<Initiative>(*e) {
            h.add(x);
        }
    }
    for e in idx.dependencies.values() {
        if let Some(x) = world.get::<Dependency>(*e) {
            h.add(x);
        }
    }
    for e in idx.stakeholders.values() {
        if let Some(x) = world.get::<Stakeholder>(*e) {
            h.add(x);
        }
    }
    for e in idx.products.values() {
        if let Some(x) = world.get::<Product>(*e) {
            h.add(x);
        }
    }
    h.add(world.resource::<Leader>());
    h.add(world.resource::<Budget>());
    h.add(world.resource::<Org>());
    h.add(world.resource::<Clock>());
    // Everything else a later week reads: the talent market, effects already scheduled (an
    // approved budget on its way), the objectives' baselines, what has been revealed, the
    // score history (the final score averages it) and the action queue (its record of applied
    // actions decides what is allowed next). Two worlds with the same hash play on alike.
    h.add(world.resource::<Market>());
    h.add(world.resource::<DelayedEffects>());
    h.add(world.resource::<Objectives>());
    h.add(world.resource::<Revealed>());
    h.add(world.resource::<ScoreHistory>());
    h.add(world.resource::<ActionQueue>());
    h.0
}
