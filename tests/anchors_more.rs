//! The rest of MODEL.md §12 (issue 12, item 6): A3 hiring delay, A4 the staffing swing, A15
//! culture ↔ performance, A16 churn and adoption, A17 ramp-up, A18 unstable priorities. Each
//! is a headless test over many seeds and prints its figures.

mod common;

use bevy::prelude::World;
use common::{Scripted, median, one_team, parse};
use orgcraft::headless::{Sim, play, policy_by_name};
use orgcraft::model::{InitiativeId, TeamId};
use orgcraft::scenario::{Role, Scenario};
use orgcraft::sim::{Action, Budget, Clock, Index, Initiative, Org, Person, Product, Response};

/// Plays until initiative 0 ships (or `max` weeks) with `bot`; returns (ship week, spend).
fn completion(
    sc: &Scenario,
    seed: u64,
    max: u32,
    bot: &mut dyn orgcraft::headless::Policy,
) -> (f64, f64) {
    let mut sim = Sim::new(sc, seed);
    for _ in 0..max {
        sim.step_with(bot);
        let w = sim.world();
        let e = w.resource::<Index>().initiatives[&InitiativeId(0)];
        if let Some(s) = w.get::<Initiative>(e).and_then(|i| i.ship_week) {
            return (f64::from(s), w.resource::<Budget>().total_spent);
        }
    }
    (
        f64::from(max) + 1.0,
        sim.world().resource::<Budget>().total_spent,
    )
}

/// `src` with a budget large enough that no hire is refused for money (A3 and A4 test delays).
fn ample_budget(src: String) -> String {
    src.replacen(
        "products: [",
        "budget: (quarter_total: 100000000.0),\n    products: [",
        1,
    )
}

/// People not on notice.
fn staying(w: &World) -> usize {
    w.resource::<Index>()
        .people
        .values()
        .filter_map(|e| w.get::<Person>(*e))
        .filter(|p| p.notice.is_none())
        .count()
}

/// A gap-driven hiring policy (Abdel-Hamid's): whenever the team and its open requisitions
/// are below `target` people, open one more requisition.
fn gap_hiring(target: usize) -> impl FnMut(&World) -> Vec<Action> {
    move |w: &World| {
        let (staying, open) = (staying(w), w.resource::<Org>().requisitions.len());
        if staying + open < target {
            vec![Action::OpenRequisition {
                team: TeamId(0),
                role: Role::Engineer,
                level: 3,
            }]
        } else {
            Vec::new()
        }
    }
}

/// Abdel-Hamid's gap-driven hiring with his delay rule: the people the remaining work needs by
/// the deadline (at `per_person` points a week each), hired only while a hire can still arrive
/// (`hiring_delay` weeks) before it.
fn deadline_hiring(
    deadline: u32,
    hiring_delay: f64,
    per_person: f64,
) -> impl FnMut(&World) -> Vec<Action> {
    move |w: &World| {
        let week = w.resource::<Clock>().week + 1;
        let idx = w.resource::<Index>();
        let Some(it) = idx
            .initiatives
            .get(&InitiativeId(0))
            .and_then(|e| w.get::<Initiative>(*e))
        else {
            return Vec::new();
        };
        let left = (it.size - it.good_done).max(0.0);
        let weeks_left = f64::from(deadline.saturating_sub(week)).max(1.0);
        let (staying, open) = (staying(w), w.resource::<Org>().requisitions.len());
        let needed = (left / (per_person * weeks_left)).ceil() as usize;
        if weeks_left > hiring_delay && staying + open < needed.min(16) {
            vec![Action::OpenRequisition {
                team: TeamId(0),
                role: Role::Engineer,
                level: 3,
            }]
        } else {
            Vec::new()
        }
    }
}

/// A3 — hiring delay: a longer delay to fill a requisition makes the project longer but
/// cheaper (gap-driven hiring against a week-30 deadline, as Abdel-Hamid ran it).
#[test]
fn a3_longer_hiring_delay_means_longer_but_cheaper() {
    let items = r#"(id: "big", team: "t", state: Delivery, size: 160.0, max_parallel: 16)"#;
    let run = |mu: f64| {
        let params = format!("hire_mean_weeks_employee: {mu}, hazard_base: 0.0");
        let sc = parse(&ample_budget(one_team(
            80,
            "debt_share: 0.0,",
            4,
            items,
            &params,
        )));
        let (mut weeks, mut cost) = (vec![], vec![]);
        for seed in 0..30 {
            let mut bot = Scripted(deadline_hiring(30, mu, 0.6));
            let (w, c) = completion(&sc, seed, 80, &mut bot);
            weeks.push(w);
            cost.push(c);
        }
        (median(weeks), median(cost))
    };
    let (w4, c4) = run(4.0);
    let (w15, c15) = run(15.0);
    eprintln!(
        "A3: hiring delay 4 weeks: completion week {w4}, cost {c4:.0}; 15 weeks: week {w15}, cost {c15:.0}"
    );
    assert!(
        w15 > w4,
        "a longer hiring delay should lengthen the project: {w15} vs {w4}"
    );
    assert!(
        c15 < c4,
        "a longer hiring delay should cost less: {c15:.0} vs {c4:.0}"
    );
}

