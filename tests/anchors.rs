//! Validation anchors of MODEL.md §12 as headless tests over many seeds. Messages print figures.

mod common;

use bevy::prelude::World;
use common::{Scripted, median, one_team, parse};
use orgcraft::headless::Sim;
use orgcraft::model::eq::OvertimePolicy;
use orgcraft::model::queue::{FifoLane, Request};
use orgcraft::model::rng::{Purpose, Stream};
use orgcraft::model::{InitiativeId, Params, TeamId, eq};
use orgcraft::scenario::{DemandKind, Role};
use orgcraft::sim::{Action, Budget, Index, Initiative, Org, Person, Response, Team};

fn team(world: &World, id: u32) -> Team {
    let e = world.resource::<Index>().teams[&TeamId(id)];
    world.get::<Team>(e).expect("team").clone()
}

fn item(world: &World, id: u32) -> Initiative {
    let e = world.resource::<Index>().initiatives[&InitiativeId(id)];
    world.get::<Initiative>(e).expect("initiative").clone()
}

/// Plays until initiative 0 ships (or `max` weeks); returns (ship week, total spend).
fn completion(sim: &mut Sim, max: u32, mut decide: impl FnMut(&mut Sim)) -> (f64, f64) {
    for _ in 0..max {
        decide(sim);
        sim.step();
        if let Some(w) = item(sim.world(), 0).ship_week {
            return (f64::from(w), sim.world().resource::<Budget>().total_spent);
        }
    }
    (
        f64::from(max) + 1.0,
        sim.world().resource::<Budget>().total_spent,
    )
}

/// A1 — Brooks's law: adding six contractors in week 3 of the late project makes it later and dearer.
/// A1 on `sc`: median (completion week, cost) with the late contractors and without.
fn late_additions(sc: &orgcraft::scenario::Scenario) -> ((f64, f64), (f64, f64)) {
    let (mut with_w, mut with_c, mut without_w, mut without_c) = (vec![], vec![], vec![], vec![]);
    for seed in 0..50 {
        for take in [true, false] {
            let mut sim = Sim::new(sc, seed);
            let (w, c) = completion(&mut sim, 40, |s| {
                // A caretaker's routine (monthly 1:1s) so only the staffing decision differs.
                let ids: Vec<_> = s
                    .world()
                    .resource::<Index>()
                    .people
                    .iter()
                    .map(|(id, e)| (*id, *e))
                    .collect();
                for (id, e) in ids {
                    if s.world()
                        .get::<Person>(e)
                        .is_some_and(|p| p.weeks_since_1on1 >= 4.0)
                    {
                        let _ = s.submit(Action::OneOnOne { person: id });
                    }
                }
                let demands = s.world().resource::<Org>().demands.clone();
                for d in demands {
                    let r = if d.kind == DemandKind::StaffingSolution && !take {
                        Response::Shield
                    } else {
                        Response::Comply
                    };
                    let _ = s.submit(Action::Respond {
                        demand: d.id,
                        response: r,
                    });
                }
            });
            if take {
                with_w.push(w);
                with_c.push(c);
            } else {
                without_w.push(w);
                without_c.push(c);
            }
        }
    }
    (
        (median(with_w), median(with_c)),
        (median(without_w), median(without_c)),
    )
}

#[test]
fn a1_adding_people_late_makes_the_project_later_and_dearer() {
    let mut sc = common::load("brooks_trap.ron");
    sc.raw.weeks = 40;
    let ((a, ca), (b, cb)) = late_additions(&sc);
    eprintln!(
        "A1: median completion week {a} with contractors vs {b} without; cost {ca:.0} vs {cb:.0}"
    );
    // The mechanism is communication overhead and assimilation, not exhaustion from a big
    // team: with no team-size strain at all (cognitive load, safety) the additions still delay.
    sc.raw.params.load_per_extra_person = 0.0;
    sc.raw.params.ps_per_extra_member = 0.0;
    let ((a0, _), (b0, _)) = late_additions(&sc);
    eprintln!("A1 without team-size strain: week {a0} with contractors vs {b0} without");
    assert!(
        a0 > b0,
        "without team-size strain the late additions should still delay: {a0} vs {b0}"
    );
    assert!(
        a > b,
        "median completion with contractors {a} vs without {b}: adding people late should delay"
    );
    assert!(
        ca > cb,
        "median cost with contractors {ca:.0} vs without {cb:.0}"
    );
}

