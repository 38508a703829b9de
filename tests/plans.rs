//! Golden test plans: every shipped scenario (and the template) carries at least two plans, a
//! good line and a failing one, and `cargo test` runs them all.

mod common;

use orgcraft::headless::plans;
use orgcraft::scenario;

fn all_files() -> Vec<std::path::PathBuf> {
    let mut v = common::shipped();
    v.push(common::scenarios_dir().join("template.ron"));
    v
}

#[test]
fn every_scenario_has_a_good_and_a_failing_plan_and_they_pass() {
    let mut failures = Vec::new();
    for path in all_files() {
        let sc = scenario::load(&path).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        assert!(
            sc.plans.len() >= 2,
            "{} has {} plans",
            path.display(),
            sc.plans.len()
        );
        let results = plans::check(&sc, None);
        for r in &results {
            println!(
                "{} / {}: {} combined {:.1} [{:.1}–{:.1}]",
                sc.raw.id,
                r.name,
                if r.pass { "PASS" } else { "FAIL" },
                r.combined.p50,
                r.combined.p10,
                r.combined.p90
            );
            if !r.pass {
                failures.push(format!("{} / {}: {:?}", sc.raw.id, r.name, r.failures));
            }
        }
        // A good line and a failing line: the best plan's p10 clears the worst plan's p90, so
        // the two lines are told apart by the decisions, not by the seeds.
        let best = results
            .iter()
            .max_by(|a, b| a.combined.p50.total_cmp(&b.combined.p50))
            .expect("plans");
        let worst = results
            .iter()
            .min_by(|a, b| a.combined.p50.total_cmp(&b.combined.p50))
            .expect("plans");
        assert!(
            best.combined.p10 > worst.combined.p90,
            "{}: \"{}\" p10 {:.1} does not clear \"{}\" p90 {:.1}",
            sc.raw.id,
            best.name,
            best.combined.p10,
            worst.name,
            worst.combined.p90
        );
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_plan_whose_band_is_wrong_fails_with_the_figures() {
    let mut sc = common::load("brooks_trap.ron");
    let plan = &mut sc.plans[0];
    plan.seeds = 3;
    plan.expect.combined = Some((95.0, 100.0));
    plan.expect.events = vec!["a thing that never happens".into()];
    let r = &plans::check(&sc, None)[0];
    assert!(!r.pass);
    assert_eq!(r.seeds.len(), 3);
    assert!(
        r.failures
            .iter()
            .any(|f| f.starts_with("median combined") && f.contains("95–100")),
        "{:?}",
        r.failures
    );
    assert!(
        r.failures
            .iter()
            .any(|f| f.contains("\"a thing that never happens\" happened in 0 %")),
        "{:?}",
        r.failures
    );
}

#[test]
fn scripted_steps_are_played_and_change_the_run() {
    let sc = common::load("brooks_trap.ron");
    let mut plan = sc.plans[0].clone();
    plan.steps.clear();
    plan.policy = "caretaker".into();
    plan.respond = None;
    let bare = plans::play_plan(&sc, &plan, 1).unwrap();
    plan.steps.push((
        1,
        orgcraft::sim::Action::SetOvertimePolicy {
            policy: orgcraft::model::eq::OvertimePolicy::Crunch,
        },
    ));
    let crunched = plans::play_plan(&sc, &plan, 1).unwrap();
    assert!(
        crunched.refused_steps.is_empty(),
        "{:?}",
        crunched.refused_steps
    );
    // Crunch from week 1 costs culture (§4.6): the scripted step was applied.
    assert!(
        crunched.culture < bare.culture - 0.5,
        "{} vs {}",
        crunched.culture,
        bare.culture
    );
}