/// A4 — staffing variables swing cost and duration by about 40–60 % (±15): mean employment
/// time 100–5,000 days and assimilation 4–16 weeks, a gap-driven hiring policy replacing leavers.
#[test]
fn a4_staffing_variables_swing_cost_and_duration() {
    let items = r#"(id: "big", team: "t", state: Delivery, size: 160.0, max_parallel: 12)"#;
    let (mut weeks, mut costs) = (vec![], vec![]);
    let mut rows = Vec::new();
    for days in [100.0, 500.0, 5000.0] {
        for tau in [4.0, 10.0, 16.0] {
            // A constant weekly hazard with the given mean time in the job.
            let hazard = 7.0 / days;
            let params = format!(
                "hazard_base: {hazard}, assimilation_tau: {tau}, hire_mean_weeks_employee: 8.0"
            );
            let sc = parse(&ample_budget(one_team(
                104,
                &format!("assimilation_tau: {tau}, debt_share: 0.0,"),
                8,
                items,
                &params,
            )));
            let (mut w, mut c) = (vec![], vec![]);
            for seed in 0..20 {
                let mut bot = Scripted(gap_hiring(8));
                let (a, b) = completion(&sc, seed, 104, &mut bot);
                w.push(a);
                c.push(b);
            }
            let (mw, mc) = (median(w), median(c));
            rows.push(format!(
                "  employment {days:>5} days, assimilation τ {tau:>4}: week {mw:>5}, cost {mc:>9.0}"
            ));
            weeks.push(mw);
            costs.push(mc);
        }
    }
    let span = |v: &[f64]| {
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (hi - lo) / hi
    };
    let (sw, sc) = (span(&weeks), span(&costs));
    eprintln!(
        "A4:\n{}\n  swing (max − min) / max: duration {:.0} %, cost {:.0} %",
        rows.join("\n"),
        100.0 * sw,
        100.0 * sc
    );
    for (what, s) in [("duration", sw), ("cost", sc)] {
        assert!(
            (0.25..=0.75).contains(&s),
            "the {what} swing {:.0} % is outside 40–60 % ± 15",
            100.0 * s
        );
    }
}

/// A15 — culture and performance correlate (DORA), without being wired together: over 500
/// random-policy games per scenario (750 in all), the information-flow (Westrum) score and the
/// product score.
#[test]
fn a15_culture_and_product_correlate_over_random_games() {
    let mut report = Vec::new();
    let mut pooled = Vec::new();
    for name in ["pmo_gantt.ron", "dependency_hell.ron", "scaling_up.ron"] {
        let sc = common::load(name);
        let (mut xs, mut ys) = (vec![], vec![]);
        for seed in 0..250 {
            let mut bot = policy_by_name("random").expect("random");
            let out = play(&sc, seed, bot.as_mut(), &[], false);
            let wgi = out
                .subscores
                .iter()
                .find(|s| s.0 == "wgi")
                .map(|s| s.1)
                .unwrap_or(f64::NAN);
            xs.push(wgi);
            ys.push(out.product);
        }
        let r = pearson(&xs, &ys);
        report.push(format!("{name}: r = {r:.2} over {} games", xs.len()));
        pooled.push(r);
    }
    eprintln!(
        "A15: Westrum score vs product score, random policy\n  {}",
        report.join("\n  ")
    );
    for r in pooled {
        assert!(
            r > 0.0,
            "culture and product should correlate positively: r = {r:.2}"
        );
    }
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    cov / (vx * vy).sqrt().max(1e-12)
}

