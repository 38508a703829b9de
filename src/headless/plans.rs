//! Golden test plans (`orgcraft check`): play each plan of a scenario over its seeds and say
//! whether the median scores land in the expected bands and the expected events happen.

use rayon::prelude::*;
use serde::Serialize;

use super::{Outcome, Spread, play, policy_by_name};
use crate::scenario::{PlanDef, Scenario};
use crate::sim::{Action, Happened, LogEntry, Response, Subject};

/// The verdict on one plan.
#[derive(Clone, Debug, Serialize)]
pub struct PlanResult {
    pub name: String,
    pub description: String,
    pub policy: String,
    pub seeds: Vec<u64>,
    pub culture: Spread,
    pub product: Spread,
    pub combined: Spread,
    /// Each expected event: the share of seeds where it happened and the median week it first did.
    pub events: Vec<EventResult>,
    /// When each initiative shipped or missed its date, over the seeds.
    pub initiatives: Vec<InitiativeWeeks>,
    /// Scripted steps refused in the first seed: (week, action, reason).
    pub refused_steps: Vec<(u32, String, String)>,
    pub pass: bool,
    /// Why it failed, one sentence per unmet expectation.
    pub failures: Vec<String>,
}

/// One expected event over a plan's seeds.
#[derive(Clone, Debug, Serialize)]
pub struct EventResult {
    pub text: String,
    /// Share of seeds in which it happened.
    pub share: f64,
    /// Median over those seeds of the first week it happened.
    pub median_week: Option<f64>,
}

/// One initiative over a plan's seeds: how often and when it shipped, and missed its date.
#[derive(Clone, Debug, Serialize)]
pub struct InitiativeWeeks {
    /// The initiative's id in the scenario file.
    pub initiative: String,
    /// Its name as players read it (the id when the file gives no name).
    pub name: String,
    pub deadline_week: Option<u32>,
    pub shipped_share: f64,
    pub shipped_median_week: Option<f64>,
    pub missed_share: f64,
    pub missed_median_week: Option<f64>,
}

/// The median of `weeks` (`None` when empty).
fn median_week(mut weeks: Vec<u32>) -> Option<f64> {
    if weeks.is_empty() {
        return None;
    }
    weeks.sort_unstable();
    let n = weeks.len();
    Some(if n % 2 == 1 {
        f64::from(weeks[n / 2])
    } else {
        (f64::from(weeks[n / 2 - 1]) + f64::from(weeks[n / 2])) / 2.0
    })
}

/// In each outcome, the first week a line matching `hit` was logged (outcomes without one are
/// left out); and the share of outcomes that had one.
fn first_weeks(outcomes: &[Outcome], hit: impl Fn(&LogEntry) -> bool) -> (f64, Vec<u32>) {
    let weeks: Vec<u32> = outcomes
        .iter()
        .filter_map(|o| o.log.iter().find(|l| hit(l)).map(|l| l.week))
        .collect();
    (weeks.len() as f64 / outcomes.len().max(1) as f64, weeks)
}

/// Plays one plan: the plan's bot, its scripted steps, and its demand answer if any.
pub fn play_plan(scenario: &Scenario, plan: &PlanDef, seed: u64) -> Option<Outcome> {
    let base = policy_by_name(&plan.policy)?;
    let mut policy = PlanPolicy {
        base,
        respond: plan.respond,
    };
    Some(play(scenario, seed, &mut policy, &plan.steps, true))
}

/// A plan's line played as `run` plays it: the report with its debrief, the decision log, and
/// the scripted steps the simulation refused (with their week).
pub type PlanRun = (
    super::RunReport,
    super::log::DecisionLog,
    Vec<(u32, crate::sim::Refusal)>,
);

/// Plays one plan's line on one seed as `run` does (`None` when the plan's bot is unknown).
pub fn run_plan(scenario: &Scenario, plan: &PlanDef, seed: u64) -> Option<PlanRun> {
    let base = policy_by_name(&plan.policy)?;
    let mut policy = PlanPolicy {
        base,
        respond: plan.respond,
    };
    let name = format!("plan {}", plan.name);
    Some(super::log::record_line(
        scenario,
        &name,
        &mut policy,
        &plan.steps,
        seed,
        None,
    ))
}

/// The plan's bot with every demand answered the plan's way (when it names one).
struct PlanPolicy {
    base: Box<dyn super::Policy>,
    respond: Option<Response>,
}

