//! Balance runs (`orgcraft balance`): many seeded runs per policy, their score spreads, and
//! findings a trainer should act on (a dominant degenerate strategy, dead events, saturated
//! scores, luck outweighing decisions).

use rayon::prelude::*;
use serde::Serialize;

use super::{Outcome, Spread, play_against, policy_by_name};
use crate::scenario::Scenario;

/// The policies `balance` plays unless told otherwise (caretaker is the epilogue's bot).
pub const DEFAULT_POLICIES: [&str; 6] = [
    "servant",
    "passive",
    "yes-man",
    "crunch",
    "hire-fast",
    "random",
];

/// Policies that a well-made scenario should not let win: they lead badly on purpose.
pub const DEGENERATE: [&str; 5] = ["passive", "yes-man", "crunch", "hire-fast", "random"];

/// How close (score points of median combined) a degenerate policy may come to `servant`
/// before it counts as matching it.
pub const MATCH_MARGIN: f64 = 1.0;

#[derive(Clone, Debug, Serialize)]
pub struct PolicyStats {
    pub policy: String,
    pub runs: usize,
    pub culture: Spread,
    pub product: Spread,
    pub combined: Spread,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// A degenerate policy matches or beats `servant`.
    DominantStrategy,
    /// A scripted event never took effect in any run.
    DeadEvent,
    /// A score sits at 0 or 100 for a policy (p10..p90 within one point of the bound).
    SaturatedScore,
    /// The spread across seeds is larger than the spread across policies.
    SeedDominated,
}