/// A2 — Brooks's law is conditional: with DE-A-like short delays, early additions finish sooner but cost more.
#[test]
fn a2_short_delays_make_early_additions_finish_sooner_but_cost_more() {
    let items = r#"(id: "big", team: "t", state: Delivery, size: 120.0, max_parallel: 12)"#;
    let params = "assimilation_a0: 0.5, assimilation_tau: 4.0, hire_mean_weeks_employee: 2.0, hazard_base: 0.0";
    let sc = parse(&one_team(
        60,
        "assimilation_tau: 4.0, debt_share: 0.0,",
        5,
        items,
        params,
    ));
    let (mut add_w, mut add_c, mut base_w, mut base_c) = (vec![], vec![], vec![], vec![]);
    for seed in 0..30 {
        for add in [true, false] {
            let mut sim = Sim::new(&sc, seed);
            let mut week = 0;
            let (w, c) = completion(&mut sim, 60, |s| {
                week += 1;
                // 25 % of the no-addition duration (~30 weeks) has elapsed at week 7.
                if add && week == 7 {
                    for _ in 0..4 {
                        let _ = s.submit(Action::OpenRequisition {
                            team: TeamId(0),
                            role: Role::Engineer,
                            level: 3,
                        });
                    }
                }
            });
            if add {
                add_w.push(w);
                add_c.push(c);
            } else {
                base_w.push(w);
                base_c.push(c);
            }
        }
    }
    let (a, b) = (median(add_w), median(base_w));
    let (ca, cb) = (median(add_c), median(base_c));
    eprintln!(
        "A2: median completion week {a} with early hires vs {b} without; cost {ca:.0} vs {cb:.0}"
    );
    assert!(
        a < b,
        "median completion with early additions {a} vs without {b}: short delays should let hiring help"
    );
    assert!(
        ca > cb,
        "median cost with additions {ca:.0} vs without {cb:.0}"
    );
}

/// A5 — 90 % syndrome: status echoes the plan mid-project and converges to the truth after 80 %.
#[test]
fn a5_perceived_progress_tracks_the_plan_until_late() {
    let items = r#"(id: "late", team: "t", state: Delivery, size: 60.0, max_parallel: 8, planned_weeks: 10)"#;
    let sc = parse(&one_team(
        40,
        "psych_safety: 15.0, debt_share: 0.0,",
        6,
        items,
        "hazard_base: 0.0",
    ));
    let mut sim = Sim::new(&sc, 1);
    let (mut mid_gap, mut late_gap): (f64, f64) = (0.0, 0.0);
    let mut saw_late = false;
    for _ in 0..40 {
        sim.step();
        let it = item(sim.world(), 0);
        if it.ship_week.is_some() {
            break;
        }
        let tf = it.true_frac();
        let gap = it.perceived - tf;
        if (0.4..=0.6).contains(&tf) {
            mid_gap = mid_gap.max(gap);
        }
        if tf >= 0.85 {
            saw_late = true;
            late_gap = late_gap.max(gap.abs());
        }
    }
    eprintln!("A5: max perceived − true mid-project {mid_gap:.3}; after 85 % {late_gap:.3}");
    assert!(
        team(sim.world(), 0).honesty <= 0.5,
        "test needs h ≤ 0.5, got {}",
        team(sim.world(), 0).honesty
    );
    assert!(
        mid_gap >= 0.15,
        "mid-project perceived − true = {mid_gap:.3}, expected ≥ 0.15"
    );
    assert!(
        saw_late && late_gap < 0.02,
        "after 85 % the gap should be gone, was {late_gap:.3}"
    );
}

