//! Benchmarks: a full playthrough of the largest shipped scenario, and per-turn scaling.
//!
//! `cargo bench --bench turn` (release). Sample sizes are kept small so the whole run takes a
//! few minutes on a 2-core machine:
//!
//! - `playthrough_26w_servant/<scenario>`: the shipped scenario with the most people (chosen when
//!   the bench starts), 26 weeks plus the 8-week epilogue, played by the `servant` bot, as
//!   `orgcraft run` plays it (a state hash every week, the debrief).
//! - `playthrough_26w_servant_no_hashes/<scenario>`: the same game as `balance` plays it, in a
//!   reused world, scores only.
//! - `balance_6x100/<scenario>`: `orgcraft balance --runs 100` with the six default policies on
//!   the largest scenario, on all cores (throughput in runs per second).
//! - `attribution_26w_servant/<scenario>`: the debrief by decisions of that playthrough (the
//!   game, the caretaker's, one replay per decision group, on all cores).
//! - `turn_servant/<people>`: one `Sim::step_with(servant)` on a generated organisation of 50,
//!   500 and 5,000 people. Each size keeps one `Sim` and rebuilds it (untimed) after 26 weeks,
//!   so the figure is the mean cost of a turn over a 26-week run, spawn excluded.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use orgcraft::headless::{self, Sim, generate, policy_by_name};
use orgcraft::scenario::{self, Scenario};

const WEEKS: u32 = 26;
const SEED: u64 = 42;

/// The valid scenario under `scenarios/` with the most people (ties: the first by file name).
fn largest_scenario() -> Option<(PathBuf, Scenario)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let mut best: Option<(PathBuf, Scenario)> = None;
    for f in files {
        match scenario::load(&f) {
            Ok(sc) => {
                if best
                    .as_ref()
                    .is_none_or(|(_, b)| sc.people.len() > b.people.len())
                {
                    best = Some((f, sc));
                }
            }
            Err(d) => eprintln!("bench: skipping {} ({} diagnostics)", f.display(), d.len()),
        }
    }
    best
}

fn playthrough(c: &mut Criterion) {
    let Some((path, sc)) = largest_scenario() else {
        eprintln!("bench: no valid scenario under scenarios/; skipping the playthrough");
        return;
    };
    eprintln!(
        "bench: playthrough of {} ({} people, {} teams, {} initiatives)",
        path.display(),
        sc.people.len(),
        sc.teams.len(),
        sc.initiatives.len()
    );
    playthrough_group(c, "playthrough_26w_servant", &sc, |sc, policy| {
        headless::run(sc, "servant", policy, sc.raw.seed, Some(WEEKS)).combined
    });
    // The same game as `balance` plays it: scores only, no weekly state hash and no debrief
    // (the per-week hash alone walks every ledger and the growing score history).
    playthrough_group(c, "playthrough_26w_servant_no_hashes", &sc, |sc, policy| {
        Sim::with_reused_length(sc, sc.raw.seed, WEEKS, None, |sim| {
            for _ in 0..WEEKS {
                sim.step_with(policy);
            }
            sim.run_epilogue();
            sim.history().final_scores().2
        })
    });
}

/// One playthrough benchmark: `play` runs a whole game of `sc` with a fresh servant bot.
fn playthrough_group(
    c: &mut Criterion,
    name: &str,
    sc: &Scenario,
    play: impl Fn(&Scenario, &mut dyn headless::Policy) -> f64,
) {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    g.bench_function(BenchmarkId::from_parameter(&sc.raw.id), |b| {
        b.iter(|| {
            let Some(mut policy) = policy_by_name("servant") else {
                unreachable!("servant is a built-in policy")
            };
            black_box(play(sc, policy.as_mut()))
        })
    });
    g.finish();
}

fn per_turn(c: &mut Criterion) {
    let mut g = c.benchmark_group("turn_servant");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for (people, warm_up, measure) in [(50usize, 1u64, 5u64), (500, 2, 8), (5_000, 3, 20)] {
        let sc = match generate::org(people, SEED) {
            Ok(sc) => sc,
            Err(e) => {
                eprintln!("bench: generated org of {people} failed to resolve:\n{e}");
                continue;
            }
        };
        let t = Instant::now();
        let first = Sim::new(&sc, SEED);
        eprintln!(
            "bench: generated org of {} people in {} teams, {} initiatives; Sim::new took {:.1} ms",
            sc.people.len(),
            sc.teams.len(),
            sc.initiatives.len(),
            t.elapsed().as_secs_f64() * 1e3
        );
        g.throughput(Throughput::Elements(people as u64));
        g.warm_up_time(Duration::from_secs(warm_up))
            .measurement_time(Duration::from_secs(measure));
        let mut sim = Some(first);
        g.bench_function(BenchmarkId::from_parameter(people), |b| {
            let Some(mut bot) = policy_by_name("servant") else {
                unreachable!("servant is a built-in policy")
            };
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // A fresh org (and bot) after 26 weeks keeps the state a 26-week run sees.
                    if sim.as_ref().is_none_or(|s| s.week() >= WEEKS) {
                        sim = Some(Sim::new(&sc, SEED));
                        if let Some(p) = policy_by_name("servant") {
                            bot = p;
                        }
                    }
                    let Some(s) = sim.as_mut() else { continue };
                    let t = Instant::now();
                    s.step_with(bot.as_mut());
                    total += t.elapsed();
                }
                total
            })
        });
    }
    g.finish();
}

/// `orgcraft balance` on the largest shipped scenario: 100 runs for each of the six default
/// policies (600 full runs with epilogue) on all cores. The target is `--runs 10000`
/// in 10 s; this group's throughput (runs/s) says how far off that is.
fn balance_runs(c: &mut Criterion) {
    let Some((_, sc)) = largest_scenario() else {
        return;
    };
    let policies: Vec<String> = headless::balance::DEFAULT_POLICIES
        .iter()
        .map(|s| s.to_string())
        .collect();
    const RUNS: u32 = 100;
    let mut g = c.benchmark_group("balance_6x100");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(15))
        .throughput(Throughput::Elements(
            u64::from(RUNS) * policies.len() as u64,
        ));
    g.bench_function(BenchmarkId::from_parameter(&sc.raw.id), |b| {
        b.iter(|| {
            let r = headless::balance::balance(&sc, RUNS, &policies, sc.raw.seed, &|| {});
            black_box(r.map(|r| r.findings.len()).unwrap_or(0))
        })
    });
    g.finish();
}

/// The debrief by decisions of a 26-week servant game of the largest shipped scenario: the game,
/// the caretaker's and one replay per decision group (issue 12's target: ≤ 1 s).
fn attribution(c: &mut Criterion) {
    let Some((_, sc)) = largest_scenario() else {
        return;
    };
    let Some(mut bot) = policy_by_name("servant") else {
        unreachable!("servant is a built-in policy")
    };
    let (_, log) = headless::log::record(&sc, "servant", bot.as_mut(), sc.raw.seed, Some(WEEKS));
    let mut g = c.benchmark_group("attribution_26w_servant");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    g.bench_function(BenchmarkId::from_parameter(&sc.raw.id), |b| {
        b.iter(|| {
            let a = headless::attribution::attribute(&sc, &log);
            black_box(a.map(|a| a.replays).unwrap_or(0))
        })
    });
    g.finish();
}

criterion_group!(benches, playthrough, per_turn, balance_runs, attribution);
criterion_main!(benches);
