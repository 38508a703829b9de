//! Developer tool: rough timing of a headless playthrough (the criterion bench is authoritative).
use std::time::Instant;

use orgcraft::headless::{self, Sim};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "scenarios/dependency_hell.ron".into());
    let Ok(sc) = orgcraft::scenario::load(std::path::Path::new(&path)) else {
        return;
    };
    let t = Instant::now();
    for seed in 0..50 {
        let _ = Sim::new(&sc, seed);
    }
    println!(
        "Sim::new: {:.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / 50.0
    );
    let mut s = Sim::new(&sc, 1);
    let Some(mut bot) = headless::policy_by_name("servant") else {
        return;
    };
    let t = Instant::now();
    for _ in 0..26 {
        s.step_with(bot.as_mut());
    }
    println!("26 turns: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0);
    let mut s = Sim::new(&sc, 1);
    let Some(mut bot) = headless::policy_by_name("passive") else {
        return;
    };
    let t = Instant::now();
    for _ in 0..26 {
        s.step_with(bot.as_mut());
    }
    println!(
        "26 turns passive: {:.3} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    for label in std::env::args().nth(2).map_or(
        vec!["sim only".to_string(), "with report".to_string()],
        |l| vec![l],
    ) {
        let t = Instant::now();
        let n = 200;
        for seed in 0..n {
            let Some(mut bot) = headless::policy_by_name("servant") else {
                return;
            };
            if label.as_str() == "sim only" {
                let mut s = Sim::new(&sc, seed);
                for _ in 0..26 {
                    s.step_with(bot.as_mut());
                }
                s.run_epilogue();
            } else {
                let _ = headless::run(&sc, "servant", bot.as_mut(), seed, Some(26));
            }
        }
        println!(
            "{label}: {:.2} ms per 26-week playthrough",
            t.elapsed().as_secs_f64() * 1000.0 / n as f64
        );
    }
}