impl FindingKind {
    /// The name printed and written to JSON (`dominant-strategy`, …).
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::DominantStrategy => "dominant-strategy",
            FindingKind::DeadEvent => "dead-event",
            FindingKind::SaturatedScore => "saturated-score",
            FindingKind::SeedDominated => "seed-dominated",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct BalanceReport {
    pub scenario: String,
    pub runs_per_policy: u32,
    pub first_seed: u64,
    pub policies: Vec<PolicyStats>,
    pub findings: Vec<Finding>,
}

/// Plays `runs` seeds (`first_seed`, `first_seed + 1`, …) per policy on all cores. `tick` is
/// called once per finished run (for a progress bar). Unknown policy names are an error.
pub fn balance(
    scenario: &Scenario,
    runs: u32,
    policies: &[String],
    first_seed: u64,
    tick: &(dyn Fn() + Sync),
) -> Result<BalanceReport, String> {
    for p in policies {
        if policy_by_name(p).is_none() {
            return Err(format!(
                "unknown policy \"{p}\" (one of {})",
                super::POLICY_NAMES.join(", ")
            ));
        }
    }
    // Seed by seed: every policy on one seed is scored against the same caretaker game,
    // played once for that seed.
    let seeds: Vec<u64> = (0..u64::from(runs))
        .map(|k| first_seed.wrapping_add(k))
        .collect();
    let per_seed: Vec<Vec<(usize, Outcome)>> = seeds
        .par_iter()
        .map(|&seed| {
            let reference = super::caretaker_reference(scenario, seed, scenario.weeks());
            (0..policies.len())
                .map(|pi| {
                    let mut policy = policy_by_name(&policies[pi]).expect("checked above");
                    let o = play_against(
                        scenario,
                        seed,
                        policy.as_mut(),
                        &[],
                        false,
                        Some(reference.clone()),
                    );
                    tick();
                    (pi, o)
                })
                .collect()
        })
        .collect();
    // Policy by policy, seeds in order, as the findings read them (a stable sort keeps the
    // seed order within each policy).
    let mut results: Vec<(usize, Outcome)> = per_seed.into_iter().flatten().collect();
    results.sort_by_key(|(pi, _)| *pi);
    let stats: Vec<PolicyStats> = policies
        .iter()
        .enumerate()
        .map(|(pi, name)| {
            let mine: Vec<&Outcome> = results
                .iter()
                .filter(|(p, _)| *p == pi)
                .map(|(_, r)| r)
                .collect();
            let spread =
                |f: fn(&Outcome) -> f64| Spread::of(&mine.iter().map(|r| f(r)).collect::<Vec<_>>());
            PolicyStats {
                policy: name.clone(),
                runs: mine.len(),
                culture: spread(|r| r.culture),
                product: spread(|r| r.product),
                combined: spread(|r| r.combined),
            }
        })
        .collect();
    let mut findings = Vec::new();
    dominant(&stats, &mut findings);
    dead_events(scenario, &results, &mut findings);
    saturated(&stats, &mut findings);
    stuck_subscores(policies, &results, &mut findings);
    seed_dominated(policies.len(), &results, &mut findings);
    Ok(BalanceReport {
        scenario: scenario.raw.id.clone(),
        runs_per_policy: runs,
        first_seed,
        policies: stats,
        findings,
    })
}

fn dominant(stats: &[PolicyStats], out: &mut Vec<Finding>) {
    let Some(servant) = stats.iter().find(|s| s.policy == "servant") else {
        return;
    };
    for s in stats
        .iter()
        .filter(|s| DEGENERATE.contains(&s.policy.as_str()))
    {
        if s.combined.p50 >= servant.combined.p50 - MATCH_MARGIN {
            out.push(Finding {
                kind: FindingKind::DominantStrategy,
                message: format!(
                    "\"{}\" reaches a median combined score of {:.1} against servant's {:.1}: a \
                     degenerate strategy matches good leadership, so the scenario does not teach \
                     its lesson",
                    s.policy, s.combined.p50, servant.combined.p50
                ),
            });
        }
    }
}

fn dead_events(scenario: &Scenario, results: &[(usize, Outcome)], out: &mut Vec<Finding>) {
    let mut fired = vec![false; scenario.raw.scripted_events.len()];
    for (_, r) in results {
        for &i in &r.fired_events {
            if let Some(f) = fired.get_mut(i) {
                *f = true;
            }
        }
    }
    for (i, f) in fired.iter().enumerate() {
        if !f && !results.is_empty() {
            let e = &scenario.raw.scripted_events[i];
            out.push(Finding {
                kind: FindingKind::DeadEvent,
                message: format!(
                    "scripted_events[{i}] (week {}) never took effect in {} runs",
                    e.week,
                    results.len()
                ),
            });
        }
    }
}

fn saturated(stats: &[PolicyStats], out: &mut Vec<Finding>) {
    for s in stats {
        for (name, sp) in [
            ("culture", s.culture),
            ("product", s.product),
            ("combined", s.combined),
        ] {
            if let Some(bound) = pinned_at(&sp) {
                out.push(Finding {
                    kind: FindingKind::SaturatedScore,
                    message: format!(
                        "{name} is stuck at {bound} for \"{}\" (p10 {:.1}, p90 {:.1}): the score \
                         cannot show what the player did",
                        s.policy, sp.p10, sp.p90
                    ),
                });
            }
        }
    }
}

/// Where a spread of one score is pinned: at 0 when even its p90 is within 1 point of 0, at
/// 100 when even its p10 is within 1 point of 100 (a score there cannot show what a player did).
pub fn pinned_at(sp: &Spread) -> Option<u32> {
    if sp.p90 <= 1.0 {
        Some(0)
    } else if sp.p10 >= 99.0 {
        Some(100)
    } else {
        None
    }
}

/// A sub-score that sits at 0 or 100 at the end of 80 % of one policy's runs cannot show that
/// policy's player anything: something in the scenario or the model pins it.
fn stuck_subscores(policies: &[String], results: &[(usize, Outcome)], out: &mut Vec<Finding>) {
    let Some((_, first)) = results.first() else {
        return;
    };
    for (pi, policy) in policies.iter().enumerate() {
        for (k, (name, _)) in first.subscores.iter().enumerate() {
            let values: Vec<f64> = results
                .iter()
                .filter(|(p, _)| *p == pi)
                .filter_map(|(_, r)| r.subscores.get(k).map(|s| s.1))
                .collect();
            if values.is_empty() {
                continue;
            }
            let sp = Spread::of(&values);
            let Some(bound) = pinned_at(&sp) else {
                continue;
            };
            out.push(Finding {
                kind: FindingKind::SaturatedScore,
                message: format!(
                    "{} ends at {bound} for \"{policy}\" (p10 {:.1}, p90 {:.1}): nothing that \
                     player does moves it",
                    crate::score::subscore_label(name),
                    sp.p10,
                    sp.p90
                ),
            });
        }
    }
}

/// Compares the variance of the combined score between policies (the policy means) with the
/// variance within a policy (across seeds): luck should not outweigh decisions.
fn seed_dominated(n_policies: usize, results: &[(usize, Outcome)], out: &mut Vec<Finding>) {
    if n_policies < 2 {
        return;
    }
    let mut by_policy: Vec<Vec<f64>> = vec![Vec::new(); n_policies];
    for (p, r) in results {
        by_policy[*p].push(r.combined);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let var = |v: &[f64]| {
        let m = mean(v);
        v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len().max(1) as f64
    };
    let means: Vec<f64> = by_policy.iter().map(|v| mean(v)).collect();
    let between = var(&means);
    let within = mean(&by_policy.iter().map(|v| var(v)).collect::<Vec<_>>());
    if within > between {
        out.push(Finding {
            kind: FindingKind::SeedDominated,
            message: format!(
                "the seed moves the combined score more than the policy does (variance within a \
                 policy {within:.1} vs between policies {between:.1}): outcomes are mostly luck"
            ),
        });
    }
}
