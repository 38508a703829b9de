//! Developer tool: where `Sim::new` spends its time (app + schedule vs spawn vs week 0).
use std::time::Instant;

use bevy::prelude::*;
use orgcraft::sim;

fn main() {
    let Ok(sc) = orgcraft::scenario::load(std::path::Path::new("scenarios/dependency_hell.ron"))
    else {
        return;
    };
    let n = 200;
    let (mut t_app, mut t_spawn, mut t_turn) = (0.0, 0.0, 0.0);
    for seed in 0..n {
        let t = Instant::now();
        let mut app = App::empty();
        app.add_plugins((sim::plugin, orgcraft::score::plugin));
        t_app += t.elapsed().as_secs_f64();
        let t = Instant::now();
        sim::spawn::spawn(app.world_mut(), &sc, seed);
        t_spawn += t.elapsed().as_secs_f64();
        let t = Instant::now();
        sim::advance(app.world_mut());
        t_turn += t.elapsed().as_secs_f64();
    }
    let ms = |x: f64| x * 1e3 / f64::from(n as u32);
    println!(
        "app+schedule {:.3} ms, spawn (incl. week 0) {:.3} ms, first turn {:.3} ms",
        ms(t_app),
        ms(t_spawn),
        ms(t_turn)
    );
}