/// A6 — crunch: 8 weeks at 60 h ≈ 8 weeks at 40 h of good output; less after week 10.
#[test]
fn a6_crunch_pays_nothing_after_eight_weeks() {
    let items = r#"(id: "work", team: "t", state: Delivery, size: 5000.0, max_parallel: 12)"#;
    let sc = parse(&one_team(
        14,
        "debt_share: 0.0,",
        7,
        items,
        "hazard_base: 0.0",
    ));
    let output = |crunch: bool| {
        let mut sim = Sim::new(&sc, 5);
        let mut at = Vec::new();
        for w in 1..=14 {
            if crunch && w == 1 {
                let _ = sim.submit(Action::SetOvertimePolicy {
                    policy: OvertimePolicy::Crunch,
                });
            }
            sim.step();
            at.push(team(sim.world(), 0).good_output_total);
        }
        at
    };
    let (c, n) = (output(true), output(false));
    let r1 = c[0] / n[0];
    let r8 = c[7] / n[7];
    let r12 = c[11] / n[11];
    eprintln!(
        "A6: crunch/normal cumulative good output: week 1 {r1:.3}, week 8 {r8:.3}, week 12 {r12:.3}"
    );
    assert!(
        r1 > 1.1,
        "week 1 crunch should pay off at first: ratio {r1:.3}"
    );
    assert!(
        (0.9..=1.1).contains(&r8),
        "cumulative good output at week 8: crunch/normal = {r8:.3}, expected within ±10 %"
    );
    assert!(
        r12 < 1.0,
        "after week 10 crunch should fall behind: week-12 ratio {r12:.3}"
    );
}

/// A7 — queueing: the FIFO lane's waits grow as ρ/(1−ρ) (≈4×, 9×, 19× service) and obey Little's law.
#[test]
fn a7_lane_waits_follow_the_utilisation_curve() {
    for (rho, expect) in [(0.8, 4.0), (0.9, 9.0), (0.95, 19.0)] {
        let (rate, mean_work) = (1.0, 1.0);
        let lambda = rho * rate / mean_work;
        let mut lane = FifoLane::default();
        let weeks = 400_000u32;
        let (mut waits, mut n) = (0.0, 0u64);
        let mut arrivals = std::collections::BTreeMap::new();
        let mut in_system_samples = 0.0;
        let mut id = 0u64;
        for w in 0..weeks {
            let mut s = Stream::new(42, Purpose::DependencyJitter, u64::from(w), 0, 0);
            // Poisson arrivals inside the week, exponential work sizes (M/M/1).
            let k = s.poisson(lambda);
            let mut times: Vec<f64> = (0..k).map(|_| f64::from(w) + s.uniform()).collect();
            times.sort_by(f64::total_cmp);
            for t in times {
                let work = -mean_work * (1.0 - s.uniform()).ln();
                lane.push(Request {
                    id,
                    arrival: t,
                    work,
                    remaining: work,
                });
                arrivals.insert(id, (t, work));
                id += 1;
            }
            let served = lane.serve(f64::from(w), f64::from(w + 1), rate);
            for (rid, done) in served.completed {
                let (t, work) = arrivals.remove(&rid).expect("arrival");
                if w > 1000 {
                    waits += done - t - work / rate;
                    n += 1;
                }
            }
            if w > 1000 {
                in_system_samples += lane.len() as f64;
            }
        }
        let wq = waits / n as f64 / (mean_work / rate);
        eprintln!("A7: ρ = {rho}: mean wait {wq:.2}× service (M/M/1: {expect}×)");
        assert!(
            (wq / expect - 1.0).abs() <= 0.15,
            "ρ = {rho}: mean wait {wq:.2}× service, expected {expect}× ±15 %"
        );
        // Little's law: time-average number in system = throughput × mean time in system.
        let span = f64::from(weeks - 1001);
        let l_obs = in_system_samples / span;
        let l_little = (n as f64 / span) * (wq + 1.0) * mean_work / rate;
        // Week-boundary samples of a continuous queue: compare within 5 % plus half a job.
        assert!(
            (l_obs - l_little).abs() <= 0.05 * l_little + 0.5,
            "ρ = {rho}: L = {l_obs:.2} vs λW = {l_little:.2}"
        );
    }
}

/// A9 — tech debt: delivery ≈ 2× slower at D = 90 than D = 10, with ≥ 2× escaped defects per point.
#[test]
fn a9_high_debt_doubles_delivery_time_and_defects() {
    let items = r#"(id: "work", team: "t", state: Delivery, size: 60.0, max_parallel: 10)"#;
    let run = |debt: f64, seed: u64| {
        let sc = parse(&one_team(
            80,
            &format!("tech_debt: {debt}, debt_share: 0.0,"),
            6,
            items,
            "hazard_base: 0.0",
        ));
        let mut sim = Sim::new(&sc, seed);
        let (w, _) = completion(&mut sim, 80, |_| {});
        let t = team(sim.world(), 0);
        (w, t.escaped_total / 60.0)
    };
    let (mut ratios, mut esc) = (vec![], vec![]);
    for seed in 0..20 {
        let (fast, e_lo) = run(10.0, seed);
        let (slow, e_hi) = run(90.0, seed);
        ratios.push(slow / fast);
        esc.push(e_hi / e_lo.max(1e-9));
    }
    let (r, e) = (median(ratios), median(esc));
    eprintln!("A9: delivery time D=90/D=10 {r:.2}; escaped defects per shipped point {e:.2}×");
    assert!(
        (1.7..=2.3).contains(&r),
        "delivery time ratio D=90/D=10 = {r:.2}, expected 2.0 ± 0.3"
    );
    assert!(
        e >= 2.0,
        "escaped defects per shipped point ratio = {e:.2}, expected ≥ 2"
    );
}

