//! Golden test plans (`orgcraft check`): play each plan of a scenario over its seeds and say
//! whether the median scores land in the expected bands and the expected events happen.

use rayon::prelude::*;
use serde::Serialize;

use super::{Outcome, Spread, play, policy_by_name};
use crate::scenario::{PlanDef, Scenario};
use crate::sim::{Action, Response};

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
    /// Each expected event text and the share of seeds whose log contains it.
    pub events: Vec<(String, f64)>,
    /// Scripted steps refused in the first seed: (week, action, reason).
    pub refused_steps: Vec<(u32, String, String)>,
    pub pass: bool,
    /// Why it failed, one sentence per unmet expectation.
    pub failures: Vec<String>,
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
    let events: Vec<(String, f64)> = e
        .events
        .iter()
        .map(|text| {
            let needle = text.to_lowercase();
            let hits = outcomes
                .iter()
                .filter(|o| {
                    o.log.iter().any(|l| {
                        l.text.to_lowercase().contains(&needle)
                            || l.kind.to_lowercase().contains(&needle)
                    })
                })
                .count();
            (text.clone(), hits as f64 / outcomes.len().max(1) as f64)
        })
        .collect();
    for (text, share) in &events {
        if *share < 0.5 {
            failures.push(format!(
                "\"{text}\" happened in {:.0} % of seeds; expected at least half",
                share * 100.0
            ));
        }
    }
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
        refused_steps,
        pass: failures.is_empty(),
        failures,
    }
}