/// A16 — churn and adoption (competitor drift off): users converge to signups × activation /
/// weekly churn. Each time
/// the equilibrium `U*` moves (an incident, a loss of value fit), users follow
/// `U* + (U₀ − U*)(1 − c_w)^t` from there; 2 % monthly churn holds about 2.5× the users of
/// 5 %, and the user curve flattens as it converges. (The model keeps cohort sizes, not each
/// cohort's retention curve, so the flattening half of A16 is read on the user curve.)
#[test]
fn a16_users_converge_to_the_churn_equilibrium() {
    let run = |churn: f64| {
        let src = format!(
            r#"Scenario(id: "m", title: "Market", lesson: "x", weeks: 104, params: (epilogue_weeks: 0, value_fit_drift: 0.0),
            products: [(id: "p", segment: Smb, users: 67970.0, signups_base: 2500.0, activation: 0.32, monthly_churn: {churn})],
            teams: [(id: "t", members: [(name: "A", engagement: 55.0, exhaustion: 20.0)])])"#
        );
        let sc = parse(&src);
        let (mut miss, mut eq_users, mut early, mut late) = (vec![], vec![], vec![], vec![]);
        for seed in 0..20 {
            let mut sim = Sim::new(&sc, seed);
            let (mut users, mut u_star, mut keep) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..104 {
                sim.step();
                let w = sim.world();
                let e = *w
                    .resource::<Index>()
                    .products
                    .values()
                    .next()
                    .expect("product");
                let p = w.get::<Product>(e).expect("product");
                // This week's inflow (signups × activation) is the newest cohort.
                let cw = orgcraft::model::eq::weekly_churn(p.monthly_churn);
                users.push(p.users);
                u_star.push(p.cohorts.back().copied().unwrap_or(0.0) / cw);
                keep.push(1.0 - cw);
            }
            // From the last week the equilibrium moved, the closed form predicts the end.
            let n = users.len();
            let k = (1..n)
                .rev()
                .find(|&i| (u_star[i] - u_star[i - 1]).abs() > 1e-3 * u_star[i])
                .unwrap_or(0);
            if n - 1 - k >= 8 {
                let (target, t) = (u_star[n - 1], (n - 1 - k) as i32);
                let predicted = target + (users[k] - target) * keep[n - 1].powi(t);
                miss.push((users[n - 1] / predicted - 1.0).abs());
            }
            eq_users.push(u_star[0]);
            early.push((users[8] - users[0]).abs());
            late.push((users[103] - users[95]).abs());
        }
        let worst = miss.iter().copied().fold(0.0, f64::max);
        (
            worst,
            miss.len(),
            median(eq_users),
            median(early),
            median(late),
        )
    };
    let (m5, n5, s5, _, _) = run(0.05);
    let (m2, n2, s2, e2, l2) = run(0.02);
    eprintln!(
        "A16: users end within {:.1} % (5 % churn, {n5} seeds) and {:.1} % (2 % churn, {n2} seeds) of the closed-form path to U* = signups·activation/churn; U* {s5:.0} at 5 % vs {s2:.0} at 2 %; users gained in weeks 1–9 {e2:.0} vs 96–104 {l2:.0} at 2 %",
        100.0 * m5,
        100.0 * m2
    );
    assert!(
        n5 >= 10 && n2 >= 10,
        "too few seeds with a settled equilibrium"
    );
    for m in [m5, m2] {
        assert!(
            m <= 0.03,
            "users should follow the churn equilibrium's path: off by {:.1} %",
            100.0 * m
        );
    }
    assert!(
        s2 > 2.0 * s5,
        "2 % churn should hold far more users: {s2:.0} vs {s5:.0}"
    );
    assert!(
        l2 < e2,
        "the user curve should flatten as it converges: {l2:.0} vs {e2:.0}"
    );
}