/// A12 — the psychological-safety reporting paradox: more defects found, fewer escaped.
#[test]
fn a12_safe_teams_report_more_and_ship_fewer_defects() {
    let items = r#"(id: "work", team: "t", state: Delivery, size: 50.0, max_parallel: 10)"#;
    let run = |ps: f64| {
        let sc = parse(&one_team(
            60,
            &format!("psych_safety: {ps}, debt_share: 0.0,"),
            6,
            items,
            "hazard_base: 0.0",
        ));
        let mut sim = Sim::new(&sc, 2);
        completion(&mut sim, 60, |_| {});
        let t = team(sim.world(), 0);
        (t.detected_total, t.escaped_total)
    };
    let (det_lo, esc_lo) = run(30.0);
    let (det_hi, esc_hi) = run(80.0);
    eprintln!(
        "A12: detected {det_hi:.2} (PS 80) vs {det_lo:.2} (PS 30); escaped {esc_hi:.2} vs {esc_lo:.2}"
    );
    assert!(
        det_hi > det_lo,
        "detected: PS 80 {det_hi:.2} vs PS 30 {det_lo:.2}"
    );
    assert!(
        esc_hi < esc_lo,
        "escaped: PS 80 {esc_hi:.2} vs PS 30 {esc_lo:.2}"
    );
}

/// A13 — turnover: ~13 %/yr in a neutral org, ≥ 25 % lower when engaged; replacement 50–100 % of salary.
#[test]
fn a13_turnover_base_rate_engagement_gap_and_replacement_cost() {
    let rate = |engagement: f64| {
        let mut teams = String::new();
        for t in 0..5 {
            let mut people = String::new();
            for i in 0..8 {
                people.push_str(&format!("(name: \"P{t}_{i}\", tenure_weeks: 150, engagement: {engagement}, exhaustion: 20.0),"));
            }
            teams.push_str(&format!("(id: \"t{t}\", members: [{people}]),"));
        }
        let src = format!(
            r#"Scenario(id: "n", title: "Neutral", lesson: "x", weeks: 52, params: (epilogue_weeks: 0),
            products: [(id: "p", segment: Smb, users: 67970.0, signups_base: 2500.0, activation: 0.32, monthly_churn: 0.05)],
            teams: [{teams}])"#
        );
        let sc = parse(&src);
        let (mut quits, mut heads) = (0.0, 0.0);
        for seed in 0..40 {
            let mut sim = Sim::new(&sc, seed);
            // Neutral org (§17.1): a monthly 1:1 and one growth event per 26 weeks for everyone.
            let mut bot = Scripted(|w: &World| {
                let week = w.resource::<orgcraft::sim::Clock>().week + 1;
                let mut out = Vec::new();
                for (id, e) in &w.resource::<Index>().people {
                    let p = w.get::<Person>(*e).expect("person");
                    if p.weeks_since_1on1 >= 4.0 {
                        out.push(Action::OneOnOne { person: *id });
                    }
                    if week % 26 == (id.0 % 26) + 1 {
                        out.push(Action::Training {
                            person: *id,
                            pillar: orgcraft::sim::Pillar::Craft,
                        });
                    }
                }
                out
            });
            // Leader time is not what A13 tests: give enough attention for the neutral routine.
            sim.world_mut()
                .resource_mut::<orgcraft::sim::Leader>()
                .ap_per_week = 40.0;
            for _ in 0..52 {
                sim.step_with(&mut bot);
            }
            let org = sim.world().resource::<Org>();
            let resigned = org.voluntary_exits as f64
                + sim
                    .world()
                    .resource::<Index>()
                    .people
                    .values()
                    .filter(|e| {
                        sim.world()
                            .get::<Person>(**e)
                            .is_some_and(|p| p.notice.is_some())
                    })
                    .count() as f64;
            quits += resigned;
            heads += 40.0;
        }
        quits / heads
    };
    let neutral = rate(50.0);
    eprintln!("A13: neutral-org annual turnover {neutral:.3}");
    assert!(
        (0.10..=0.16).contains(&neutral),
        "neutral-org annual turnover {neutral:.3}, expected 10–16 %"
    );
    let (disengaged, engaged) = (rate(30.0), rate(75.0));
    eprintln!("A13: turnover at E=30 {disengaged:.3}, at E=75 {engaged:.3}");
    assert!(
        engaged <= 0.75 * disengaged,
        "turnover at E=75 {engaged:.3} vs E=30 {disengaged:.3}: expected ≥ 25 % lower"
    );
    let cost = eq::replacement_cost_share(&Params::default());
    eprintln!("A13: replacement cost {cost:.2} of annual salary");
    assert!(
        (0.5..=1.0).contains(&cost),
        "modelled replacement cost {cost:.2} of annual salary, expected 0.5–1.0"
    );
}

