//! Developer tool: prints a scenario's weekly state under a bot policy.
//! `cargo run --example trace -- scenarios/brooks_trap.ron servant [weeks]`
#![expect(
    clippy::unwrap_used,
    reason = "a developer tool over a scenario that just loaded"
)]
use orgcraft::headless::{self, Sim};
use orgcraft::sim::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sc = orgcraft::scenario::load(std::path::Path::new(&args[1])).expect("load");
    let mut bot = headless::policy_by_name(&args[2]).expect("policy");
    let weeks: u32 = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(sc.weeks());
    let mut sim = Sim::new(&sc, 1);
    for _ in 0..weeks {
        sim.step_with(bot.as_mut());
        let w = sim.world();
        let wk = w.resource::<Clock>().week;
        for e in w.resource::<Index>().teams.values() {
            let t = w.get::<Team>(*e).unwrap();
            println!(
                "w{wk} team {} cap {:.2} del {:.2} nom {:.2} sp {:.2} debt {:.1} ps {:.1} cl {:.2} act {} blk {} util {:.2} lane {}",
                t.name,
                t.capacity,
                t.delivery_capacity,
                t.nominal_delivery,
                t.schedule_pressure,
                t.debt,
                t.psych_safety,
                t.cognitive_load,
                t.active_items,
                t.blocked_items,
                t.utilisation,
                t.lane.len()
            );
        }
        for e in w.resource::<Index>().initiatives.values() {
            let i = w.get::<Initiative>(*e).unwrap();
            if i.is_open() || i.ship_week == Some(wk) {
                println!(
                    "   item {} {:?} size {:.1} good {:.1} U {:.2} rem {:.1} perc {:.2} belief {:.2}",
                    i.name,
                    i.state,
                    i.size,
                    i.good_done,
                    i.hidden_rework,
                    i.remaining(),
                    i.perceived,
                    i.belief
                );
            }
        }
        let ppl: Vec<&Person> = w
            .resource::<Index>()
            .people
            .values()
            .map(|e| w.get::<Person>(*e).unwrap())
            .collect();
        let n = ppl.len() as f64;
        println!(
            "   people {} E {:.1} X {:.1} H {:.1} TL {:.1} haz {:.4} a {:.2}",
            ppl.len(),
            ppl.iter().map(|p| p.engagement).sum::<f64>() / n,
            ppl.iter().map(|p| p.exhaustion).sum::<f64>() / n,
            ppl.iter().map(|p| p.hours).sum::<f64>() / n,
            ppl.iter().map(|p| p.trust_in_leader).sum::<f64>() / n,
            ppl.iter().map(|p| p.hazard).sum::<f64>() / n,
            ppl.iter().map(|p| p.assimilation).sum::<f64>() / n
        );
        let l = w.resource::<Leader>();
        let b = w.resource::<Budget>();
        println!(
            "   leader ap {:.1} pc {:.1} xl {:.1} | budget q {:.0}/{:.0} freeze {} | demands {}",
            l.ap_left,
            l.political_capital,
            l.exhaustion,
            b.quarter_spent,
            b.quarter_total,
            b.freeze,
            w.resource::<Org>().demands.len()
        );
        let h = w
            .resource::<orgcraft::score::ScoreHistory>()
            .weeks
            .last()
            .unwrap()
            .clone();
        println!(
            "   scores C {:.1} P {:.1} | wgi {:.1} ps {:.1} eng {:.1} ret {:.1} well {:.1} grow {:.1} | out {:.1} cust {:.1} qual {:.1} fin {:.1} trust {:.1}",
            h.culture,
            h.product,
            h.wgi,
            h.psych_safety,
            h.engagement,
            h.retention,
            h.wellbeing,
            h.growth,
            h.outcomes,
            h.customers,
            h.quality,
            h.finance,
            h.trust
        );
        for e in &w.resource::<WeekLog>().entries {
            if e.week == wk {
                println!("   log: {}", e.text);
            }
        }
    }
}
