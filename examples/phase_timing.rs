//! Developer tool: time each turn phase by calling the systems directly, in schedule order.
use std::time::Instant;

use bevy::ecs::schedule::{Schedule, SingleThreadedExecutor};
use orgcraft::headless::Sim;
use orgcraft::sim::{self, Clock, systems as s};

/// A one-system schedule per phase, in turn order, so each can be timed on its own.
macro_rules! phases {
    ($($name:literal => $system:expr),* $(,)?) => {
        vec![$({
            let mut schedule = Schedule::default();
            schedule.set_executor(SingleThreadedExecutor::default());
            schedule.add_systems($system);
            ($name, schedule)
        }),*]
    };
}

/// The turn's phases in schedule order, each in its own schedule (built per world: a system
/// belongs to the world it was initialised in).
fn turn_phases() -> Vec<(&'static str, Schedule)> {
    phases![
        "begin" => s::begin_week,
        "actions" => sim::actions::apply_queued,
        "events" => s::events,
        "staffing" => s::staffing,
        "roster" => s::refresh_roster,
        "pressure" => s::pressure,
        "overtime" => s::overtime,
        "capacity" => s::capacity,
        "deps" => s::dependencies,
        "production" => s::production,
        "discovery" => s::discovery,
        "market" => s::market,
        "people1" => s::people_skills_exhaustion_trust,
        "safety" => s::team_safety,
        "people2" => s::people_engagement_hazard,
        "culture" => s::culture,
        "stakeholders" => s::stakeholders,
        "budget" => s::budget,
        "scoring" => orgcraft::score::scoring,
        "end" => s::end_week,
    ]
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "scenarios/dependency_hell.ron".into());
    let Ok(sc) = orgcraft::scenario::load(std::path::Path::new(&path)) else {
        return;
    };
    let names: Vec<&str> = turn_phases().iter().map(|p| p.0).collect();
    let mut totals = vec![0.0; names.len()];
    for seed in 0..20 {
        let mut sim = Sim::new(&sc, seed);
        let mut phases = turn_phases();
        let w = sim.world_mut();
        for _ in 0..26 {
            w.resource_mut::<Clock>().week += 1;
            for (i, (_, schedule)) in phases.iter_mut().enumerate() {
                let t = Instant::now();
                schedule.run(w);
                totals[i] += t.elapsed().as_secs_f64();
            }
        }
    }
    let mut sched = 0.0;
    for seed in 0..20 {
        let mut sim = Sim::new(&sc, seed);
        for _ in 0..26 {
            let t = Instant::now();
            sim.step();
            sched += t.elapsed().as_secs_f64();
        }
    }
    println!(
        "whole turn via the schedule: {:.1} µs/turn",
        sched * 1e6 / (20.0 * 26.0)
    );
    for (i, n) in names.iter().enumerate() {
        println!("{n:>14}: {:.1} µs/turn", totals[i] * 1e6 / (20.0 * 26.0));
    }
}