/// A14 — outcomes over output: discovery raises the shipped hit rate and lowers the feature count.
#[test]
fn a14_discovery_raises_hit_rate_and_ships_fewer_features() {
    let mut items = String::new();
    for i in 0..10 {
        items.push_str(&format!(
            "(id: \"idea{i}\", team: \"t\", size: 5.0, max_parallel: 4),"
        ));
    }
    let run = |d: f64| {
        let team_extra = format!(
            "discovery_share: {d}, debt_share: 0.0, psych_safety: 70.0, analytics: 0.3, outcome_mission: true,"
        );
        let src = one_team(26, &team_extra, 6, &items, "hazard_base: 0.0").replace(
            "level: 3,",
            "level: 4, skills: (soft: 60, team_dev: 50, domain: 75, craft: 65),",
        );
        let sc = parse(&src.replace("(id: \"p\",", "(id: \"p\", value_fit: 55.0,"));
        let (mut hits, mut shipped, mut out) = (0.0f64, 0.0f64, Vec::new());
        for seed in 0..60 {
            let mut sim = Sim::new(&sc, seed);
            for _ in 0..26 {
                sim.step();
            }
            for e in sim.world().resource::<Index>().initiatives.values() {
                let it = sim.world().get::<Initiative>(*e).expect("item");
                if it.ship_week.is_some() {
                    shipped += 1.0;
                    if it.hit {
                        hits += 1.0;
                    }
                }
            }
            let vf: f64 = sim
                .world()
                .resource::<Index>()
                .products
                .values()
                .filter_map(|e| sim.world().get::<orgcraft::sim::Product>(*e))
                .map(|p| p.value_fit)
                .sum();
            out.push(vf);
        }
        (hits / shipped.max(1.0), shipped / 60.0, median(out))
    };
    let (hit0, n0, vf0) = run(0.0);
    let (hit2, n2, vf2) = run(0.2);
    eprintln!(
        "A14: shipped hit rate {hit0:.2} → {hit2:.2}; features per run {n0:.1} → {n2:.1}; value fit {vf0:.2} → {vf2:.2}"
    );
    assert!(
        (0.25..=0.42).contains(&hit0),
        "shipped hit rate without discovery {hit0:.2}, expected ≈ 1/3"
    );
    assert!(
        hit2 >= 0.5,
        "shipped hit rate with d = 0.2: {hit2:.2}, expected ≥ 0.5"
    );
    assert!(
        n2 < n0,
        "features shipped per run: {n2:.1} with discovery vs {n0:.1} without"
    );
    assert!(
        vf2 > vf0,
        "value fit (outcomes) with discovery {vf2:.2} vs without {vf0:.2}"
    );
}

