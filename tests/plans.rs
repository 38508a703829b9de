//! Golden test plans: every shipped scenario (and the template) carries at least two plans, a
//! good line and a failing one, and `cargo test` runs them all.

mod common;

use orgcraft::headless::plans;
use orgcraft::scenario;

fn all_files() -> Vec<std::path::PathBuf> {
    common::shipped_and_template()
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
    // The servant never lays anyone off.
    let laid_off = scenario::expect::parse("laid off", &sc.raw, &sc.names).expect("an event");
    let plan = &mut sc.plans[0];
    plan.seeds = 3;
    plan.expect.combined = Some((95.0, 100.0));
    plan.events = vec![laid_off];
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
            .any(|f| f.contains("\"laid off\" happened in 0 %")),
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

#[test]
fn expected_events_match_what_happened_and_to_whom() {
    let base = std::fs::read_to_string(common::scenarios_dir().join("conference_crunch.ron"))
        .expect("read");
    let with = |events: &str| {
        let text = base.replacen(
            "events: [\"shipped live_collab\"]",
            &format!("events: [{events}]"),
            1,
        );
        let sc = scenario::parse("t.ron", text.as_bytes()).unwrap_or_else(|d| panic!("{d:#?}"));
        let r = plans::check(&sc, None);
        r.into_iter().next().expect("the first plan")
    };
    // The good line ships live_collab in every seed; "offline_mode" rarely ships; a text that
    // only appears inside another line ("committed") is not an event at all.
    let good =
        with("\"shipped live_collab\", \"shipped \\\"Live collaboration (Summit launch)\\\"\"");
    assert!(good.pass, "{:?}", good.failures);
    assert!(
        good.events
            .iter()
            .all(|e| e.share == 1.0 && e.median_week.is_some())
    );
    // "To whom" counts: offline_mode's share is that initiative's own, not any ship's.
    let other = with("\"shipped offline_mode\", \"shipped\"");
    let offline = other
        .initiatives
        .iter()
        .find(|i| i.initiative == "offline_mode")
        .expect("offline_mode");
    assert_eq!(other.events[0].share, offline.shipped_share);
    assert!(other.events[0].share < 1.0, "{:?}", other.events);
    assert_eq!(other.events[1].share, 1.0, "{:?}", other.events);
    let err = scenario::parse(
        "t.ron",
        base.replacen(
            "events: [\"shipped live_collab\"]",
            "events: [\"committed\"]",
            1,
        )
        .as_bytes(),
    )
    .expect_err("not an event");
    assert!(
        err[0].message.contains("does not start with an event"),
        "{}",
        err[0]
    );
    let err = scenario::parse(
        "t.ron",
        base.replacen(
            "events: [\"shipped live_collab\"]",
            "events: [\"shipped live_colab\"]",
            1,
        )
        .as_bytes(),
    )
    .expect_err("unknown initiative");
    assert!(
        err[0]
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("live_collab"),
        "{}",
        err[0]
    );
}

#[test]
fn check_reports_when_each_initiative_shipped_or_missed_its_date() {
    let sc = common::load("conference_crunch.ron");
    let results = plans::check(&sc, Some(4));
    let line = |plan: usize| {
        results[plan]
            .initiatives
            .iter()
            .find(|i| i.initiative == "live_collab")
            .cloned()
            .expect("live_collab")
    };
    let good = line(0);
    assert_eq!(good.deadline_week, Some(7));
    assert_eq!(good.shipped_share, 1.0);
    assert!(
        good.shipped_median_week.is_some_and(|w| w <= 7.0),
        "{good:?}"
    );
    let held = line(1);
    assert_eq!(held.missed_share, 1.0, "{held:?}");
    assert!(held.missed_median_week.is_some_and(|w| w > 7.0), "{held:?}");
}

#[test]
fn run_with_a_plan_plays_the_line_check_plays() {
    for path in all_files() {
        let sc = scenario::load(&path).unwrap_or_else(|d| panic!("{d:?}"));
        let checked = plans::check(&sc, Some(1));
        for (plan, result) in sc.plans.iter().zip(&checked) {
            let (report, _, _) = plans::run_plan(&sc, plan, sc.raw.seed).expect("known bot");
            assert_eq!(
                report.combined, result.combined.p50,
                "{} / {}: run --plan and check disagree",
                sc.raw.id, plan.name
            );
        }
    }
}

#[test]
fn every_log_line_names_its_initiative() {
    for path in all_files() {
        let sc = scenario::load(&path).unwrap_or_else(|d| panic!("{d:?}"));
        for plan in &sc.plans {
            let (report, _, _) = plans::run_plan(&sc, plan, sc.raw.seed).expect("known bot");
            for (week, _, text) in &report.debrief.events {
                let lower = text.to_lowercase();
                let numbered = lower
                    .split("initiative ")
                    .skip(1)
                    .any(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || c == '#'));
                assert!(!numbered, "{} week {week}: {text}", sc.raw.id);
            }
        }
    }
}

/// Issue 12, item 6 asks that each scenario's good line beat the plain `servant` bot by a
/// clear margin, so that the lesson's own decisions matter. This prints, on the plan's own
/// seeds, the best plan's median combined score beside the servant's. It asserts only that
/// the table is complete: the margin is not yet met in every scenario (see the closing note
/// of issue 12), and a test tuned to pass it would say nothing.
#[test]
fn good_plans_against_the_plain_servant_are_printed() {
    let mut rows = Vec::new();
    for path in common::shipped() {
        let sc = scenario::load(&path).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        let results = plans::check(&sc, None);
        let best = results
            .iter()
            .max_by(|a, b| a.combined.p50.total_cmp(&b.combined.p50))
            .expect("plans");
        let servant: Vec<f64> = best
            .seeds
            .iter()
            .map(|&s| common::combined(&sc, "servant", s))
            .collect();
        let servant = common::median(servant);
        rows.push(format!(
            "{:<18} {:<44} plan {:>5.1}  servant {:>5.1}  margin {:>+5.1}",
            sc.raw.id,
            best.name,
            best.combined.p50,
            servant,
            best.combined.p50 - servant
        ));
    }
    println!("{}", rows.join("\n"));
    assert_eq!(rows.len(), common::shipped().len());
}