/// A17 — ramp-up: a new professional reaches 90 % productivity at 18–22 weeks on a medium
/// codebase (τ = 10) and by about 30 weeks on a large one (τ = 16), plateauing within a year.
#[test]
fn a17_new_hires_ramp_up_over_months() {
    let weeks_to = |tau: f64| {
        let params =
            format!("hire_mean_weeks_employee: 1.0, hazard_base: 0.0, assimilation_tau: {tau}");
        let sc = parse(&one_team(
            70,
            &format!("assimilation_tau: {tau},"),
            3,
            "",
            &params,
        ));
        let mut at90 = Vec::new();
        let mut at52 = Vec::new();
        for seed in 0..10 {
            let mut sim = Sim::new(&sc, seed);
            let _ = sim.submit(Action::OpenRequisition {
                team: TeamId(0),
                role: Role::Engineer,
                level: 3,
            });
            let mut joined: Option<(u32, orgcraft::model::PersonId)> = None;
            let mut reached = None;
            for _ in 0..70 {
                sim.step();
                let w = sim.world();
                let week = w.resource::<Clock>().week;
                let idx = w.resource::<Index>();
                if joined.is_none() {
                    joined = idx
                        .people
                        .iter()
                        .find(|(_, e)| w.get::<Person>(**e).is_some_and(|p| p.tenure_w < 1.5))
                        .map(|(id, _)| (week, *id));
                }
                if let Some((start, id)) = joined {
                    let a = idx
                        .people
                        .get(&id)
                        .and_then(|e| w.get::<Person>(*e))
                        .map(|p| p.assimilation);
                    if let Some(a) = a {
                        if reached.is_none() && a >= 0.9 {
                            reached = Some(f64::from(week - start));
                        }
                        if week - start == 52 {
                            at52.push(a);
                        }
                    }
                }
            }
            at90.push(reached.unwrap_or(99.0));
        }
        (median(at90), median(at52))
    };
    let (m10, p10) = weeks_to(10.0);
    let (m16, p16) = weeks_to(16.0);
    eprintln!(
        "A17: weeks to 90 % productivity: {m10} at τ = 10, {m16} at τ = 16; at 12 months {p10:.2} and {p16:.2}"
    );
    assert!(
        (18.0..=22.0).contains(&m10),
        "τ = 10: {m10} weeks to 90 %, expected 18–22"
    );
    assert!(
        (24.0..=36.0).contains(&m16),
        "τ = 16: {m16} weeks to 90 %, expected about 30"
    );
    assert!(
        p16 >= 0.95,
        "τ = 16 should plateau within 12 months: {p16:.2}"
    );
}

/// A18 — unstable priorities burn people out (DORA 2024): a feature injection every week,
/// complied with, against none: exhaustion and attrition are higher under the churn.
#[test]
fn a18_unstable_priorities_raise_exhaustion_and_attrition() {
    let run = |inject: bool| {
        let items = r#"(id: "a", team: "t", state: Delivery, size: 60.0), (id: "b", team: "t", state: Delivery, size: 60.0), (id: "c", team: "t", state: Delivery, size: 60.0)"#;
        let base = one_team(26, "", 8, items, "epilogue_weeks: 0");
        let events: String = if inject {
            (1..=26)
                .map(|w| format!("(week: {w}, event: Demand(from: \"sales\", kind: FeatureInjection, team: \"t\", intensity: 1.0)),"))
                .collect()
        } else {
            String::new()
        };
        let extra = format!(
            r#"stakeholders: [(id: "sales", role: SalesVp, power: 0.6, waterfall: 0.5, trust: (ability: 55, benevolence: 55, integrity: 60))],
            scripted_events: [{events}],
            )"#
        );
        let src = base.trim_end().trim_end_matches(')').to_string() + &extra;
        let sc = parse(&src);
        let (mut x, mut hazard) = (vec![], vec![]);
        for seed in 0..30 {
            let mut sim = Sim::new(&sc, seed);
            let mut comply = Scripted(|w: &World| {
                w.resource::<Org>()
                    .demands
                    .iter()
                    .map(|d| Action::Respond {
                        demand: d.id,
                        response: Response::Comply,
                    })
                    .collect()
            });
            for _ in 0..26 {
                sim.step_with(&mut comply);
            }
            let w = sim.world();
            let people: Vec<&Person> = w
                .resource::<Index>()
                .people
                .values()
                .filter_map(|e| w.get::<Person>(*e))
                .collect();
            let n = people.len().max(1) as f64;
            x.push(people.iter().map(|p| p.exhaustion).sum::<f64>() / n);
            let quits = f64::from(w.resource::<Org>().voluntary_exits)
                + people.iter().filter(|p| p.notice.is_some()).count() as f64;
            let expected: f64 = people
                .iter()
                .map(|p| orgcraft::model::eq::annual_turnover(p.hazard))
                .sum::<f64>()
                / n;
            hazard.push(expected + quits / 8.0);
        }
        (median(x), median(hazard))
    };
    let (x0, h0) = run(false);
    let (x1, h1) = run(true);
    eprintln!(
        "A18: mean exhaustion {x0:.1} without churn vs {x1:.1} with a feature injection a week; attrition (expected annual + quit share) {h0:.3} vs {h1:.3}"
    );
    assert!(
        x1 > x0,
        "priority churn should raise exhaustion: {x1:.1} vs {x0:.1}"
    );
    assert!(
        h1 > h0,
        "priority churn should raise attrition: {h1:.3} vs {h0:.3}"
    );
}