/// A19 — no dominant degenerate strategy: `servant` beats the others in every shipped scenario.
#[test]
fn a19_servant_beats_degenerate_policies_in_every_scenario() {
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for p in common::shipped() {
        let sc = orgcraft::scenario::load(&p).expect("loads");
        let med = |policy: &str| {
            median(
                (0..50)
                    .map(|s| common::combined(&sc, policy, 1000 + s))
                    .collect(),
            )
        };
        let servant = med("servant");
        for other in ["passive", "yes-man", "crunch", "hire-fast"] {
            let o = med(other);
            report.push(format!(
                "{}: servant {servant:.1} vs {other} {o:.1} (margin {:+.1})",
                sc.raw.id,
                servant - o
            ));
            // Not just ahead: ahead by a margin a workshop can see (issue 12: at least 3).
            if servant - o < 3.0 {
                failures.push(format!(
                    "{}: {other} {o:.1} within 3 points of servant {servant:.1}",
                    sc.raw.id
                ));
            }
        }
    }
    eprintln!("A19:\n{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "dominant degenerate strategies:\n{}\nall figures:\n{}",
        failures.join("\n"),
        report.join("\n")
    );
}

/// A10 — context switching: each active item beyond what the team can hold costs ≈ 15–20 %.
#[test]
fn a10_context_switching_costs_per_extra_item() {
    let output = |k: usize| {
        let mut items = String::new();
        for i in 0..k {
            items.push_str(&format!(
                "(id: \"i{i}\", team: \"t\", state: Delivery, size: 500.0, max_parallel: 10),"
            ));
        }
        let sc = parse(&one_team(
            8,
            &format!("wip_limit: {k}, debt_share: 0.0,"),
            3,
            &items,
            "hazard_base: 0.0",
        ));
        let mut sim = Sim::new(&sc, 3);
        for _ in 0..8 {
            sim.step();
        }
        team(sim.world(), 0).good_output_total
    };
    let base = output(1);
    let ratios: Vec<f64> = (1..=5).map(|k| output(k) / base).collect();
    eprintln!("A10: output relative to one item, k = 1..5: {ratios:.3?}");
    for k in 1..=2 {
        let loss = ratios[k - 1] - ratios[k];
        assert!(
            (0.13..=0.21).contains(&loss),
            "extra item {}: loss {loss:.3} of output, expected 15–20 % (ratios {ratios:.3?})",
            k + 1
        );
    }
    assert!(
        ratios[4] >= 0.35,
        "the loss is capped: 5 items keep {:.2} of output",
        ratios[4]
    );
}

/// A11 — a different estimate creates a different project: tight dates bring overtime and errors
/// without finishing sooner; loose dates bring Parkinson slack.
#[test]
fn a11_tight_and_loose_estimates_change_the_project() {
    let project = |deadline: Option<u32>| {
        let dl = deadline.map_or(String::new(), |d| {
            format!("deadline_week: {d}, fixed_scope: true,")
        });
        let items =
            format!("(id: \"p\", team: \"t\", state: Delivery, size: 40.0, max_parallel: 8, {dl})");
        let sc = parse(&one_team(
            60,
            "debt_share: 0.0,",
            6,
            &items,
            "hazard_base: 0.0",
        ));
        let mut sim = Sim::new(&sc, 4);
        let mut hours = Vec::new();
        let (w, _) = completion(&mut sim, 60, |s| {
            let ppl: Vec<f64> = s
                .world()
                .resource::<Index>()
                .people
                .values()
                .filter_map(|e| s.world().get::<Person>(*e))
                .map(|p| p.hours)
                .collect();
            hours.push(ppl.iter().sum::<f64>() / ppl.len().max(1) as f64);
        });
        let t = team(sim.world(), 0);
        let errors = t.detected_total + t.escaped_total;
        let mean_h = hours.iter().skip(1).sum::<f64>() / (hours.len().max(2) - 1) as f64;
        (w, mean_h, errors)
    };
    let (need, _, _) = project(None);
    let at = |f: f64| project(Some(((need * f).round() as u32).max(2)));
    let (tight_w, tight_h, tight_e) = at(0.8);
    let (fair_w, fair_h, fair_e) = at(1.0);
    let (loose_w, loose_h, _) = at(1.3);
    eprintln!(
        "A11: need {need} weeks; 0.8×: done week {tight_w}, {tight_h:.1} h, errors {tight_e:.2}; \
         1.0×: week {fair_w}, {fair_h:.1} h, errors {fair_e:.2}; 1.3×: week {loose_w}, {loose_h:.1} h"
    );
    assert!(
        tight_h > fair_h,
        "tight dates mean more overtime: {tight_h:.1} h vs {fair_h:.1} h"
    );
    assert!(
        tight_e > fair_e,
        "tight dates mean more errors: {tight_e:.2} vs {fair_e:.2}"
    );
    assert!(
        tight_w >= fair_w - 1.0,
        "tight dates do not finish sooner: week {tight_w} vs {fair_w}"
    );
    assert!(
        loose_w >= fair_w,
        "loose dates bring Parkinson slack: week {loose_w} vs {fair_w}"
    );
}

