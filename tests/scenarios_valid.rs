//! Every shipped scenario (and the template) loads, validates with no warnings, and plays to the
//! end; at least eight ship.

mod common;

use orgcraft::scenario;

#[test]
fn every_shipped_scenario_loads_and_validates_clean() {
    let mut files = common::shipped();
    assert!(
        files.len() >= 8,
        "expected at least eight shipped scenarios, found {}",
        files.len()
    );
    files.push(common::template());
    for p in files {
        match scenario::load(&p) {
            Ok(mut sc) => {
                // Including the checks that need the week-0 world (validate runs them too).
                sc.warnings.extend(orgcraft::headless::lint(&sc));
                assert!(
                    sc.warnings.is_empty(),
                    "{}: warnings {:#?}",
                    p.display(),
                    sc.warnings
                );
                assert!(
                    !sc.raw.title.is_empty()
                        && !sc.raw.lesson.is_empty()
                        && !sc.raw.briefing.is_empty(),
                    "{}: title, lesson and briefing are required for shipped scenarios",
                    p.display()
                );
            }
            Err(d) => panic!("{} does not validate: {d:#?}", p.display()),
        }
    }
}

#[test]
fn every_shipped_scenario_plays_with_every_policy() {
    for p in common::shipped() {
        let sc = scenario::load(&p).expect("loads");
        for policy in orgcraft::headless::POLICY_NAMES {
            let mut bot = orgcraft::headless::policy_by_name(policy).expect("policy");
            let r = orgcraft::headless::run(&sc, policy, bot.as_mut(), 3, None);
            assert_eq!(
                r.history.iter().filter(|h| !h.epilogue).count() as u32,
                sc.weeks()
            );
            for v in [r.culture, r.product, r.combined] {
                assert!(
                    (0.0..=100.0).contains(&v),
                    "{} {policy}: score {v} out of range",
                    p.display()
                );
            }
        }
    }
}