impl super::Policy for PlanPolicy {
    fn decide(&mut self, world: &bevy::prelude::World) -> Vec<Action> {
        let mut out = self.base.decide(world);
        if let Some(response) = self.respond {
            out.retain(|a| !matches!(a, Action::Respond { .. }));
            let demands = &world.resource::<crate::sim::Org>().demands;
            out.splice(
                0..0,
                demands.iter().map(|d| Action::Respond {
                    demand: d.id,
                    response,
                }),
            );
        }
        out
    }
}

/// Person-weeks of simulation `check` would do: seeds × weeks × people summed over the plans
/// (`seeds` overrides each plan's own count), as `scenario::limits::MAX_PLAN_WORK` counts it.
pub fn work(scenario: &Scenario, seeds: Option<u32>) -> u64 {
    let per_seed = u64::from(scenario.weeks()) * scenario.people.len().max(1) as u64;
    scenario
        .plans
        .iter()
        .map(|p| u64::from(seeds.unwrap_or(p.seeds)).saturating_mul(per_seed))
        .fold(0, u64::saturating_add)
}

/// Checks every plan of `scenario`; `seeds` overrides each plan's own seed count.
pub fn check(scenario: &Scenario, seeds: Option<u32>) -> Vec<PlanResult> {
    scenario
        .plans
        .iter()
        .map(|plan| check_plan(scenario, plan, seeds.unwrap_or(plan.seeds)))
        .collect()
}

fn check_plan(scenario: &Scenario, plan: &PlanDef, n: u32) -> PlanResult {
    let seeds: Vec<u64> = (0..u64::from(n.max(1)))
        .map(|k| scenario.raw.seed.wrapping_add(k))
        .collect();
    let outcomes: Vec<Outcome> = seeds
        .par_iter()
        .filter_map(|&s| play_plan(scenario, plan, s))
        .collect();
    let pick = |f: fn(&Outcome) -> f64| Spread::of(&outcomes.iter().map(f).collect::<Vec<_>>());
    let culture = pick(|o| o.culture);
    let product = pick(|o| o.product);
    let combined = pick(|o| o.combined);
    let mut failures = Vec::new();
    if outcomes.is_empty() {
        failures.push(format!("policy \"{}\" is unknown", plan.policy));
    }
    let e = &plan.expect;
    for (name, band, spread) in [
        ("culture", e.culture, culture),
        ("product", e.product, product),
        ("combined", e.combined, combined),
    ] {
        if let Some((lo, hi)) = band
            && !(lo..=hi).contains(&spread.p50)
        {
            failures.push(format!(
                "median {name} {:.1} is outside the expected band {lo}–{hi}",
                spread.p50
            ));
        }
    }
    let events: Vec<EventResult> = plan
        .events
        .iter()
        .map(|expected| {
            let (share, weeks) = first_weeks(&outcomes, |l| expected.matches(l));
            EventResult {
                text: expected.text.clone(),
                share,
                median_week: median_week(weeks),
            }
        })
        .collect();
    for ev in &events {
        if ev.share < 0.5 {
            failures.push(format!(
                "\"{}\" happened in {:.0} % of seeds; expected at least half",
                ev.text,
                ev.share * 100.0
            ));
        }
    }
    let initiatives = scenario
        .initiatives
        .iter()
        .map(|it| {
            let about = Subject::Initiative(it.id);
            let when = |what: Happened| {
                first_weeks(&outcomes, |l| {
                    l.happened == Some(what) && l.about.contains(&about)
                })
            };
            let (shipped_share, shipped) = when(Happened::Shipped);
            let (missed_share, missed) = when(Happened::MissedDate);
            InitiativeWeeks {
                initiative: it.raw.id.clone(),
                name: if it.raw.name.is_empty() {
                    it.raw.id.clone()
                } else {
                    it.raw.name.clone()
                },
                deadline_week: it.raw.deadline_week,
                shipped_share,
                shipped_median_week: median_week(shipped),
                missed_share,
                missed_median_week: median_week(missed),
            }
        })
        .collect();
    let refused_steps = outcomes
        .first()
        .map(|o| {
            o.refused_steps
                .iter()
                .map(|(w, r)| (*w, r.action.clone(), r.reason.clone()))
                .collect()
        })
        .unwrap_or_default();
    PlanResult {
        name: plan.name.clone(),
        description: plan.description.clone(),
        policy: plan.policy.clone(),
        seeds,
        culture,
        product,
        combined,
        events,
        initiatives,
        refused_steps,
        pass: failures.is_empty(),
        failures,
    }
}