/// A8 — dependencies multiply delay risk (Magennis) and congruence cuts resolution time (Cataldo).
#[test]
fn a8_dependencies_multiply_delay_and_congruence_speeds_resolution() {
    use orgcraft::sim::{Dependency, Relation};
    let scenario = |deps: usize| {
        let mut teams = String::new();
        for t in 0..5 {
            let mut people = String::new();
            for i in 0..4 {
                people.push_str(&format!(
                    "(name: \"P{t}_{i}\", tenure_weeks: 150, exhaustion: 20.0),"
                ));
            }
            teams.push_str(&format!(
                "(id: \"t{t}\", service_share: 0.3, debt_share: 0.0, members: [{people}]),"
            ));
        }
        let dep_list: Vec<String> = (1..=deps)
            .map(|p| format!("(provider: \"t{p}\", work: 2.0)"))
            .collect();
        parse(&format!(
            r#"Scenario(id: "deps", title: "Deps", lesson: "x", weeks: 30, params: (hazard_base: 0.0),
            products: [(id: "p", segment: Smb, users: 67970.0, signups_base: 2500.0, activation: 0.32, monthly_churn: 0.05)],
            teams: [{teams}],
            initiatives: [(id: "x", team: "t0", state: Delivery, size: 10.0, deps: [{}])])"#,
            dep_list.join(",")
        ))
    };
    // Completion time of every dependency of the item, per seed.
    let waits = |deps: usize, kappa: f64, seeds: u64| -> Vec<Vec<f64>> {
        let sc = scenario(deps);
        (0..seeds)
            .map(|seed| {
                let mut sim = Sim::new(&sc, seed);
                if kappa > 0.0 {
                    let mut org = sim.world_mut().resource_mut::<Org>();
                    for p in 1..=deps as u32 {
                        let rel = Relation {
                            congruence: kappa,
                            connecting_until: 100,
                            ..Default::default()
                        };
                        org.relations.insert((TeamId(0), TeamId(p)), rel);
                    }
                }
                for _ in 0..30 {
                    sim.step();
                }
                let w = sim.world();
                w.resource::<Index>()
                    .dependencies
                    .values()
                    .filter_map(|e| w.get::<Dependency>(*e))
                    .map(|d| d.done_at.unwrap_or(99.0) - d.requested_at)
                    .collect()
            })
            .collect()
    };
    let single: Vec<f64> = waits(1, 0.0, 300).into_iter().flatten().collect();
    let t = {
        let mut s = single.clone();
        s.sort_by(f64::total_cmp);
        s[(s.len() as f64 * 0.7) as usize]
    };
    let on_time = |runs: &[Vec<f64>]| {
        runs.iter().filter(|r| r.iter().all(|x| *x <= t)).count() as f64 / runs.len() as f64
    };
    let p1 = on_time(&waits(1, 0.0, 300));
    let mut report = vec![format!("n=1: {p1:.2}")];
    for n in 2..=4 {
        let pn = on_time(&waits(n, 0.0, 300));
        report.push(format!("n={n}: {pn:.2} (p1^n = {:.2})", p1.powi(n as i32)));
        assert!(
            (pn - p1.powi(n as i32)).abs() <= 0.1,
            "P(on time) with {n} dependencies {pn:.2} vs p1^n {:.2}",
            p1.powi(n as i32)
        );
    }
    let mean = |v: Vec<Vec<f64>>| {
        let all: Vec<f64> = v.into_iter().flatten().collect();
        all.iter().sum::<f64>() / all.len() as f64
    };
    let (k0, k1) = (mean(waits(1, 0.0, 200)), mean(waits(1, 1.0, 200)));
    let cut = 1.0 - k1 / k0;
    eprintln!(
        "A8: P(on time) {}; resolution {k0:.2} → {k1:.2} weeks at κ = 1 ({:.0} % faster)",
        report.join(", "),
        cut * 100.0
    );
    assert!(
        (0.25..=0.35).contains(&cut),
        "congruence κ = 1 cut resolution by {:.0} %, expected 25–35 %",
        cut * 100.0
    );
}
