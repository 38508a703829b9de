//! Developer tool: time each turn phase by calling the systems directly, in schedule order.
use std::time::Instant;

use bevy::prelude::World;
use orgcraft::headless::Sim;
use orgcraft::sim::{self, Clock, systems as s};

/// A named turn phase.
type Phase = (&'static str, fn(&mut World));

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "scenarios/dependency_hell.ron".into());
    let Ok(sc) = orgcraft::scenario::load(std::path::Path::new(&path)) else {
        return;
    };
    let phases: Vec<Phase> = vec![
        ("begin", s::begin_week),
        ("actions", sim::actions::apply_queued),
        ("events", s::events),
        ("staffing", s::staffing),
        ("pressure", s::pressure),
        ("overtime", s::overtime),
        ("capacity", s::capacity),
        ("deps", s::dependencies),
        ("production", s::production),
        ("discovery", s::discovery),
        ("market", s::market),
        ("people1", s::people_skills_exhaustion_trust),
        ("safety", s::team_safety),
        ("people2", s::people_engagement_hazard),
        ("culture", s::culture),
        ("stakeholders", s::stakeholders),
        ("budget", s::budget),
        ("scoring", orgcraft::score::scoring),
        ("end", s::end_week),
    ];
    let mut totals = vec![0.0; phases.len()];
    for seed in 0..20 {
        let mut sim = Sim::new(&sc, seed);
        let w = sim.world_mut();
        for _ in 0..26 {
            w.resource_mut::<Clock>().week += 1;
            for (i, (_, f)) in phases.iter().enumerate() {
                let t = Instant::now();
                f(w);
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
    for (i, (n, _)) in phases.iter().enumerate() {
        println!("{n:>14}: {:.1} µs/turn", totals[i] * 1e6 / (20.0 * 26.0));
    }
}
