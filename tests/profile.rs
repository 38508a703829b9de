//! The leadership profile (issue 14) is right for bots whose behaviour is known: the yes-man
//! never defends, the servant defends and connects, the passive bot does nothing, and the
//! servant's own game matches the servant line it is compared with.

mod common;

use orgcraft::headless::log::{DecisionLog, record};
use orgcraft::headless::policy_by_name;
use orgcraft::report::profile::{Axis, Profile, profile};

fn played(file: &str, bot: &str) -> (orgcraft::scenario::Scenario, DecisionLog) {
    let sc = common::load(file);
    let mut policy = policy_by_name(bot).expect("bot");
    let (_, log) = record(&sc, bot, policy.as_mut(), sc.raw.seed, None);
    (sc, log)
}

fn axis(p: &Profile, a: Axis) -> &orgcraft::report::profile::AxisLine {
    p.axes.iter().find(|l| l.axis == a).expect("every axis")
}

#[test]
fn the_yes_man_never_defends() {
    let (sc, log) = played("pmo_gantt.ron", "yes-man");
    let p = profile(&sc, &log);
    let defend = axis(&p, Axis::Defend);
    assert_eq!(defend.yours, 0, "{defend:?}");
    assert_eq!(p.demands.0, 0);
    assert!(p.demands.1 > 0, "the yes-man answers pmo_gantt's demands");
    assert!(
        defend.feedback.contains("complied with all"),
        "{}",
        defend.feedback
    );
    // The servant line in the same world did defend.
    assert!(p.servant_demands.0 > 0, "{:?}", p.servant_demands);
}

#[test]
fn the_servant_defends_and_connects_and_is_its_own_line() {
    let (sc, log) = played("dependency_hell.ron", "servant");
    let p = profile(&sc, &log);
    for a in [Axis::Support, Axis::Defend, Axis::Connect] {
        let line = axis(&p, a);
        assert!(
            line.yours > 0,
            "the servant took no {a:?} decision: {line:?}"
        );
        // The servant line is the servant's game: the same counts.
        assert_eq!(line.yours, line.servant, "{line:?}");
        assert!(
            line.feedback.starts_with("A strength") || a == Axis::Defend,
            "{}",
            line.feedback
        );
    }
    assert!(p.demands.0 > 0, "{:?}", p.demands);
    assert_eq!(p.demands, p.servant_demands);
}

#[test]
fn the_passive_bot_hears_that_it_hardly_led() {
    let (sc, log) = played("pmo_gantt.ron", "passive");
    let p = profile(&sc, &log);
    for l in &p.axes {
        assert_eq!(l.yours, 0, "{l:?}");
        if l.axis != Axis::Defend && l.servant > 0 {
            assert!(l.feedback.starts_with("You hardly ever"), "{}", l.feedback);
        }
    }
    assert!(
        p.traits
            .iter()
            .any(|t| t.contains("neither shared nor took")),
        "{:?}",
        p.traits
    );
    assert!(
        p.traits.iter().any(|t| t.contains("did not mentor")),
        "{:?}",
        p.traits
    );
}

#[test]
fn the_profile_is_in_the_report() {
    let (sc, log) = played("pmo_gantt.ron", "servant");
    let run = orgcraft::headless::log::replay(&sc, &log).expect("replay");
    let md = orgcraft::report::markdown(&orgcraft::report::ReportData {
        scenario: &sc,
        log: &log,
        run: &run,
        luck: None,
    });
    assert!(md.contains("## Your leadership profile"), "{md}");
    for a in Axis::ALL {
        assert!(md.contains(&format!("| {} |", a.label())), "{md}");
    }
}
